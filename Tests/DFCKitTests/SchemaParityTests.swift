@testable import DFCKit
import Foundation
import GRDB
import Testing

/// The catalog's schema is written once per dialect (SQLite's migrations, PostgreSQL's), and the
/// released migrations stay as they were written — an existing store's schema check compares with
/// them. This holds the two to one schema: the same tables, columns, types, nullability and unique
/// keys on both engines, but for what each engine does its own way, named below with the reason.
@Suite struct SchemaParityTests {
    /// Tables only one engine has, and why.
    static let sqliteOnly: Set<String> = [
        "grdb_migrations",   // GRDB's record of migrations (PostgreSQL's is dfc_migration)
        // The span and place indexes: R*Trees and their shadow tables on SQLite, GiST indexes on PostgreSQL.
        "exhibit_span_index", "exhibit_span_index_node", "exhibit_span_index_parent", "exhibit_span_index_rowid",
        "place_index", "place_index_node", "place_index_parent", "place_index_rowid",
    ]
    static let postgresOnly: Set<String> = [
        "dfc_migration",                // the record of migrations
        "queue_batch", "batch_job",     // the queue hosts share: PostgreSQL only (one machine needs none)
    ]
    /// Indexes one engine makes its own way: the span index (above), and the queue's tables'.
    static let postgresOnlyIndexes: Set<String> = ["exhibit_span_range", "exhibit_placement_range"]

    struct Column: Hashable, CustomStringConvertible {
        var table: String, name: String, type: String, notNull: Bool
        var description: String { "\(table).\(name) \(type)\(notNull ? " NOT NULL" : "")" }
    }

    /// The one type both engines' declarations mean.
    static func sqliteType(_ declared: String) -> String {
        switch declared.uppercased() {
        case "INTEGER": "integer"
        case "TEXT": "text"
        case "BLOB": "bytes"
        case "REAL": "real"
        default: "sqlite \(declared)"
        }
    }

    static func postgresType(_ declared: String) -> String {
        switch declared {
        case "bigint", "integer", "smallint": "integer"
        case "text": "text"
        case "bytea": "bytes"
        case "double precision": "real"
        default: "postgresql \(declared)"
        }
    }

    @Test func bothEnginesHoldOneSchema() throws {
        // SQLite: a new store's catalog, migrated by dfc init.
        let sqliteStore = TestSupport.temporaryDirectory() + "/parity"
        TestSupport.dfcSucceeding(["init", sqliteStore], actor: nil)
        let queue = try DatabaseQueue(path: sqliteStore + "/catalog.sqlite")
        let (sqliteColumns, sqliteUnique) = try queue.read { db -> (Set<Column>, Set<String>) in
            var columns = Set<Column>(), unique = Set<String>()
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for table in tables where !Self.sqliteOnly.contains(table) {
                for row in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [table]) {
                    let pk: Int = row["pk"], notNull: Int = row["notnull"]
                    columns.insert(Column(table: table, name: row["name"], type: Self.sqliteType(row["type"]), notNull: notNull == 1 || pk > 0))
                }
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin FROM pragma_index_list(?)", arguments: [table]) {
                    let isUnique: Int = index["unique"], origin: String = index["origin"]
                    guard isUnique == 1, origin != "pk" else { continue }
                    let names = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index["name"] as String])
                    unique.insert("\(table)(\(names.joined(separator: ",")))")
                }
            }
            return (columns, unique)
        }

        // PostgreSQL: a new database, migrated as dfc init does.
        let database = try TestSupport.Postgres.newDatabase()
        try PostgresCatalog.prepare(admin: try PostgresURL(database.admin, source: "test"), for: "dfc")
        _ = try PostgresCatalog(url: try PostgresURL(database.user, source: "test"))
        let tableFilter = "k.relnamespace = 'public'::regnamespace AND NOT k.relispartition AND k.relkind IN ('r', 'p')"
        var postgresColumns = Set<Column>()
        for line in try TestSupport.Postgres.psql(database.name, """
            SELECT c.table_name, c.column_name, c.data_type, c.is_nullable FROM information_schema.columns c
            JOIN pg_class k ON k.relname = c.table_name WHERE c.table_schema = 'public' AND \(tableFilter)
            """).split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, !Self.postgresOnly.contains(f[0]) else { continue }
            postgresColumns.insert(Column(table: f[0], name: f[1], type: Self.postgresType(f[2]), notNull: f[3] == "NO"))
        }
        var postgresUnique = Set<String>()
        for line in try TestSupport.Postgres.psql(database.name, """
            SELECT k.relname, i.relname, (SELECT string_agg(a.attname, ',' ORDER BY o.n) FROM unnest(x.indkey) WITH ORDINALITY o(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = k.oid AND a.attnum = o.attnum)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class k ON k.oid = x.indrelid
            WHERE \(tableFilter) AND x.indisunique AND NOT x.indisprimary
            """).split(separator: "\n") {
            let f = line.split(separator: "|").map(String.init)
            guard f.count == 3, !Self.postgresOnly.contains(f[0]), !Self.postgresOnlyIndexes.contains(f[1]) else { continue }
            postgresUnique.insert("\(f[0])(\(f[2]))")
        }

        #expect(sqliteColumns.count > 100 && sqliteUnique.count > 3, "the check must see the schema: \(sqliteColumns.count) columns")
        let onlySQLite = sqliteColumns.subtracting(postgresColumns).map(\.description).sorted()
        let onlyPostgres = postgresColumns.subtracting(sqliteColumns).map(\.description).sorted()
        #expect(onlySQLite.isEmpty && onlyPostgres.isEmpty, "columns differ: SQLite has \(onlySQLite), PostgreSQL \(onlyPostgres)")
        #expect(sqliteUnique == postgresUnique,
                "unique keys differ: SQLite only \(sqliteUnique.subtracting(postgresUnique).sorted()), PostgreSQL only \(postgresUnique.subtracting(sqliteUnique).sorted())")
    }
}
