import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

// The services are the API: each public operation is a method of the one service that does it
// (`store.reading.lookup`, `store.ledger.checkpoint`, …). These three need no footage; DFCKit adds
// the ones that do (intake, search, disclosure, integrity, the queue).

extension EvidenceStore {
    /// The ledger service (`Ledger`).
    public var ledger: Ledger { Ledger(context: context) }

    /// The exhibits service (`Exhibits`).
    public var exhibits: Exhibits { Exhibits(context: context) }

    /// The reading service (`Reading`).
    public var reading: Reading { Reading(context: context) }
}
