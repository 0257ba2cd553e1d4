import Foundation
internal import GRDB

/// The store's SQLite catalog: one `DatabasePool` (WAL) for the program's life,
/// its schema brought up to date by named migrations when it opens.
struct Catalog: Sendable {
    let pool: DatabasePool
    let path: String
    /// Seconds a write waits for another process's write lock.
    let lockTimeout: Double

    init(path: String, lockTimeout: Double = 60) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockTimeout)   // another DFC process may be committing an ingest
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")   // a committed custody event survives a power cut
        }
        self.path = path
        self.lockTimeout = lockTimeout
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Runs `body` in one IMMEDIATE transaction: it commits whole or not at all.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }
}
