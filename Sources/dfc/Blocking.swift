import Foundation
import Synchronization

/// Runs async work from a synchronous command and waits for it on this thread (the main thread,
/// which is no thread of Swift's cooperative pool). `dfc worker-host` needs this order: it forks its
/// worker launchers while the process has one thread (see `WorkerLauncher`), before anything starts
/// the concurrency runtime's threads; only then does it enter async code.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.withLock({ $0 }) else { throw CancellationError() }
        return try result.get()
    }
}
