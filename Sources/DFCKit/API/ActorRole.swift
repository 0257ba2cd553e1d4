/// What a person does with evidence. Every custody event records its actor's role.
/// Only a custodian or a supervisor may register further actors or authorise an export.
public enum ActorRole: String, Sendable, Codable, CaseIterable {
    /// Submits footage and extracts frames.
    case analyst
    /// Oversees analysts; may register actors.
    case supervisor
    /// Answers for the evidence store; may register actors.
    case custodian
    /// Checks the store and its log from outside the case work.
    case auditor

    /// Whether this role may register another actor.
    public var mayRegisterActors: Bool { self == .custodian || self == .supervisor }
    /// Whether this role may authorise a copy of evidence to leave the store (`export`).
    public var mayAuthorizeExport: Bool { self == .custodian || self == .supervisor }
    /// Whether this role may change an exhibit's case or source (`amend`).
    public var mayAmend: Bool { self == .custodian || self == .supervisor }
}
