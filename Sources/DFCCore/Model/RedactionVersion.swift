/// One recorded version of an exhibit's redaction plan: the plan, its digest, and the signed
/// `redaction_planned` event that recorded it (who, when, why).
public struct RedactionVersion: Sendable, Codable, Equatable {
    /// The exhibit the plan is for.
    public var exhibit: ExhibitID
    /// 1 for the first version, then 2, 3, …
    public var version: Int
    /// The SHA-256 of the plan's canonical JSON.
    public var digest: String
    /// The plan as recorded.
    public var plan: RedactionPlan
    /// The custody event, its signer, its time (RFC 3339, UTC) and the reason given.
    public var event: Int64
    /// Who signed the version.
    public var recordedBy: String
    /// When (RFC 3339, UTC).
    public var recordedAt: String
    /// Why, as given.
    public var reason: String
    /// `detected` (a proposal `dfc redact --detect` made) or `reviewed` (a plan an examiner gave).
    public var origin: String

    package init(exhibit: ExhibitID, version: Int, digest: String, plan: RedactionPlan, event: Int64, recordedBy: String, recordedAt: String,
                 reason: String, origin: String) {
        self.exhibit = exhibit
        self.version = version
        self.digest = digest
        self.plan = plan
        self.event = event
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.reason = reason
        self.origin = origin
    }
}
