import Foundation
import DFCCore
import DFCLedger

extension Catalog {
    /// Every table of the catalog, each after the tables its rows refer to.
    package static let tablesInOrder = [
        "exhibit", "custody_event", "actor", "checkpoint", "amendment", "batch_file",
        "stream", "packet", "frame", "finding", "pdq",
        "analysis", "analysis_stream", "analysis_packet", "analysis_frame", "analysis_finding", "analysis_pdq",
        "cosigned_checkpoint", "derived_frame", "merkle_node", "time_layer", "place", "exhibit_span", "clock_correction", "camera_source",
        "exhibit_placement",
    ]

    /// The tables whose `id` the engine numbers.
    package static let numberedTables = ["exhibit", "finding", "analysis", "analysis_finding", "cosigned_checkpoint", "derived_frame"]

    /// Copies every row of `source` (one snapshot) into this catalog, which must be empty, value for
    /// value, in transactions of 10,000 rows; then numbers new rows past those copied. Returns how
    /// many rows it copied. What it copied is checked by auditing the copy: every event, every
    /// signature, every row digest and the Merkle tree, against the values as they arrived.
    package func copyRows(from source: Catalog) throws -> Int {
        var copied = 0
        try source.read { from in
            for table in Self.tablesInOrder {
                let cursor = try from.cursor(sql: "SELECT * FROM \(table)")
                var batch: [SQLRow] = []
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    try write { db in
                        let rows = RowInserter(db)
                        for row in batch { try rows.add(table, columns: row.columns, row.values) }
                        try rows.finish()
                    }
                    copied += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
                while let row = try cursor.next() {
                    batch.append(row)
                    if batch.count == 10_000 { try flush() }
                }
                try flush()
            }
        }
        return copied
    }

    /// After `copyRows`: the engine numbers new rows past those copied. On PostgreSQL this moves
    /// each identity sequence, which takes the tables' owner (run it on the owner's catalog);
    /// SQLite numbers past the largest id by itself.
    package func numberPastCopiedRows() throws {
        try write { db in
            guard db.engine == .postgresql else { return }
            for table in Self.numberedTables {
                _ = try db.rows(sql: """
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM \(table)
                    """)
            }
        }
    }
}
