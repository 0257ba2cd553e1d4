/// What a person does with evidence. Every custody event records its actor's role, and the
/// role is the one the actor's signed `actor_registered` event gave (never the actor table's).
/// Only a custodian or a supervisor may register further actors, authorise an export or amend
/// an exhibit. An auditor checks and never handles evidence: it may read, verify, audit, take
/// and cosign checkpoints (an auditor is the natural independent witness of a checkpoint), but
/// not ingest, analyse again, extract or ask for an export. A host is a machine, not a person:
/// a `dfc worker-host` that analyses and records the jobs of queued batches, each event it
/// signs naming the actor who started the batch; it does nothing else. Every role may cosign.
public enum ActorRole: String, Sendable, Codable, CaseIterable {
    /// Submits footage and extracts frames.
    case analyst
    /// Oversees analysts; may register actors.
    case supervisor
    /// Answers for the evidence store; may register actors.
    case custodian
    /// Checks the store and its log from outside the case work.
    case auditor
    /// A worker host (`dfc worker-host`): records the jobs of queued batches, and only those.
    case host

    /// Whether this role may register another actor.
    public var mayRegisterActors: Bool { self == .custodian || self == .supervisor }
    /// Whether this role may authorise a copy of evidence to leave the store (`export`).
    public var mayAuthorizeExport: Bool { self == .custodian || self == .supervisor }
    /// Whether this role may take evidence in, analyse it again, extract pictures from it or ask
    /// for its export: everyone but an auditor.
    public var mayHandleEvidence: Bool { self != .auditor && self != .host }
    /// Whether this role may change an exhibit's case or source (`amend`).
    public var mayAmend: Bool { self == .custodian || self == .supervisor }
}
