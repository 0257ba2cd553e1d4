import Foundation

/// Tells a running worker host to stop: `drain()` takes no new job and lets those in flight finish
/// and record; `abandon()` stops the workers in flight too and returns their leases to the queue at
/// once. Safe to call from a signal handler's queue or any thread.
public final class HostControl: @unchecked Sendable {
    private let lock = NSLock()
    private var draining = false
    private var abandoning = false
    private var abandonActions: [@Sendable () -> Void] = []

    /// A control that has not been told anything yet.
    public init() {}

    /// Take no new job; finish those in flight.
    public func drain() { lock.withLock { draining = true } }

    /// Stop now: the workers in flight are killed and their leases returned unrecorded.
    public func abandon() {
        let actions = lock.withLock { () -> [@Sendable () -> Void] in
            draining = true
            abandoning = true
            return abandonActions
        }
        for action in actions { action() }
    }

    /// Whether the host should take no new job.
    public var isDraining: Bool { lock.withLock { draining } }
    /// Whether the host was told to stop its jobs in flight too.
    public var isAbandoning: Bool { lock.withLock { abandoning } }

    /// Runs `action` when the host is abandoned (now, if it already is).
    func onAbandon(_ action: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            if abandoning { return true }
            abandonActions.append(action)
            return false
        }
        if now { action() }
    }
}
