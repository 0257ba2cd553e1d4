import DFCCore
import DFCLedger

/// A row of `custody_event`. Rows are never updated or deleted (SQLite triggers refuse it).
package struct CustodyEventRecord: Codable, Sendable, CatalogRecord {
    package static let table = "custody_event"
    package static let key = "seq"

    package var seq: Int64
    package var exhibitID: Int64?
    package var action: String
    package var actor: String
    package var recordedAt: String
    package var payload: String
    package var prevHash: String
    package var hash: String
    package var signature: String?

    /// The columns, in the order `CustodyLog` inserts them.
    package static let columns = ["seq", "exhibit_id", "action", "actor", "recorded_at", "payload", "prev_hash", "hash", "signature"]

    package enum CodingKeys: String, CodingKey {
        case seq, action, actor, payload, hash, signature
        case exhibitID = "exhibit_id", recordedAt = "recorded_at", prevHash = "prev_hash"
    }

    package init(seq: Int64, exhibitID: Int64? = nil, action: String, actor: String, recordedAt: String, payload: String, prevHash: String, hash: String, signature: String? = nil) {
        self.seq = seq
        self.exhibitID = exhibitID
        self.action = action
        self.actor = actor
        self.recordedAt = recordedAt
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
        self.signature = signature
    }

    /// Every row in order of `seq`, read by column position rather than by name: the audit reads
    /// the whole log so.
    package static func fetchCursorInOrder(_ db: CatalogDB) throws -> () throws -> CustodyEventRecord? {
        let cursor = try db.cursor(sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY seq")
        return {
            try cursor.next().map { row in
                CustodyEventRecord(seq: try row.at(0), exhibitID: try row.at(1), action: try row.at(2), actor: try row.at(3), recordedAt: try row.at(4),
                                   payload: try row.at(5), prevHash: try row.at(6), hash: try row.at(7), signature: try row.at(8))
            }
        }
    }
}
