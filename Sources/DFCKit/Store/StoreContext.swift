import Foundation
import Logging

/// What every service of one store shares: where the store is, its two engines (the catalog
/// with the custody log, and the vault), the actors' key folder, and where warnings go.
/// `EvidenceStore` opens it once; each service is a small value over it.
struct StoreContext: Sendable {
    /// The store directory (absolute).
    let path: String
    let catalog: Catalog
    let vault: Vault
    let keys: KeyFolder
    /// Where an operator is told what they must know: a worker killed, an analysis refused,
    /// a clean-up that failed.
    let logger: Logger
    /// Seconds of video per PDQ hash for what is ingested or analysed again (see `PDQSelection`).
    var pdqSecondsPerHash = PDQSelection.defaultSecondsPerHash
}
