import Foundation
import Logging
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// A service of a store: a small value over the store's shared `StoreContext`, owning one
/// part of the work (the ledger, the exhibits, intake, the workers, reading, search,
/// disclosure, integrity). A service reaches the ones it needs through the accessors below,
/// never through `EvidenceStore`, which only wires them; search and disclosure are asked by no
/// other service, and are reached from the facade alone.
package protocol StoreService: Sendable {
    var context: StoreContext { get }
}

extension StoreService {
    package var path: String { context.path }
    package var catalog: Catalog { context.catalog }
    package var vault: Vault { context.vault }
    package var keys: KeyFolder { context.keys }
    package var logger: Logger { context.logger }
    package var pdqSecondsPerHash: Double { context.pdqSecondsPerHash }

    package var ledger: Ledger { Ledger(context: context) }
    package var exhibits: Exhibits { Exhibits(context: context) }
    package var reading: Reading { Reading(context: context) }

    /// Runs a catalog operation, turning the engine's errors into `DFCError.catalog`.
    @discardableResult
    package func withCatalog<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DFCError {
            throw error
        } catch {
            throw Catalog.failure(error, name: catalog.name, reason: catalog.explain(error))
        }
    }
}
