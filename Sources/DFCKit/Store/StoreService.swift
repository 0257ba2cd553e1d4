import Foundation
import Logging

/// A service of a store: a small value over the store's shared `StoreContext`, owning one
/// part of the work (the ledger, the exhibits, intake, the workers, reading, search,
/// disclosure, integrity). A service reaches the ones it needs through the accessors below,
/// never through `EvidenceStore`, which only wires them; search and disclosure are asked by no
/// other service, and are reached from the facade alone.
protocol StoreService: Sendable {
    var context: StoreContext { get }
}

extension StoreService {
    var path: String { context.path }
    var catalog: Catalog { context.catalog }
    var vault: Vault { context.vault }
    var keys: KeyFolder { context.keys }
    var logger: Logger { context.logger }
    var pdqSecondsPerHash: Double { context.pdqSecondsPerHash }

    var ledger: Ledger { Ledger(context: context) }
    var exhibits: Exhibits { Exhibits(context: context) }
    var intake: Intake { Intake(context: context) }
    var workers: WorkerRunner { WorkerRunner(context: context) }
    var reading: Reading { Reading(context: context) }
    var integrity: Integrity { Integrity(context: context) }

    /// Runs a catalog operation, turning the engine's errors into `DFCError.catalog`.
    @discardableResult
    func withCatalog<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DFCError {
            throw error
        } catch {
            throw DFCError.catalog(path: catalog.name, reason: catalog.explain(error))
        }
    }
}
