import Foundation
import Logging
internal import NIOCore
internal import NIOPosix
internal import PostgresNIO
internal import NIOSSL
import DFCCore
import DFCLedger

/// The catalog and custody log on a PostgreSQL 15 server, for stores that outgrow one machine.
/// The same tables and the same row digests as the embedded catalog. Each write is one
/// transaction that first takes the log's advisory lock, so events are appended by one writer at
/// a time and the Merkle tree stays linear, while reads go on beside it. The schema comes from
/// named migrations (`PostgresCatalog+Migrations`); append-only tables are guarded by triggers,
/// and, when the store was made with an owner role apart, by privileges too.
package final class PostgresCatalog: CatalogEngine, @unchecked Sendable {
    package let url: PostgresURL
    /// Seconds a write waits for the log's lock.
    package let lockTimeout: Double
    private let password: String?
    /// How every connection speaks TLS (`PostgresURL.tls()`), set up once.
    private let tls: PostgresConnection.Configuration.TLS
    private let logger: Logger
    private let driverLogger: Logger
    private let lock = NSLock()
    /// The pool: connections idle, and how many are open (idle or in a transaction), never more
    /// than `maxConnections`; a transaction that finds none free waits for one.
    private let pool = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    /// The most connections this process holds to the server at once.
    package let maxConnections: Int
    /// The most a process holds by default: enough for a host's job slots, its lease keeper and a
    /// server's offload threads, few enough for five hosts and their tools in PostgreSQL's default 100.
    package static let defaultMaxConnections = 10
    private var nextID = 0
    /// Whether a connection ever succeeded: from then on a server that is away is waited for.
    private var reached = false
    /// How the schema differed from the migrations' when the catalog was opened (empty: it did not).
    package private(set) var changedAtOpen: [String] = []
    /// The system catalogs' fingerprint when the schema last matched in full (`schemaChangesSinceVerified`).
    package var verifiedFingerprint: String? {
        get { lock.withLock { _verifiedFingerprint } }
        set { lock.withLock { _verifiedFingerprint = newValue } }
    }
    private var _verifiedFingerprint: String?

    /// The key of the advisory lock a write holds: one writer of the custody log at a time.
    package static let logLock: Int64 = 0x4446_435F_4C4F_47   // "DFC_LOG"

    package var kind: CatalogEngineKind { .postgresql }
    package var name: String { "PostgreSQL catalog \(url.text)" }

    /// Connects to the catalog at `url` and brings its schema up to date (the migrations need
    /// a role that may create tables: the owner's, given apart as `owner`, or the URL's own).
    /// Opens the catalog at `url`, bringing its schema up to date and checking it; with `migrating` false,
    /// only connects (to ask the server something before anything is made).
    package init(url: PostgresURL, lockTimeout: Double = 60, logger: Logger = Logger(label: "dfc.postgresql"), migrating: Bool = true,
                 maxConnections: Int? = nil) throws {
        self.url = url
        self.maxConnections = max(1, maxConnections ?? url.poolMax ?? Self.defaultMaxConnections)
        self.lockTimeout = lockTimeout
        self.password = url.password()
        self.tls = try url.tls()
        self.logger = logger
        var quiet = logger
        quiet.logLevel = .warning   // postgres-nio's own chatter about each query stays out of the operator's way
        self.driverLogger = quiet
        guard migrating else {
            changedAtOpen = []
            return
        }
        try migrate()
        changedAtOpen = try transaction(begin: Self.snapshot) { try schemaChangesSinceVerified($0) }
    }

    /// A read's transaction: one snapshot for the whole read, as SQLite's WAL reader has.
    package static let snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    /// What DFC's session relies on, set on every connection whatever `ALTER ROLE … SET` or
    /// `ALTER DATABASE … SET` gave the role or database (the audit names such settings): names
    /// resolved in `pg_catalog`, then `public` (never a schema named after the role), writes
    /// allowed, every plan open to the planner, row security an error rather than a silent filter,
    /// commits durable, times in UTC.
    ///
    /// They go in the connection's startup message, as libpq's `options` would: PostgreSQL applies a client's
    /// startup settings over those of `ALTER ROLE` and `ALTER DATABASE` (a source of higher priority), and
    /// they cost no round trip (they were 22, one `SET` each, on every new connection).
    package static let sessionSettings: [(String, String)] = [
        ("search_path", "public"), ("default_transaction_read_only", "off"),
        ("default_transaction_isolation", "read committed"), ("default_transaction_deferrable", "off"), ("row_security", "off"),
        ("enable_seqscan", "on"), ("enable_indexscan", "on"), ("enable_indexonlyscan", "on"), ("enable_bitmapscan", "on"),
        ("enable_hashjoin", "on"), ("enable_mergejoin", "on"), ("enable_nestloop", "on"), ("enable_sort", "on"),
        ("synchronous_commit", "on"), ("statement_timeout", "0"), ("standard_conforming_strings", "on"),
        ("TimeZone", "UTC"), ("DateStyle", "ISO, MDY"), ("bytea_output", "hex"), ("client_encoding", "UTF8"),
    ]

    deinit {
        for connection in idle { Self.close(connection) }
    }

    package func write<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        try transaction(begin: "BEGIN") { db in
            // A client that goes silent holding the log's lock (a host whose link was cut) must not
            // hold up every other writer for longer than a lock wait: the server ends its session.
            // One round trip: the waits are set (for this transaction) before the lock is waited for.
            _ = try db.rows(sql: "SELECT pg_advisory_xact_lock(\(Self.logLock)) FROM (\(limitWaits)) AS waits")
            // Checked inside the transaction: nothing is written through a trigger or policy planted meanwhile.
            let changes = try schemaChangesSinceVerified(db)
            guard changes.isEmpty else { throw CatalogSchemaChanged(changes: changes) }
            return try body(db)
        }
    }

    /// Sets, for the transaction, how long it waits for a lock and how long the server lets it sit idle
    /// (a client that goes silent holding a lock holds it no longer than that): one statement, one round trip.
    private var limitWaits: String {
        let wait = "\(Int(lockTimeout * 1000))ms"
        return "SELECT set_config('lock_timeout', '\(wait)', true), set_config('idle_in_transaction_session_timeout', '\(wait)', true)"
    }

    /// Gives up a query that waits for the server longer than a lock wait and `seconds` (a worker host's setting).
    package func giveUpQueries(afterLockWaitPlus seconds: Double) {
        answerTimeout = lockTimeout + seconds
    }

    /// A catalog on a server is no SQLite file: `migrate-store` copies embedded stores only.
    package func backup(to target: String) throws {
        throw DFCError.invalidArgument("the catalog \(name) is on PostgreSQL: only an embedded catalog is copied as a file")
    }

    /// One transaction without the log's lock, for the rows that coordinate worker hosts (a
    /// queue's leases), which change while the log does not.
    package func coordinate<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        try transaction(begin: "BEGIN") { db in
            _ = try db.rows(sql: limitWaits)
            return try body(db)
        }
    }

    /// Seconds a query waits for the server's answer before its connection is given up (nil:
    /// for as long as the connection stays open). A worker host sets it, so that a cut link
    /// costs it seconds, not the minutes TCP takes to give up.
    package var answerTimeout: Double? {
        get { lock.withLock { _answerTimeout } }
        set { lock.withLock { _answerTimeout = newValue } }
    }
    private var _answerTimeout: Double?

    package func read<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        guard changedAtOpen.isEmpty else { throw CatalogSchemaChanged(changes: changedAtOpen) }
        return try transaction(begin: Self.snapshot, body)
    }

    package func inspect<T>(_ body: (CatalogDB) throws -> T) throws -> T {
        try transaction(begin: Self.snapshot, body)
    }

    /// amcheck's checks of every B-tree index of the catalog against its table (`bt_index_check`
    /// with every heap tuple looked up) and of every table's pages (`verify_heapam`): PostgreSQL's
    /// counterpart of SQLite's `PRAGMA integrity_check`. Each index or table that fails is named.
    package func structuralProblems(_ db: CatalogDB) throws -> [String] {
        try structuralProblems(db, skipping: [])
    }

    package func structuralProblems(_ db: CatalogDB, skipping skipped: Set<String>) throws -> [String] {
        var problems: [String] = []
        if let missing = try setupMissing(db) {
            return ["\(name): the catalog's indexes and pages cannot be checked against their tables: \(missing)"]
        }
        // Each relation by its number, never by a name spliced into SQL: an insider names them.
        let indexes = try db.rows(sql: """
            SELECT c.oid::bigint, c.relname::text, t.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am am ON am.oid = c.relam JOIN pg_class t ON t.oid = i.indrelid
            WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace AND c.relkind = 'i' AND t.relkind = 'r'
            ORDER BY c.relname
            """, arguments: [])
        for row in indexes where !skipped.contains(try row.at(2)) {
            let oid: Int64 = try row.at(0), index: String = try row.at(1)
            do {
                try db.execute(sql: "SAVEPOINT dfc_check")
                _ = try db.rows(sql: "SELECT bt_index_check(CAST(? AS BIGINT)::oid::regclass, true)", arguments: [oid])
                try db.execute(sql: "RELEASE SAVEPOINT dfc_check")
            } catch {
                try db.execute(sql: "ROLLBACK TO SAVEPOINT dfc_check")
                problems.append("\(name): amcheck says index \(index) disagrees with its table (\(explain(error))): "
                    + "the catalog's structure was altered outside DFC")
            }
        }
        let tables = try db.rows(sql: """
            SELECT oid::bigint, relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname
            """, arguments: [])
        for table in tables where !skipped.contains(try table.at(1)) {
            let (oid, name): (Int64, String) = (try table.at(0), try table.at(1))
            for row in try db.rows(sql: "SELECT blkno, offnum, msg FROM verify_heapam(CAST(? AS BIGINT)::oid::regclass) LIMIT 5",
                                   arguments: [oid]) {
                problems.append("\(self.name): amcheck says table \(name), page \(try row.at(0) as Int64): "
                    + "\(try row.at(2) as String? ?? "damaged"): the catalog's storage was altered outside DFC")
            }
        }
        return problems
    }

    /// amcheck, when DFC's role cannot run it yet: what is missing and the SQL the database's administrator runs once.
    package func setupMissing(_ db: CatalogDB) throws -> String? {
        try Self.amcheckMissing(for: url.user, db).map { "\($0); the database's administrator runs, once:\n" + Self.amcheckSQL(for: url.user, database: url.database) }
    }

    package func explain(_ error: any Error) -> String { Self.explain(error, url: url, lockTimeout: lockTimeout) }

    /// Whether the operation failed for the log's lock, held by another writer past the wait (55P03): busy, not broken.
    package static func isLockWait(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "55P03"
    }

    package static func explain(_ error: any Error, url: PostgresURL, lockTimeout: Double) -> String {
        if error is CatalogReadError || error is CatalogSchemaChanged || error is StoredRowsDiffer { return Catalog.explainUnreadable(error) }
        if let error = error as? PostgresWait.NoAnswer {
            return "the server at \(url.host):\(url.port) did not answer within \(Int(error.seconds)) s (the network is cut, "
                + "or the server stalled); the connection was given up and nothing was recorded"
        }
        if error is PostgresWait.ConnectionLost {
            return "the server at \(url.host):\(url.port) closed the connection in the middle of a query; "
                + "the transaction was rolled back and nothing was recorded"
        }
        guard let error = error as? PSQLError else { return Catalog.bounded("\(error)") }
        if let info = error.serverInfo {
            let message = info[.message] ?? "error"
            switch info[.sqlState] {
            case "55P03":
                return "the catalog's log is locked by another writer (waited \(Int(lockTimeout)) s); nothing was recorded (\(message))"
            case "42501":
                return "the role \(url.user) may not do that: \(message); nothing was recorded"
                    + (message.contains("schema public") ? " (a newer DFC's tables are missing: run dfc upgrade-catalog --catalog-admin postgresql://OWNER@\(url.host):\(url.port)/\(url.database))" : "")
            case "28000", "28P01":
                return "the server refused the credentials of \(url.user): \(message)"
            case "3D000":
                return "the server has no database \(url.database): \(message)"
            case let state? where state.hasPrefix("08") || state.hasPrefix("57"):
                return "the server ended the connection: \(message); the transaction was rolled back and nothing was recorded"
            default:
                return Catalog.bounded("\(message)\(info[.detail].map { " (\($0))" } ?? "")")
            }
        }
        if error.code == .sslUnsupported {
            return "the server at \(url.host):\(url.port) does not offer TLS, which sslmode=\(url.sslMode.rawValue) requires; "
                + "nothing was sent to it (to connect in clear on a trusted network, name sslmode=disable in the catalog URL)"
        }
        if let underlying = error.underlying, underlying is NIOSSLError || underlying is BoringSSLError
            || "\(type(of: underlying))".contains("SSL") {
            return "TLS with the server at \(url.host):\(url.port) failed (sslmode=\(url.sslMode.rawValue)"
                + (url.sslRootCert.map { ", sslrootcert=\($0)" } ?? ", the system's CA roots") + "): \(Catalog.bounded("\(underlying)")); "
                + "nothing was sent to it"
        }
        switch error.code {
        case .connectionError:
            return "the server at \(url.host):\(url.port) cannot be reached (\(error.underlying.map { "\($0)" } ?? "connection refused"))"
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return "the server at \(url.host):\(url.port) closed the connection; the transaction was rolled back and nothing was recorded"
        case .authMechanismRequiresPassword:
            return "the server wants a password for \(url.user): set PGPASSWORD or write it to ~/.pgpass"
        default:
            return Catalog.bounded("\(error.code) \(error.underlying.map { "\($0)" } ?? "")")
        }
    }

    // MARK: Connections and transactions

    /// Runs `body` in one transaction on a pooled connection; commits when it returns, rolls
    /// back when it throws. A connection that failed is closed, never reused.
    package func transaction<T>(begin: String, _ body: (CatalogDB) throws -> T) throws -> T {
        var (connection, pooled) = try take()
        var holding = true   // this transaction holds one of the pool's places
        defer { if holding { give(connection) } }
        let timeout = answerTimeout
        var db = PostgresCatalogConnection(connection, logger: driverLogger, answerTimeout: timeout)
        do {
            do {
                try db.execute(sql: begin)
            } catch where pooled {
                // A pooled connection the server dropped meanwhile (a restart, an idle timeout):
                // nothing was sent in it yet, so begin again on a new one.
                Self.close(connection)
                do {
                    (connection, pooled) = (try connect(), false)
                } catch {
                    holding = false
                    pool.withLock { open -= 1 }
                    pool.signal()
                    throw error
                }
                db = PostgresCatalogConnection(connection, logger: driverLogger, answerTimeout: timeout)
                try db.execute(sql: begin)
            }
            let result = try body(db)
            try db.execute(sql: "COMMIT")
            return result
        } catch {
            if !connection.isClosed, (try? db.execute(sql: "ROLLBACK")) == nil { Self.close(connection) }
            throw error
        }
    }

    /// A pooled connection (and true), or a new one while fewer than `maxConnections` are open;
    /// else waits, up to the lock timeout, for one to be given back.
    private func take() throws -> (PostgresConnection, Bool) {
        let deadline = Date().addingTimeInterval(lockTimeout)
        pool.lock()
        while true {
            if let connection = idle.popLast() {
                pool.unlock()
                if !connection.isClosed { return (connection, true) }
                Self.close(connection)
                pool.lock()
                open -= 1
                continue
            }
            if open < maxConnections {
                open += 1
                pool.unlock()
                do {
                    return (try connect(), false)
                } catch {
                    pool.withLock { open -= 1 }
                    pool.signal()
                    throw error
                }
            }
            guard pool.wait(until: deadline) else {
                pool.unlock()
                throw DFCError.catalogBusy(path: name, reason: "all \(maxConnections) connections this process may hold to the server "
                    + "were in use for \(Int(lockTimeout)) s; nothing was recorded (more at once: pool_max in the catalog URL)")
            }
        }
    }

    /// A new connection. Once the server has been reached, a server that is away (restarting:
    /// refused, or starting up) is waited for, up to the lock timeout, so that a long batch goes
    /// on after a restart; a server never reached fails at once.
    private func connect() throws -> PostgresConnection {
        lock.lock()
        nextID += 1
        let id = nextID, waiting = reached
        lock.unlock()
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = Self.sessionSettings
        let deadline = Date().addingTimeInterval(waiting ? lockTimeout : 0)
        while true {
            do {
                let connection = try PostgresWait.result(of: PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: driverLogger), on: nil)
                lock.lock()
                reached = true
                lock.unlock()
                return connection
            } catch let error as PSQLError where Date() < deadline && Self.isAway(error) {
                logger.warning("the PostgreSQL server is away; waiting", metadata: ["catalog": "\(url.text)", "error": "\(error.code)"])
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
    }

    /// A server that refuses connections or says it is starting or shutting down.
    private static func isAway(_ error: PSQLError) -> Bool {
        if let state = error.serverInfo?[.sqlState] { return state == "57P03" || state == "57P01" }
        return error.code == .connectionError || error.code == .serverClosedConnection || error.code == .uncleanShutdown
    }

    /// Closes a connection, waiting until its socket is closed.
    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        _ = try? PostgresWait.result(of: closing, on: connection)
    }

    /// Gives a transaction's connection back: to the idle ones, or (closed by then) out of the count.
    private func give(_ connection: PostgresConnection) {
        pool.lock()
        if connection.isClosed { open -= 1 } else { idle.append(connection) }
        pool.unlock()
        pool.signal()
    }
}
