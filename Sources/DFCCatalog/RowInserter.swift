import Foundation
import DFCCore
import DFCLedger

/// Rows gathered and inserted a few hundred to a statement, inside the caller's transaction (an
/// analysis's packets, frames and PDQ hashes; a catalog being copied): on PostgreSQL one round
/// trip per batch instead of one per row. Within a table they go in in the order added; across
/// tables in any order, so only tables whose rows refer to none of the others' are gathered together.
package final class RowInserter {
    private let db: CatalogDB
    /// Where each row is noted as DFC produced it, for the read-back before commit.
    package let produced: ProducedRows?
    private var pending: [String: Batch] = [:]

    private struct Batch {
        package let columns: [String]
        package var orIgnore = false
        package var values: [SQLValue] = []
        package var rows = 0
    }

    /// At most this many values bound to one statement (SQLite and PostgreSQL both take more).
    package static let valuesPerStatement = 4000

    package init(_ db: CatalogDB, produced: ProducedRows? = nil) {
        self.db = db
        self.produced = produced
    }

    /// Adds one row of `table`; inserts the table's batch when it is full. Every row of a table
    /// must name the same columns. With `orIgnore`, a row whose key is already there is left
    /// out (`INSERT OR IGNORE`; every row of the table alike). The values from `digestFrom` on
    /// (past the analysis's key column, by default) are noted in `produced`.
    package func add(_ table: String, columns: [String], _ values: [any SQLConvertible], orIgnore: Bool = false, digestFrom: Int = 1) throws {
        // Mutated in place: a copy taken out of the dictionary would copy the batch for every row.
        let count = try Self.append(values, columns: columns,
                                    to: &pending[table, default: Batch(columns: columns, orIgnore: orIgnore)], table: table,
                                    noting: produced, from: digestFrom)
        if count + columns.count > Self.valuesPerStatement { try flush(table) }
    }

    /// Appends one row's values to `batch` and notes them (from `digestFrom` on) in `produced`,
    /// as they will be bound, in the same access to the batch.
    private static func append(_ values: [any SQLConvertible], columns: [String], to batch: inout Batch, table: String,
                               noting produced: ProducedRows?, from digestFrom: Int) throws -> Int {
        guard batch.columns == columns, values.count == columns.count else {
            throw CatalogReadError(column: table, value: "a row of other columns", type: "row of \(table)")
        }
        let start = batch.values.count
        for value in values {
            // -0.0 is stored as 0 by SQLite: written as 0.0, so what is read back is what was meant.
            let stored = value.sqlValue
            if case .real(let real) = stored, real == 0 { batch.values.append(.real(0)) } else { batch.values.append(stored) }
        }
        batch.rows += 1
        produced?.record(table, batch.values[(start + min(max(digestFrom, 0), columns.count))...])
        return batch.values.count
    }

    /// Inserts every row still gathered. Call it before anything reads the rows back.
    package func finish() throws {
        for table in pending.keys.sorted() { try flush(table) }
    }

    private func flush(_ table: String) throws {
        guard let batch = pending.removeValue(forKey: table), batch.rows > 0 else { return }
        let tuple = "(" + batch.columns.map { _ in "?" }.joined(separator: ", ") + ")"
        try db.execute(sql: (batch.orIgnore ? "INSERT OR IGNORE INTO " : "INSERT INTO ") + "\(table) (\(batch.columns.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: batch.rows).joined(separator: ", "), arguments: SQLArguments(values: batch.values))
    }
}
