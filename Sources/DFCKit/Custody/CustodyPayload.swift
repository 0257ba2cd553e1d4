/// The canonical content of one custody event. Its JSON (keys sorted, no whitespace)
/// is stored verbatim as the event's `payload`: the event's hash is the SHA-256 of
/// those bytes, its signature is the Ed25519 signature of those bytes, and its Merkle
/// leaf hash is SHA-256(0x00 || those bytes). Because it names the previous event's
/// hash, the events form a chain: changing, removing or reordering any event breaks
/// every link after it.
struct CustodyPayload: Codable, Sendable, Equatable {
    /// Format version of the payload: 2 since events are signed (1 had no role or key).
    var v = 2
    /// Position in the log, from 1.
    var seq: Int64
    /// Hash of the event before it (64 zeros for the first).
    var prev: String
    /// What happened: `actor_registered`, `ingested`, `acquired`, `accessed`, `verified`,
    /// `audited`, `checkpointed`, `proved`.
    var action: String
    /// Who did it.
    var actor: String
    /// The actor's role (version 2).
    var role: String?
    /// The Ed25519 public key that signs the event, hex (version 2).
    var key: String?
    /// When, RFC 3339 in UTC.
    var at: String
    /// The exhibit concerned, if one.
    var exhibit: String?
    /// What else there is to know: hashes, paths, host, DFC version, the command.
    var details: [String: String]

    static let genesis = String(repeating: "0", count: 64)
}
