import Foundation

// The services are the API: each public operation is a method of the one service that does
// it (`store.intake.ingest`, `store.reading.lookup`, `store.ledger.checkpoint`, …).

extension EvidenceStore {
    /// The ledger service (`Ledger`).
    public var ledger: Ledger { Ledger(context: context) }

    /// The exhibits service (`Exhibits`).
    public var exhibits: Exhibits { Exhibits(context: context) }

    /// The intake service (`Intake`).
    public var intake: Intake { Intake(context: context) }

    /// The reading service (`Reading`).
    public var reading: Reading { Reading(context: context) }

    /// The search service (`Search`).
    public var search: Search { Search(context: context) }

    /// The disclosure service (`Disclosure`).
    public var disclosure: Disclosure { Disclosure(context: context) }

    /// The integrity service (`Integrity`).
    public var integrity: Integrity { Integrity(context: context) }

    /// The migrator service (`Migrator`).
    public var migrator: Migrator { Migrator(context: context) }

    /// The queue service (`Queue`).
    public var queue: Queue { Queue(context: context) }
}
