import DFCCore
import Foundation

/// The canonical content of one custody event. Its JSON (keys sorted, no whitespace)
/// is stored verbatim as the event's `payload`: the event's hash is the SHA-256 of
/// those bytes, its signature is the Ed25519 signature of those bytes, and its Merkle
/// leaf hash is SHA-256(0x00 || those bytes). Because it names the previous event's
/// hash, the events form a chain: changing, removing or reordering any event breaks
/// every link after it.
package struct CustodyPayload: Codable, Sendable, Equatable {
    /// Format version of the payload: 2 since events are signed (1 had no role or key).
    package var v = 2
    /// Position in the log, from 1.
    package var seq: Int64
    /// Hash of the event before it (64 zeros for the first).
    package var prev: String
    /// What happened: `actor_registered`, `ingested`, `acquired`, `accessed`, `verified`,
    /// `audited`, `checkpointed`, `proved`.
    package var action: String
    /// Who did it.
    package var actor: String
    /// The actor's role (version 2).
    package var role: String?
    /// The Ed25519 public key that signs the event, hex (version 2).
    package var key: String?
    /// When, RFC 3339 in UTC.
    package var at: String
    /// The exhibit concerned, if one.
    package var exhibit: String?
    /// What else there is to know: hashes, paths, host, DFC version, the command.
    package var details: [String: String]

    /// A payload of format version `v` (2: signed, with role and key).
    package init(v: Int = 2, seq: Int64, prev: String, action: String, actor: String, role: String?, key: String?, at: String,
                 exhibit: String?, details: [String: String]) {
        (self.v, self.seq, self.prev, self.action, self.actor, self.role, self.key, self.at, self.exhibit, self.details)
            = (v, seq, prev, action, actor, role, key, at, exhibit, details)
    }

    package static let genesis = String(repeating: "0", count: 64)
}

extension CustodyPayload {
    /// Every field but `details`, which the audit needs only of a few actions: decoding
    /// a long log's payloads this way skips building a dictionary per event.
    private struct Head: Decodable {
        var v: Int
        var seq: Int64
        var prev: String
        var action: String
        var actor: String
        var role: String?
        var key: String?
        var at: String
        var exhibit: String?
    }

    /// The payload without its details (`details` comes back empty).
    package static func decodeHead(_ bytes: Data, with decoder: JSONDecoder) throws -> CustodyPayload {
        let head = try decoder.decode(Head.self, from: bytes)
        return CustodyPayload(v: head.v, seq: head.seq, prev: head.prev, action: head.action, actor: head.actor, role: head.role,
                              key: head.key, at: head.at, exhibit: head.exhibit, details: [:])
    }
}
