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
    /// For an incremental audit (`--since`), what it verified again and what it took from the checkpoint; nil for a full audit.
    public var incremental: IncrementalCoverage?
    /// The tree head this audit checked as a C2SP checkpoint signed by its actor (the signature its
    /// `audited` event records), when it was clean and recorded: keep it outside the store and give
    /// it to the next `dfc audit --since`.
    public var checkpoint: String?
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
