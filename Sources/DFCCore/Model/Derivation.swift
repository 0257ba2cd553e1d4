/// How a derived exhibit was made from its parent, as the event that registered it says: a
/// redaction of `parent` under plan version `planVersion` (digest `planDigest`), rendered by
/// `renderedBy` and authorised by `authorizedBy`.
public struct Derivation: Sendable, Codable, Equatable {
    /// The exhibit it was made from.
    public var parent: ExhibitID
    /// `redaction`.
    public var kind: String
    /// The plan version it was rendered from.
    public var planVersion: Int
    /// That version's digest.
    public var planDigest: String
    /// Who recorded that plan version.
    public var plannedBy: String
    /// Who rendered it.
    public var renderedBy: String
    /// The custodian or supervisor who authorised it.
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
