import Foundation
import DFCCore
import DFCLedger

/// The store's catalog and custody log, on the engine its descriptor names: the embedded
/// `SQLiteCatalog` or a `PostgresCatalog`. Everything above speaks to it through transactions
/// whose closures get one `CatalogConnection`; nothing above knows which engine answers.
package struct Catalog: Sendable {
    package let engine: any CatalogEngine

    /// The embedded catalog at `path` (`catalog.sqlite`).
    package init(path: String, lockTimeout: Double = 60) throws {
        engine = try SQLiteCatalog(path: path, lockTimeout: lockTimeout)
    }

    package init(engine: any CatalogEngine) { self.engine = engine }

    /// What the operator knows the catalog by: its file, or its server and database (never a password).
    package var name: String { engine.name }

    /// Runs `body` in one transaction that holds the log's write lock: it commits whole or not at all.
    package func write<T>(_ body: (CatalogDB) throws -> T) throws -> T { try engine.write(body) }

    /// Runs `body` on one consistent snapshot of the catalog; refused, like every write, when the
    /// catalog's schema was not the migrations' at open (`CatalogSchemaChanged`).
    package func read<T>(_ body: (CatalogDB) throws -> T) throws -> T { try engine.read(body) }

    /// Runs `body` on one consistent snapshot whatever the schema holds: for the audit, which names
    /// every difference (`schemaChanges`) and then checks the rows as they are.
    package func inspect<T>(_ body: (CatalogDB) throws -> T) throws -> T { try engine.inspect(body) }

    /// Runs `body` in one transaction without the log's lock, on the rows that coordinate worker
    /// hosts (a queue's jobs and leases): only a PostgreSQL catalog has them.
    package func coordinate<T>(_ body: (CatalogDB) throws -> T) throws -> T { try engine.coordinate(body) }

    /// Whether the catalog can hold a queue for worker hosts.
    package var holdsQueues: Bool { engine.kind == .postgresql }

    package static let queueNeedsPostgres = "a queued batch needs a store whose catalog is on PostgreSQL (dfc init --catalog postgresql://…), "
        + "which the worker hosts share; an embedded store's batch runs its jobs on this machine (leave out --queue)"

    /// Gives up a query that waits for the server longer than a lock wait and `seconds` (a worker host's setting).
    package func giveUpQueries(afterLockWaitPlus seconds: Double) { engine.giveUpQueries(afterLockWaitPlus: seconds) }

    /// A consistent copy of the whole catalog, as an SQLite file at `target`: only an embedded catalog makes one.
    package func backup(to target: String) throws { try engine.backup(to: target) }

    /// A catalog operation's failure as a `DFCError`: `catalogDamaged` when the catalog holds what DFC did not
    /// write (a row it cannot read, a schema changed, rows that read back otherwise), else `catalog` (the engine
    /// refused or could not be reached). `name` names the catalog, `reason` is the engine's explanation.
    package static func failure(_ error: any Error, name: String, reason: String) -> DFCError {
        if let error = error as? DFCError { return error }
        if error is CatalogReadError || error is CatalogSchemaChanged || error is StoredRowsDiffer {
            return .catalogDamaged(path: name, reason: reason)
        }
        if SQLiteCatalog.isLockWait(error) || PostgresCatalog.isLockWait(error) { return .catalogBusy(path: name, reason: reason) }
        return .catalog(path: name, reason: reason)
    }

    /// What the engine still needs from its administrator (`CatalogEngine.setupMissing`), or nil.
    package func setupMissing() throws -> String? { try engine.inspect { try engine.setupMissing($0) } }

    /// One sentence for the operator on why a catalog operation failed.
    package func explain(_ error: any Error) -> String { engine.explain(error) }
}

/// One engine a catalog lives on.
package protocol CatalogEngine: Sendable {
    var kind: CatalogEngineKind { get }
    var name: String { get }
    func write<T>(_ body: (CatalogDB) throws -> T) throws -> T
    func read<T>(_ body: (CatalogDB) throws -> T) throws -> T
    /// One sentence for the operator on why an operation failed; nothing of it was recorded.
    func explain(_ error: any Error) -> String
    /// The engine's own check of its storage (every index against its table); empty when sound.
    func structuralProblems(_ db: CatalogDB) throws -> [String]
    /// The same, leaving out `tables` and their indexes (an incremental audit's custody log, which it re-reads whole).
    func structuralProblems(_ db: CatalogDB, skipping tables: Set<String>) throws -> [String]
    /// What the engine still needs from its administrator before the audit can check everything it
    /// checks (the SQL to run); nil when nothing.
    func setupMissing(_ db: CatalogDB) throws -> String?
    /// A read that runs whatever the catalog's schema holds (the audit's).
    func inspect<T>(_ body: (CatalogDB) throws -> T) throws -> T
    /// Each object of the catalog's schema that was added, is missing or was changed against the
    /// schema DFC's migrations make; empty when they agree.
    func schemaChanges(_ db: CatalogDB) throws -> [String]
    /// Settings the engine gives DFC's sessions that DFC did not make (a PostgreSQL role's or
    /// database's own); empty when there are none.
    func sessionProblems(_ db: CatalogDB) throws -> [String]
    /// One transaction without the log's lock, on the rows that coordinate worker hosts; an
    /// engine that holds no queue refuses (`Catalog.queueNeedsPostgres`).
    func coordinate<T>(_ body: (CatalogDB) throws -> T) throws -> T
    /// Gives up a query that waits for the server longer than a lock wait and `seconds`; an
    /// engine in this process waits for no server.
    func giveUpQueries(afterLockWaitPlus seconds: Double)
    /// A consistent copy of the whole catalog as an SQLite file at `target`; an engine that is
    /// no SQLite file refuses.
    func backup(to target: String) throws
}
