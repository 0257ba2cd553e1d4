/// Where a queued batch stands across every worker host: its jobs queued, leased (by which host,
/// since when), done and cancelled, and what was recorded of them. `dfc batch --status` prints it.
public struct QueueStatus: Sendable, Codable, Equatable {
    /// A job a host holds now.
    public struct Lease: Sendable, Codable, Equatable {
        /// The original's path, as queued.
        public var path: String
        /// The host that holds it.
        public var host: String
        /// When it was leased, and until when (RFC 3339, UTC, the catalog server's clock).
        public var since: String
        public var until: String
        /// 1 for the job's first lease; more after hosts died or workers failed.
        public var attempt: Int
        /// Whether the lease has run out (the host stopped renewing it): another host takes the job next.
        public var expired: Bool

        package init(path: String, host: String, since: String, until: String, attempt: Int, expired: Bool) {
            self.path = path
            self.host = host
            self.since = since
            self.until = until
            self.attempt = attempt
            self.expired = expired
        }
    }

    /// The batch, and what its own events and rows say (counts of what was recorded).
    public var report: BatchReport
    /// Jobs waiting for a host, held by one, recorded, and taken out by a cancellation.
    public var queued: Int
    public var leased: Int
    public var done: Int
    public var cancelled: Int
    /// Files no host could record as an exhibit (their vault copy unreadable), each with a `job_failed` event.
    public var failed: Int
    /// The leases held now.
    public var leases: [Lease]
    /// Whether every file is queued yet (the `batch_queued` event), and whether the batch was cancelled.
    public var allQueued: Bool
    public var wasCancelled: Bool

    package init(report: BatchReport, queued: Int, leased: Int, done: Int, cancelled: Int, failed: Int, leases: [Lease], allQueued: Bool, wasCancelled: Bool) {
        self.report = report
        self.queued = queued
        self.leased = leased
        self.done = done
        self.cancelled = cancelled
        self.failed = failed
        self.leases = leases
        self.allQueued = allQueued
        self.wasCancelled = wasCancelled
    }
}
