/// The result of checking a whole store: its custody log, signatures, Merkle tree,
/// checkpoints, vault and catalog rows.
public struct AuditReport: Sendable, Codable, Equatable {
    /// Custody events checked.
    public var eventsChecked: Int
    /// Events whose signature verified against their actor's registered key.
    public var signaturesValid: Int
    /// The size of the Merkle tree over the log when it was checked (before the `audited` event).
    public var treeSize: Int
    /// Its root, hex.
    public var rootHash: String
    /// Checkpoints checked: those stored in the catalog and those supplied.
    public var checkpointsChecked: Int
    /// Exhibits whose vault copy and rows were checked.
    public var exhibitsChecked: Int
    /// Every problem found, each naming the event, exhibit or file concerned.
    public var problems: [String]
    /// What an operator should know that is no tampering: exports recorded but never delivered,
    /// leftovers of killed DFC processes that this audit removed.
    public var notices: [String] = []
    /// True when nothing is wrong.
    public var ok: Bool { problems.isEmpty }

    package init(eventsChecked: Int, signaturesValid: Int, treeSize: Int, rootHash: String, checkpointsChecked: Int, exhibitsChecked: Int, problems: [String], notices: [String] = []) {
        self.eventsChecked = eventsChecked
        self.signaturesValid = signaturesValid
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.checkpointsChecked = checkpointsChecked
        self.exhibitsChecked = exhibitsChecked
        self.problems = problems
        self.notices = notices
    }
}
