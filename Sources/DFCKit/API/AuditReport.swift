/// The result of walking the whole custody log and re-hashing every vault file.
public struct AuditReport: Sendable, Codable, Equatable {
    /// Custody events checked.
    public var eventsChecked: Int
    /// Exhibits whose vault copy and rows were checked.
    public var exhibitsChecked: Int
    /// Every problem found, each naming the event, exhibit or file concerned.
    public var problems: [String]
    /// True when nothing is wrong.
    public var ok: Bool { problems.isEmpty }
}
