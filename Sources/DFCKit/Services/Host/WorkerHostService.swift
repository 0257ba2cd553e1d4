import Foundation
public import ServiceLifecycle
import Synchronization

/// A worker host as a swift-service-lifecycle `Service`, to run in a `ServiceGroup` beside the
/// services of the process that hosts it (`dfc worker-host` runs it with a `HostStatusFile`).
///
/// Its `run()` serves the queue as `Queue.serve` does, on threads of its own (one per job slot and
/// one that waits for them), never on the caller's executor. Graceful shutdown drains: no new job,
/// those in flight finish and are recorded. Cancellation abandons: the workers in flight are
/// stopped and their leases handed back to the queue at once, where another host takes them at its
/// next look rather than when the lease would have run out. `run()` returns once the host has
/// stopped; `report` then says what it did.
public final class WorkerHostService: Service, Sendable {
    /// Drains or abandons the host from outside the group, and carries its status.
    public let control: HostControl
    private let queue: Queue
    private let actor: String
    private let containments: [Containment]
    private let options: HostOptions
    private let activity: @Sendable (HostActivity) -> Void
    private let finished = Mutex<HostReport?>(nil)

    /// Host `actor` (registered with the host role, its key in the store's folder) serving `queue`,
    /// each job in a worker of one of `containments`; `activity` is told of each job done.
    public init(
        queue: Queue, actor: String, containments: [Containment] = [], options: HostOptions = HostOptions(),
        activity: @escaping @Sendable (HostActivity) -> Void = { _ in }
    ) {
        self.control = HostControl(host: actor)
        self.queue = queue
        self.actor = actor
        self.containments = containments
        self.options = options
        self.activity = activity
    }

    /// What the host did, once `run()` has returned.
    public var report: HostReport? { finished.withLock { $0 } }

    /// Serves until drained (graceful shutdown), abandoned (cancellation) or, with
    /// `options.exitWhenIdle`, idle. Throws what stopped the host otherwise (a revoked host's
    /// `actorRevoked`, a store whose catalog holds no queues).
    public func run() async throws {
        let (queue, actor, containments, options, control, activity) = (queue, actor, containments, options, control, activity)
        let report = try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await Self.onThreadOfItsOwn {
                    try queue.serve(actor: actor, containments: containments, options: options, control: control, activity: activity)
                }
            } onGracefulShutdown: {
                control.drain()
            }
        } onCancel: {
            control.abandon()
        }
        finished.withLock { $0 = report }
    }

    /// Runs blocking `body` on a thread started for it: the host's wait lasts its whole life, and
    /// must hold neither a thread of Swift's cooperative pool nor one of the library's offload pool.
    private static func onThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "dfc.host"
            thread.start()
        }
    }
}
