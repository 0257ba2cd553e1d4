import Foundation
import Synchronization
import DFCCore
import DFCMedia

/// A request to stop, set from any thread (an async caller's task being cancelled) and read by
/// the work it stops: the wait for a worker process, which kills the worker, and each step of an
/// operation before it records anything. Once set, it stays set.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// A flag not yet set.
    public init() {}

    /// Asks the work to stop.
    public func cancel() {
        cancelled.store(true, ordering: .releasing)
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        cancelled.load(ordering: .acquiring)
    }

    /// Throws `DFCError.cancelled` once the flag is set.
    package func check() throws(DFCError) {
        if isCancelled { throw DFCError.cancelled }
    }
}
