import Foundation
import Logging
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// What every service of one store shares: where the store is, its two engines (the catalog
/// with the custody log, and the vault), the actors' key folder, and where warnings go.
/// `EvidenceStore` opens it once; each service is a small value over it.
package struct StoreContext: Sendable {
    /// The store directory (absolute).
    package let path: String
    package let catalog: Catalog
    package let vault: Vault
    package let keys: KeyFolder
    /// Where an operator is told what they must know: a worker killed, an analysis refused,
    /// a clean-up that failed.
    package let logger: Logger
    /// Seconds of video per PDQ hash for what is ingested or analysed again (see `PDQSelection`).
    package var pdqSecondsPerHash = PDQSelection.defaultSecondsPerHash
}
