/// One change of an exhibit's case or source, as its signed `amended` custody event records it.
public struct Amendment: Sendable, Codable, Equatable {
    /// The custody event that made it.
    public var event: Int64
    /// When (RFC 3339, UTC).
    public var at: String
    /// Who made it.
    public var actor: String
    /// The new case, when the case changed.
    public var caseID: String?
    /// The case before, when the case changed.
    public var previousCaseID: String?
    /// The new source, when the source changed.
    public var source: String?
    /// The source before, when the source changed.
    public var previousSource: String?
    /// Why, in the actor's words.
    public var reason: String

    package enum CodingKeys: String, CodingKey {
        case event, at, actor, caseID = "case", previousCaseID = "previous_case", source, previousSource = "previous_source", reason
    }

    package init(event: Int64, at: String, actor: String, caseID: String? = nil, previousCaseID: String? = nil, source: String? = nil, previousSource: String? = nil, reason: String) {
        self.event = event
        self.at = at
        self.actor = actor
        self.caseID = caseID
        self.previousCaseID = previousCaseID
        self.source = source
        self.previousSource = previousSource
        self.reason = reason
    }
}
