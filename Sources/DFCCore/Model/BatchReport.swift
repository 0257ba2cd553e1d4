/// Where a batch stands: what it is over, and what it has taken in. `dfc batch` prints it
/// at the end of a run, and `dfc batch --status` at any time.
public struct BatchReport: Sendable, Codable, Equatable {
    /// The batch.
    public var batch: BatchID
    /// Who started it, and when (RFC 3339, UTC).
    public var startedBy: String
    public var startedAt: String
    /// Its folders and case, and how sources are named.
    public var roots: [String]
    public var caseID: String
    public var source: String
    /// Files found under the roots when it started.
    public var total: Int
    /// Files taken in so far, in all its runs: new exhibits, and files whose bytes were already one.
    public var ingested: Int
    public var duplicates: Int
    /// Of those, files with findings, and files whose analysis did not finish.
    public var withFindings: Int
    public var analysisFailed: Int
    /// Files this run could not take in (unreadable, empty), each named in `notes`.
    public var rejected: Int
    /// Entries not read (symbolic links, devices, folders that cannot be listed), and rejected files.
    public var notes: [String]
    /// Whether every file is taken in and the `batch_completed` event recorded.
    public var completed: Bool
    /// Whether this run picked up a batch an earlier run had left unfinished.
    public var resumed: Bool

    /// True when no file failed: none rejected, none whose analysis did not finish.
    public var ok: Bool { rejected == 0 && analysisFailed == 0 }

    package init(batch: BatchID, startedBy: String, startedAt: String, roots: [String], caseID: String, source: String, total: Int, ingested: Int, duplicates: Int, withFindings: Int, analysisFailed: Int, rejected: Int, notes: [String], completed: Bool, resumed: Bool) {
        self.batch = batch
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.roots = roots
        self.caseID = caseID
        self.source = source
        self.total = total
        self.ingested = ingested
        self.duplicates = duplicates
        self.withFindings = withFindings
        self.analysisFailed = analysisFailed
        self.rejected = rejected
        self.notes = notes
        self.completed = completed
        self.resumed = resumed
    }
}
