
/// A row of `custody_event`. Rows are never updated or deleted (SQLite triggers refuse it).
struct CustodyEventRecord: Codable, Sendable, CatalogRecord {
    static let table = "custody_event"
    static let key = "seq"

    var seq: Int64
    var exhibitID: Int64?
    var action: String
    var actor: String
    var recordedAt: String
    var payload: String
    var prevHash: String
    var hash: String
    var signature: String?

    /// The columns, in the order `CustodyLog` inserts them.
    static let columns = ["seq", "exhibit_id", "action", "actor", "recorded_at", "payload", "prev_hash", "hash", "signature"]

    enum CodingKeys: String, CodingKey {
        case seq, action, actor, payload, hash, signature
        case exhibitID = "exhibit_id", recordedAt = "recorded_at", prevHash = "prev_hash"
    }
}
