/// How a derived exhibit was made from its parent, as the event that registered it says: a
/// redaction of `parent` under plan version `planVersion` (digest `planDigest`), rendered by
/// `renderedBy` and authorised by `authorizedBy`.
public struct Derivation: Sendable, Codable, Equatable {
    public var parent: ExhibitID
    /// `redaction`.
    public var kind: String
    public var planVersion: Int
    public var planDigest: String
    /// Who recorded that plan version.
    public var plannedBy: String
    public var renderedBy: String
    public var authorizedBy: String
    /// The event that registered the derived exhibit.
    public var event: Int64

    /// One line for a person.
    public var summary: String {
        "a \(kind) of \(parent) under plan version \(planVersion) (SHA-256 \(planDigest.prefix(16))…, by \(plannedBy)), "
            + "rendered by \(renderedBy), authorised by \(authorizedBy) (custody event \(event))"
    }

    package init(parent: ExhibitID, kind: String, planVersion: Int, planDigest: String, plannedBy: String, renderedBy: String,
                 authorizedBy: String, event: Int64) {
        self.parent = parent
        self.kind = kind
        self.planVersion = planVersion
        self.planDigest = planDigest
        self.plannedBy = plannedBy
        self.renderedBy = renderedBy
        self.authorizedBy = authorizedBy
        self.event = event
    }
}
