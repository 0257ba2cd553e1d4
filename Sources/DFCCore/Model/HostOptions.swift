/// How a worker host (`dfc worker-host`) works: how many jobs at once, how long it waits for work,
/// and whether it stops once there is none.
public struct HostOptions: Sendable {
    /// Jobs in flight at once, each in its own confined worker (one per containment given).
    public var jobs: Int
    /// Seconds between looks at the queue when it had nothing for this host.
    public var pollSeconds: Double
    /// Stop once no queued batch has a job left that is queued or leased (for cron, and tests).
    public var exitWhenIdle: Bool
    /// What one file's analysis may cost.
    public var limits: MediaLimits

    /// `jobs` at a time, looking every `pollSeconds`, running until stopped unless `exitWhenIdle`.
    public init(jobs: Int = 1, pollSeconds: Double = 2, exitWhenIdle: Bool = false, limits: MediaLimits = .standard) {
        self.jobs = jobs
        self.pollSeconds = pollSeconds
        self.exitWhenIdle = exitWhenIdle
        self.limits = limits
    }
}

/// What a worker host did before it stopped.
public struct HostReport: Sendable, Codable, Equatable {
    /// Jobs it recorded: new exhibits, files whose bytes were already one, files it could not record (`job_failed`).
    public var ingested = 0
    public var duplicates = 0
    public var failedJobs = 0
    /// Attempts it gave back to the queue after a worker failed (another host tries them).
    public var returned = 0
    /// Jobs it lost to another host (its lease ran out while cut off or stalled), and batches it completed.
    public var leasesLost = 0
    public var batchesCompleted = 0
    /// Jobs it found queued again although their file was recorded already (the job row was
    /// edited): closed as done by the event that recorded them, not analysed again.
    public var alreadyRecorded = 0
    /// Whether it stopped because it was told to (a signal) rather than for want of work.
    public var drained = false

    /// An empty report.
    public init() {}
}
