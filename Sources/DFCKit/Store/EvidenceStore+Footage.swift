import Foundation

// The services are the API: each public operation is a method of the one service that does
// it. DFCStore has the ledger, the exhibits and reading; these are the services that need footage,
// workers or both (`store.intake.ingest`, `store.search.match`, `store.integrity.audit`, …).

extension EvidenceStore {
    /// The intake service (`Intake`).
    public var intake: Intake { Intake(context: context) }

    /// The search service (`Search`).
    public var search: Search { Search(context: context) }

    /// The disclosure service (`Disclosure`).
    public var disclosure: Disclosure { Disclosure(context: context) }
    /// The redaction service (`Redaction`): plans, face proposals, redacted releases and their replay.
    public var redaction: Redaction { Redaction(context: context) }

    /// The integrity service (`Integrity`).
    public var integrity: Integrity { Integrity(context: context) }

    /// The migrator service (`Migrator`).
    public var migrator: Migrator { Migrator(context: context) }

    /// The queue service (`Queue`).
    public var queue: Queue { Queue(context: context) }
}
