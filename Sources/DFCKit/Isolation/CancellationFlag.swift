import Foundation

/// A request to stop, set from any thread (an async caller's task being cancelled) and read by
/// the work it stops: the wait for a worker process, which kills the worker, and each step of an
/// operation before it records anything. Once set, it stays set.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false   // guarded by `lock`

    /// A flag not yet set.
    public init() {}

    /// Asks the work to stop.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Throws `DFCError.cancelled` once the flag is set.
    func check() throws(DFCError) {
        if isCancelled { throw DFCError.cancelled }
    }
}
