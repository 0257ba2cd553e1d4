import Foundation
internal import NIOPosix

/// Async entry points for a server that hosts the store (SwiftNIO, Hummingbird): each runs the
/// work on a thread of the library's own, never on the caller's executor, and a cancelled task
/// stops it — the worker decoding the footage is killed at once, nothing is recorded, and the
/// call throws `CancellationError`. Give a `Containment` without a launcher (a process with
/// threads of its own must not fork): its worker is then waited for, and killed, here.
/// `Intake.ingest`, `Disclosure.extractFrames` and `Integrity.audit` have async forms built on it.
///
/// The threads are a fixed pool (`NIOThreadPool`, one per core, at least two): a server that asks for
/// 200 ingests at once gets them done a few at a time, in order, not 200 threads.
enum Offload {
    /// The library's threads for blocking work (decoding through a worker, fsync, the catalog's waits).
    static var pool: NIOThreadPool { StorePool.shared }

    /// Runs `body` with a containment whose cancellation is this task's.
    static func cancellable<T: Sendable>(_ containment: Containment, _ body: @escaping @Sendable (Containment) throws -> T) async throws -> T {
        let flag = CancellationFlag()
        var contained = containment
        contained.cancellation = flag
        let work = contained
        return try await withTaskCancellationHandler {
            do {
                return try await offload { try body(work) }
            } catch let error as DFCError where error.code == .cancelled {
                throw CancellationError()
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Runs blocking work on one of the pool's threads and resumes the caller with its result.
    static func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
