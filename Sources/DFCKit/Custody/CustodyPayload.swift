/// The canonical content of one custody event. Its JSON (keys sorted, no whitespace)
/// is stored verbatim as the event's `payload`, and the event's hash is the SHA-256
/// of those bytes. Because it names the previous event's hash, the events form a
/// chain: changing, removing or reordering any event breaks every link after it.
struct CustodyPayload: Codable, Sendable, Equatable {
    /// Format version of the payload.
    var v = 1
    /// Position in the log, from 1.
    var seq: Int64
    /// Hash of the event before it (64 zeros for the first).
    var prev: String
    /// What happened: `ingested`, `acquired`, `accessed`, `verified`, `audited`.
    var action: String
    /// Who did it.
    var actor: String
    /// When, RFC 3339 in UTC.
    var at: String
    /// The exhibit concerned, if one.
    var exhibit: String?
    /// What else there is to know: hashes, paths, host, DFC version, the command.
    var details: [String: String]

    static let genesis = String(repeating: "0", count: 64)
}
