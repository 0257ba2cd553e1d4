/// What a worker host is doing now, for the operator's supervisor: `dfc worker-host --status-file`
/// writes it as one JSON object every few seconds. A heartbeat older than a few intervals means the
/// process is hung or gone; `catalogError` set means it is alive but cannot read the queue.
public struct HostStatus: Sendable, Codable, Equatable {
    /// Where a host is in its life.
    public enum State: String, Sendable, Codable {
        /// Opening the store, before its first look at the queue.
        case starting
        /// Taking jobs.
        case serving
        /// Told to stop: takes no new job, finishes and records those in flight.
        case draining
        /// Told to stop now: its workers are stopped and their leases handed back.
        case abandoning
        /// Stopped; `report` is final.
        case stopped
    }

    /// The host's actor name.
    public var host: String
    /// Where it is in its life.
    public var state: State
    /// Its process.
    public var pid: Int32
    /// When this status was taken (RFC 3339, UTC).
    public var heartbeat: String
    /// Jobs it holds now, each in a worker.
    public var jobsInFlight: Int
    /// When one of its slots last read the queue (RFC 3339, UTC), if any has yet.
    public var lastQueueLook: String?
    /// Why the queue could not be read at the last try, until a later look succeeds.
    public var catalogError: String?
    /// What it has done so far.
    public var report: HostReport

    /// A host that has not started yet.
    public init(host: String, pid: Int32) {
        self.host = host
        self.state = .starting
        self.pid = pid
        self.heartbeat = Timestamp.now()
        self.jobsInFlight = 0
        self.report = HostReport()
    }
}
