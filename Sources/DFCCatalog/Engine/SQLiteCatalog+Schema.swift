import Foundation
package import GRDB
import DFCCore
import DFCLedger

extension SQLiteCatalog {
    /// The schema DFC's migrations make, read from an in-memory catalog migrated by them (once a
    /// process): every object SQLite keeps in `sqlite_master`, with its SQL text.
    package static let expectedSchema: Result<CatalogSchema, any Error> = Result {
        let memory = try DatabaseQueue()
        try migrator.migrate(memory)
        return try memory.read { try schema($0) }
    }

    /// The catalog's schema as `sqlite_master` holds it: each table, index, trigger and view by
    /// its type and name (a trigger or index with its table), defined by the SQL that made it.
    package static func schema(_ db: Database) throws -> CatalogSchema {
        let rows = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master")
        return CatalogSchema(definitions: rows.map { row in
            let type: String = row[0] ?? "object", name: String = row[1] ?? "", table: String = row[2] ?? ""
            let label = type == "table" || type == "view" || name == table ? "\(type) \(name)" : "\(type) \(name) on \(table)"
            return (label, row[3] ?? "(made by SQLite)")
        })
    }

    /// Each difference between the catalog's schema and the one DFC's migrations make.
    package static func schemaChanges(_ db: Database) throws -> [String] {
        try schema(db).changes(from: try expectedSchema.get())
    }
}
