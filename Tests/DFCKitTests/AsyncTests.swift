@testable import DFCKit
import Foundation
import Testing

/// The async entry points a server would call: the work runs on a thread of the library's own,
/// and a cancelled task kills the worker decoding the footage at once and records nothing.
@Suite struct AsyncTests {
    /// Runs tasks on a dispatch queue, outside the concurrency pool.
    final class QueueExecutor: TaskExecutor, @unchecked Sendable {
        let queue = DispatchQueue(label: "dfc.async-tests")
        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }
    static let executor = QueueExecutor()

    /// This process's own children that are `dfc worker` processes working for the store at `store`
    /// (their job, in their arguments, names its staging folder): other tests run workers of their own.
    static func workers(of store: String) -> Set<pid_t> {
        let me = getpid()
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(me)/task")) ?? []
        return Set(tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(me)/task/\(task)/children", encoding: .utf8)) ?? "").split(separator: " ").compactMap { pid_t($0) }
        }.filter { pid in
            let arguments = (FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()).split(separator: 0)
            return arguments.count > 2 && arguments[1] == Data("worker".utf8)
                && String(decoding: arguments[2], as: UTF8.self).replacingOccurrences(of: "\\/", with: "/").contains(store + "/tmp/")
        })
    }

    @Test func aCancelledIngestKillsItsWorkerAndRecordsNothing() async throws {
        let path = TestSupport.temporaryDirectory() + "/store"
        let store = try EvidenceStore(path: path, create: true)
        _ = try store.registerActor(name: "Insp. A. Khan", role: .custodian, by: nil)
        let containment = Containment(worker: TestSupport.dfcBinary)
        let clip = FaultTests.longClip   // made (once, by ffmpeg) before any clock starts
        let before = Self.workers(of: path)
        // The task starts on a queue of its own: on a loaded run other tests may hold the concurrency
        // pool's threads for minutes (this one holds one while it polls), and a task waiting for one
        // would start no worker at all.
        let ingest = Task(executorPreference: Self.executor) {
            try await store.ingest(file: clip, caseID: "ASYNC", actor: "Insp. A. Khan", containment: containment)
        }
        // Polled on this thread (not with Task.sleep): the times below are the worker's, not the pool's.
        var worker: pid_t?
        let waiting = Date()
        while worker == nil {
            try #require(Date().timeIntervalSince(waiting) < 300, "no worker started")
            worker = Self.workers(of: path).subtracting(before).first
            usleep(5_000)
        }
        let pid = try #require(worker)
        usleep(300_000)   // well into its decode
        try #require(kill(pid, 0) == 0, "the worker ended before it could be cancelled")
        let cancelled = Date()
        ingest.cancel()   // runs the cancellation handler now, on this thread
        while kill(pid, 0) == 0 && Date().timeIntervalSince(cancelled) < 30 { usleep(2_000) }
        #expect(Date().timeIntervalSince(cancelled) < 5, "worker \(pid) was not stopped at once")
        await #expect(throws: CancellationError.self) { try await ingest.value }
        #expect(kill(pid, 0) != 0 && errno == ESRCH, "worker \(pid) is still there")
        // Nothing recorded, nothing staged.
        #expect(try store.lookup(.caseID("ASYNC"), actor: "Insp. A. Khan").isEmpty)
        let staged = ((try? FileManager.default.contentsOfDirectory(atPath: path + "/tmp")) ?? []).filter { !$0.hasPrefix("lease-") }
        #expect(staged.isEmpty, "\(staged)")
        // Not cancelled, the same call takes a file in; the audit runs async too, and is clean.
        let done = try await store.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "ASYNC", actor: "Insp. A. Khan",
                                          containment: containment)
        #expect(done.status == .ingested && done.findings.isEmpty)
        let audit = try await store.audit(actor: "Insp. A. Khan")
        #expect(audit.ok, "\(audit.problems)")
    }
}
