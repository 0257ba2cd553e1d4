import Foundation
import Synchronization

/// Tells a running worker host to stop: `drain()` takes no new job and lets those in flight finish
/// and record; `abandon()` stops the workers in flight too and returns their leases to the queue at
/// once. Safe to call from a signal handler's queue or any thread. It also carries what the host is
/// doing (`status`), for a supervisor's health check.
public final class HostControl: Sendable {
    private struct State {
        var draining = false
        var abandoning = false
        var abandonActions: [@Sendable () -> Void] = []
        var status: HostStatus
    }
    private let state: Mutex<State>

    /// A control that has not been told anything yet, for the host named `host` (its status names it).
    public init(host: String = "") {
        state = Mutex(State(status: HostStatus(host: host, pid: getpid())))
    }

    /// What the host is doing now, with a heartbeat of now.
    public var status: HostStatus {
        state.withLock { state in
            var status = state.status
            if status.state != .stopped && status.state != .starting {
                status.state = state.abandoning ? .abandoning : state.draining ? .draining : .serving
            }
            status.heartbeat = Timestamp.now()
            return status
        }
    }

    /// Changes the status (the host's loop, as it goes).
    package func updateStatus(_ change: (inout HostStatus) -> Void) {
        state.withLock { change(&$0.status) }
    }

    /// Take no new job; finish those in flight.
    public func drain() { state.withLock { $0.draining = true } }

    /// Stop now: the workers in flight are killed and their leases returned unrecorded.
    public func abandon() {
        let actions = state.withLock { state -> [@Sendable () -> Void] in
            state.draining = true
            state.abandoning = true
            return state.abandonActions
        }
        for action in actions { action() }
    }

    /// Whether the host should take no new job.
    public var isDraining: Bool { state.withLock { $0.draining } }
    /// Whether the host was told to stop its jobs in flight too.
    public var isAbandoning: Bool { state.withLock { $0.abandoning } }

    /// Runs `action` when the host is abandoned (now, if it already is).
    package func onAbandon(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.abandoning { return true }
            state.abandonActions.append(action)
            return false
        }
        if now { action() }
    }
}
