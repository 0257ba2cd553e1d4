import Foundation

extension Catalog {
    /// Every table of the catalog, each after the tables its rows refer to.
    static let tablesInOrder = [
        "exhibit", "custody_event", "actor", "checkpoint", "amendment", "batch_file",
        "stream", "packet", "frame", "finding", "pdq",
        "analysis", "analysis_stream", "analysis_packet", "analysis_frame", "analysis_finding", "analysis_pdq",
        "cosigned_checkpoint", "derived_frame", "merkle_node",
    ]

    /// The tables whose `id` the engine numbers.
    static let numberedTables = ["exhibit", "finding", "analysis", "analysis_finding", "cosigned_checkpoint", "derived_frame"]

    /// Copies every row of `source` (one snapshot) into this catalog, which must be empty, value for
    /// value, in transactions of 10,000 rows; then numbers new rows past those copied. Returns how
    /// many rows it copied. What it copied is checked by auditing the copy: every event, every
    /// signature, every row digest and the Merkle tree, against the values as they arrived.
    func copyRows(from source: Catalog) throws -> Int {
        var copied = 0
        try source.read { from in
            for table in Self.tablesInOrder {
                let cursor = try from.cursor(sql: "SELECT * FROM \(table)")
                var batch: [SQLRow] = []
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    try write { db in try Self.insert(batch, into: table, db) }
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
    func numberPastCopiedRows() throws {
        try write { db in
            guard db.engine == .postgresql else { return }
            for table in Self.numberedTables {
                _ = try db.rows(sql: """
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM \(table)
                    """)
            }
        }
    }

    /// Inserts rows of one table, a few hundred to a statement.
    private static func insert(_ rows: [SQLRow], into table: String, _ db: CatalogDB) throws {
        guard let columns = rows.first?.columns, !columns.isEmpty else { return }
        let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        let perStatement = max(1, 4000 / columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var arguments = SQLArguments([])
            for row in chunk {
                guard row.columns == columns else {
                    throw CatalogReadError(column: table, value: "a row with other columns", type: "row of \(table)")
                }
                arguments.values += row.values
            }
            try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: chunk.count).joined(separator: ", "), arguments: arguments)
            start += chunk.count
        }
    }
}
