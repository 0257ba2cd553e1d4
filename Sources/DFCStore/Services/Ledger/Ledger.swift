import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// The store's ledger: its actors and their keys, the signed, append-only custody log
/// (every event with the host and DFC version added once, in `CustodyLog`), access events,
/// checkpoints, inclusion and consistency proofs, and cosignatures.
public struct Ledger: StoreService {
    package let context: StoreContext
}

extension Ledger {
    /// Appends an `accessed` event for each exhibit a command read (inserted together: a report
    /// or a search over a thousand exhibits is a few statements, not a few thousand).
    package func recordAccess(_ db: CatalogDB, _ exhibits: [ExhibitRecord], signer: Signer, command: String, extra: [String: String] = [:]) throws {
        try CustodyLog.append(db, exhibits.map { exhibit in
            var details = extra
            details["command"] = command
            details["sha256"] = exhibit.sha256
            return CustodyLog.NewEvent(action: "accessed", signer: signer, exhibit: exhibit.exhibitID, details: details)
        })
    }

    /// The actor's name as the catalog keeps it (trimmed, NFC); an empty one is refused.
    package static func requireActor(_ actor: String) throws(DFCError) -> String {
        let trimmed = ActorName.normalized(actor.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !trimmed.isEmpty else { throw .actorMissing }
        return trimmed
    }
}
