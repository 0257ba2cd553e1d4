import DFCCore
import DFCLedger

/// A row of `batch_file`: one file a batch has taken in, made with the custody event that
/// took it in. Never updated or deleted (SQLite triggers refuse it).
package struct BatchFileRecord: Codable, Sendable, CatalogRecord {
    package static let table = "batch_file"
    package static let key = "event_seq"

    package var batchSeq: Int64
    package var path: String
    package var eventSeq: Int64
    package var exhibitID: Int64

    package enum CodingKeys: String, CodingKey {
        case path
        case batchSeq = "batch_seq", eventSeq = "event_seq", exhibitID = "exhibit_id"
    }

    package init(batchSeq: Int64, path: String, eventSeq: Int64, exhibitID: Int64) {
        self.batchSeq = batchSeq
        self.path = path
        self.eventSeq = eventSeq
        self.exhibitID = exhibitID
    }
}

extension Catalog {
    /// The paths batch `batch` has taken in so far.
    package static func batchPaths(_ batch: Int64, _ db: CatalogDB) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT path FROM batch_file WHERE batch_seq = ?", arguments: [batch]))
    }
}

extension Catalog {
    /// Of the files batch `batch` has taken in: new exhibits, files already registered, files
    /// with findings, and files whose analysis did not finish.
    package static func batchCounts(_ batch: Int64, _ db: CatalogDB) throws -> (ingested: Int, duplicates: Int, withFindings: Int, analysisFailed: Int) {
        let row = try SQLRow.fetchOne(db, sql: """
            SELECT count(*) FILTER (WHERE c.action = 'ingested'),
                   count(*) FILTER (WHERE c.action = 'acquired'),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM finding f WHERE f.exhibit_id = b.exhibit_id)),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM finding f WHERE f.exhibit_id = b.exhibit_id AND f.kind = 'analysis_failed'))
            FROM batch_file b JOIN custody_event c ON c.seq = b.event_seq WHERE b.batch_seq = ?
            """, arguments: [batch])
        guard let row else { return (0, 0, 0, 0) }
        return (try row.at(0), try row.at(1), try row.at(2), try row.at(3))
    }
}
