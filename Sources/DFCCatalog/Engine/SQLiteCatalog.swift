import Foundation
package import GRDB
import DFCCore
import DFCLedger

/// The embedded catalog: one SQLite file (`catalog.sqlite`) through one GRDB `DatabasePool`
/// (WAL) for the program's life, its schema brought up to date by named migrations when it opens.
package struct SQLiteCatalog: CatalogEngine {
    package let pool: DatabasePool
    package let path: String
    /// Seconds a write waits for another process's write lock.
    package let lockTimeout: Double
    /// How the schema differed from the migrations' when the catalog was opened (empty: it did not).
    package let changedAtOpen: [String]

    package var kind: CatalogEngineKind { .sqlite }
    package var name: String { path }

    package init(path: String, lockTimeout: Double = 60) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockTimeout)   // another DFC process may be committing an ingest
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")   // a committed custody event survives a power cut
        }
        self.path = path
        self.lockTimeout = lockTimeout
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        changedAtOpen = try pool.read { try Self.schemaChanges($0) }
    }

    /// Runs `body` in one IMMEDIATE transaction (SQLite's write lock, taken at its start).
    package func write<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: Result<T, any Error>?
            try db.inTransaction(.immediate) {
                result = Result {
                    // Checked inside the write lock: nothing is written through a trigger planted meanwhile.
                    let changes = try Self.schemaChanges(db)
                    guard changes.isEmpty else { throw CatalogSchemaChanged(changes: changes) }
                    return try body(SQLiteConnection(db))
                }
                if case .failure(let error) = result { throw error }
                return .commit
            }
            guard let result else { throw DatabaseError(message: "the transaction ended without a result") }
            return try result.get()
        }
    }

    package func read<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        guard changedAtOpen.isEmpty else { throw CatalogSchemaChanged(changes: changedAtOpen) }
        return try pool.read { try body(SQLiteConnection($0)) }
    }

    package func inspect<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        try pool.read { try body(SQLiteConnection($0)) }
    }

    package func sessionProblems(_ db: CatalogDB) throws -> [String] { [] }

    package func schemaChanges(_ db: CatalogDB) throws -> [String] {
        guard let db = db as? SQLiteConnection else { return [] }
        return try Self.schemaChanges(db.db)
    }

    /// SQLite's `PRAGMA integrity_check`: every page, every index against its table.
    /// An embedded catalog needs nothing from anyone: SQLite's integrity check is always there.
    package func setupMissing(_ db: CatalogDB) throws -> String? { nil }

    package func structuralProblems(_ db: CatalogDB) throws -> [String] {
        try structuralProblems(db, skipping: [])
    }

    package func structuralProblems(_ db: CatalogDB, skipping tables: Set<String>) throws -> [String] {
        var lines: [String] = []
        if tables.isEmpty {
            lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        } else {
            // Table by table (each with its indexes), those left out aside; an R*Tree is checked by the audit's own walk.
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
            where !tables.contains(table) {
                lines += try String.fetchAll(db, sql: "PRAGMA integrity_check(\"\(table.replacingOccurrences(of: "\"", with: "\"\""))\")").filter { $0 != "ok" }
            }
            if lines.isEmpty { lines = ["ok"] }
        }
        return lines == ["ok"] ? [] : lines.map {
            "catalog.sqlite: SQLite's integrity check says: \($0): the catalog's structure (an index or a table) was altered outside DFC"
        }
    }

    /// A consistent copy of the whole catalog file at `target` (SQLite's online backup).
    package func backup(to target: String) throws {
        let copy = try DatabaseQueue(path: target)
        try pool.backup(to: copy)
    }

    /// An embedded catalog holds no queue: its batches run their jobs on this machine.
    package func coordinate<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        throw DFCError.invalidArgument(Catalog.queueNeedsPostgres)
    }

    /// SQLite runs in this process: there is no server to give up on.
    package func giveUpQueries(afterLockWaitPlus seconds: Double) {}
}
