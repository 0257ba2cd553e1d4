/// What a worker host just did with one job, for its log line.
public struct HostActivity: Sendable, Codable, Equatable {
    /// The job's batch and original.
    public var batch: BatchID
    public var path: String
    /// `ingested`, `duplicate`, `job_failed`, `returned` (its worker failed; another host tries),
    /// `lost` (its lease passed to another host) or `abandoned` (given back as the host stopped).
    public var outcome: String
    /// The exhibit it became, when it did.
    public var exhibit: ExhibitID?
    /// Why it was returned, lost or failed.
    public var reason: String?
    /// Whether recording it completed its batch.
    public var completedBatch: Bool

    package init(batch: BatchID, path: String, outcome: String, exhibit: ExhibitID? = nil, reason: String? = nil, completedBatch: Bool) {
        self.batch = batch
        self.path = path
        self.outcome = outcome
        self.exhibit = exhibit
        self.reason = reason
        self.completedBatch = completedBatch
    }
}
