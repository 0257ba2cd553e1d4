/// Where a running batch stands, reported after each file.
public struct BatchProgress: Sendable, Codable, Equatable {
    /// The file just finished.
    public struct File: Sendable, Codable, Equatable {
        /// Its absolute path.
        public var path: String
        /// `ingested`, `duplicate` or `rejected`.
        public var status: IngestResult.Status
        /// The exhibit it is (nil when rejected).
        public var exhibit: ExhibitID?
        /// Findings recorded for it.
        public var findings: Int
        /// Whether its analysis did not finish (an `analysis_failed` finding).
        public var analysisFailed: Bool
        /// Whether its name or a folder's on its way starts with a dot.
        public var hidden: Bool
        /// Why it was rejected.
        public var error: String?

        package init(path: String, status: IngestResult.Status, exhibit: ExhibitID? = nil, findings: Int, analysisFailed: Bool, hidden: Bool, error: String? = nil) {
            self.path = path
            self.status = status
            self.exhibit = exhibit
            self.findings = findings
            self.analysisFailed = analysisFailed
            self.hidden = hidden
            self.error = error
        }
    }

    /// The file just finished.
    public var file: File
    /// Files done so far, this batch's earlier runs included.
    public var done: Int
    /// Files the batch has in all.
    public var total: Int
    /// Bytes of the files done in this run, and of all the files still to do at its start.
    public var bytesDone: Int64
    /// Bytes this run has to do.
    public var bytesTotal: Int64
    /// Failures in this run so far (rejected, or analysis failed).
    public var failures: Int
    /// Pictures decoded in this run so far.
    public var frames: Int
    /// Seconds since this run started.
    public var elapsedSeconds: Double

    package init(file: File, done: Int, total: Int, bytesDone: Int64, bytesTotal: Int64, failures: Int, frames: Int, elapsedSeconds: Double) {
        self.file = file
        self.done = done
        self.total = total
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.failures = failures
        self.frames = frames
        self.elapsedSeconds = elapsedSeconds
    }
}
