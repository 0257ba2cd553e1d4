import Foundation
import Logging

/// Keeps a worker host's leases: renews each a third of the way through its length, and stops
/// the job (its cancellation flag) of one it can no longer be sure it holds — renewed by no one
/// for its whole length (the host was cut off, or the server stalled), or found taken by another
/// host. The check of that deadline is a thread of its own, on this host's monotonic clock, so a
/// renewal stuck in the network cannot hold it up.
final class LeaseKeeper: @unchecked Sendable {
    private struct Held {
        let lease: JobLease
        let flag: CancellationFlag
        var renewed: ContinuousClock.Instant
        var validUntil: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var held: [Int64: Held] = [:]
    private var stopped = false
    private let catalog: Catalog
    private let logger: Logger
    private let done = DispatchGroup()

    init(catalog: Catalog, logger: Logger) {
        self.catalog = catalog
        self.logger = logger
    }

    /// Starts keeping `lease`, taken no earlier than `since`.
    func hold(_ lease: JobLease, flag: CancellationFlag, since: ContinuousClock.Instant) {
        lock.withLock {
            held[lease.id] = Held(lease: lease, flag: flag, renewed: since, validUntil: since + .seconds(lease.leaseSeconds))
        }
    }

    func release(_ lease: JobLease) { _ = lock.withLock { held.removeValue(forKey: lease.id) } }

    /// Stops every job held (the host is abandoning them).
    func cancelAll() { for flag in lock.withLock({ held.values.map(\.flag) }) { flag.cancel() } }

    func start() {
        for (name, renewing) in [("dfc.lease-renewer", true), ("dfc.lease-watch", false)] {
            done.enter()
            let thread = Thread { [self] in
                if renewing { renew() } else { watch() }
                done.leave()
            }
            thread.name = name
            thread.start()
        }
    }

    func stop() {
        lock.withLock { stopped = true }
        done.wait()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func renew() {
        while !isStopped {
            let now = ContinuousClock.now
            let due = lock.withLock { held.values.filter { now - $0.renewed >= .seconds($0.lease.leaseSeconds / 3) } }
            for entry in due {
                let sent = ContinuousClock.now
                do {
                    let kept = try catalog.coordinate { try Catalog.renewLease(entry.lease, $0) }
                    let stillHeld = lock.withLock { () -> Bool in
                        guard var current = held[entry.lease.id] else { return false }   // recorded meanwhile
                        current.renewed = sent
                        if kept { current.validUntil = sent + .seconds(entry.lease.leaseSeconds) }
                        held[entry.lease.id] = current
                        return true
                    }
                    if !kept && stillHeld {
                        logger.warning("a job's lease passed to another host; its worker is stopped", metadata: ["job": "\(entry.lease.id)"])
                        entry.flag.cancel()
                    }
                } catch {
                    lock.withLock { held[entry.lease.id]?.renewed = sent }   // tried; the next try is a third of a lease away
                    logger.warning("a lease could not be renewed", metadata: ["job": "\(entry.lease.id)", "error": "\(catalog.explain(error))"])
                }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    private func watch() {
        while !isStopped {
            let now = ContinuousClock.now
            for entry in lock.withLock({ held.values.filter { now >= $0.validUntil && !$0.flag.isCancelled } }) {
                logger.warning("a job's lease ran out before it could be renewed; its worker is stopped", metadata: ["job": "\(entry.lease.id)"])
                entry.flag.cancel()
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
