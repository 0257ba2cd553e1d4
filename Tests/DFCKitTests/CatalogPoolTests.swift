import DFCKit
import Foundation
import Testing

/// The PostgreSQL catalog's connections are a pool with a maximum: many threads at once share at
/// most `pool_max` connections (counted by the server), and a transaction that finds none free
/// waits for one, then fails with a clear error, never opening one more.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DFC_TEST_PG"] != nil, "needs the test PostgreSQL server (DFC_TEST_PG)"))
struct CatalogPoolTests {
    static func catalog(poolMax: Int, lockTimeout: Double = 60) throws -> (PostgresCatalog, String) {
        let database = try TestSupport.Postgres.newDatabase()
        try PostgresCatalog.prepare(admin: try PostgresURL(database.admin, source: "test"), for: "dfc")
        let url = try PostgresURL(database.user + "?pool_max=\(poolMax)", source: "test")
        #expect(url.text.hasSuffix("?pool_max=\(poolMax)"))
        return (try PostgresCatalog(url: url, lockTimeout: lockTimeout), database.name)
    }

    /// Connections of role dfc to `database`, as the server counts them.
    static func serverConnections(_ database: String) throws -> Int {
        Int(try TestSupport.Postgres.psql("postgres",
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND usename = 'dfc'")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func twentyThreadsShareThreeConnections() throws {
        let (catalog, database) = try Self.catalog(poolMax: 3)
        let group = DispatchGroup()
        let failures = Failures()
        for _ in 0..<20 {
            group.enter()
            Thread {
                defer { group.leave() }
                do { _ = try catalog.read { try $0.rows(sql: "SELECT pg_sleep(0.1)", arguments: []) } } catch { failures.add(error) }
            }.start()
        }
        var most = 0
        while group.wait(timeout: .now() + 0.05) == .timedOut { most = max(most, try Self.serverConnections(database)) }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(most >= 1 && most <= 3, "the server saw \(most) connections of a pool of 3")
        #expect(try Self.serverConnections(database) <= 3)
    }

    @Test func aTransactionThatFindsNoConnectionFreeFailsClearly() throws {
        let (catalog, _) = try Self.catalog(poolMax: 1, lockTimeout: 1)
        let holding = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread {
            _ = try? catalog.read { db in
                holding.signal()
                return try db.rows(sql: "SELECT pg_sleep(3)", arguments: [])
            }
            done.signal()
        }.start()
        holding.wait()
        let start = Date()
        let error = #expect(throws: DFCError.self) { _ = try catalog.read { try $0.rows(sql: "SELECT 1", arguments: []) } }
        #expect(error?.code == .catalogBusy && error?.outcome.exitStatus == 75, "\(String(describing: error))")
        #expect("\(error.map { "\($0)" } ?? "")".contains("all 1 connections"))
        #expect(Date().timeIntervalSince(start) < 2.5)
        done.wait()
        // Given back, the one connection serves again.
        #expect(try catalog.read { try $0.rows(sql: "SELECT 1", arguments: []) }.count == 1)
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [any Error] = []
        func add(_ error: any Error) { lock.withLock { errors.append(error) } }
        var all: [any Error] { lock.withLock { errors } }
    }
}
