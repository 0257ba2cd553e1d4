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
        _ = try store.ledger.registerActor(name: "Insp. A. Khan", role: .custodian, by: nil)
        let containment = Containment(worker: TestSupport.dfcBinary)
        let clip = FaultTests.longClip   // made (once, by ffmpeg) before any clock starts
        let before = Self.workers(of: path)
        // The task starts on a queue of its own: on a loaded run other tests may hold the concurrency
        // pool's threads for minutes (this one holds one while it polls), and a task waiting for one
        // would start no worker at all.
        let ingest = Task(executorPreference: Self.executor) {
            try await store.intake.ingest(file: clip, caseID: "ASYNC", actor: "Insp. A. Khan", containment: containment)
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
        #expect(try store.reading.lookup(.caseID("ASYNC"), actor: "Insp. A. Khan").isEmpty)
        let staged = ((try? FileManager.default.contentsOfDirectory(atPath: path + "/tmp")) ?? []).filter { !$0.hasPrefix("lease-") }
        #expect(staged.isEmpty, "\(staged)")
        // Not cancelled, the same call takes a file in; the audit runs async too, and is clean.
        let done = try await store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "ASYNC", actor: "Insp. A. Khan",
                                          containment: containment)
        #expect(done.status == .ingested && done.findings.isEmpty)
        let audit = try await store.integrity.audit(actor: "Insp. A. Khan")
        #expect(audit.ok, "\(audit.problems)")
    }

    /// Sixty-four listings open at once, each read part way, hold no thread each (nor, on PostgreSQL, a
    /// connection): a listing is read a page at a time on the library's fixed pool. Read to its end,
    /// across pages, a listing is the array.
    @Test func openListingsHoldNoThreadEachAndPageThroughTheWholeListing() async throws {
        let store = try TestSupport.newStore()   // on PostgreSQL too, in Scripts/test's second pass
        let clip = TestSupport.temporaryDirectory() + "/600-frames.mp4"
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=24",
                                                            "-c:v", "libx264", "-preset", "ultrafast", clip])
        try #require(made.status == 0, "\(made.stderr)")
        _ = try store.intake.ingest(file: clip, caseID: "SEQ", actor: TestSupport.custodian)
        let frames = try store.reading.frames(of: "EX-1", actor: TestSupport.custodian)
        let packets = try store.reading.packets(of: "EX-1", actor: TestSupport.custodian)
        try #require(frames.count == 600 && packets.count == 600)
        // Other tests run beside this one in the same process and start threads of their own (a batch's
        // stream among them, named dfc.stream): the bounds below leave them room, and a thread per open
        // listing (63 more) would pass neither.
        func threads() -> (all: Int, streams: Int) {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            let streams = tasks.filter { (try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8))?.hasPrefix("dfc.stream") == true }
            return (tasks.count, streams.count)
        }
        let (grown, whole, wholePackets) = try await Task(executorPreference: Self.executor) { () -> ((all: Int, streams: Int), [FrameEntry], [PacketEntry]) in
            var open = (0..<64).map { _ in store.reading.frameSequence(of: "EX-1", actor: TestSupport.custodian).makeAsyncIterator() }
            _ = try await open[0].next()   // the pool's threads start with the first page
            let before = threads()
            for index in open.indices.dropFirst() { _ = try await open[index].next() }
            let after = threads()
            let grown = (after.all - before.all, after.streams - before.streams)
            var whole: [FrameEntry] = []
            var listing = store.reading.frameSequence(of: "EX-1", actor: TestSupport.custodian).makeAsyncIterator()
            while let frame = try await listing.next() { whole.append(frame) }
            var wholePackets: [PacketEntry] = []
            for try await packet in store.reading.packetSequence(of: "EX-1", actor: TestSupport.custodian) { wholePackets.append(packet) }
            return (grown, whole, wholePackets)
        }.value
        #expect(grown.all < 32 && grown.streams < 8, "64 open listings started \(grown.all) threads, \(grown.streams) of them streams")
        #expect(whole == frames && wholePackets == packets)
    }

    /// The sequences list what the arrays do, each with its one `accessed` event.
    @Test func frameAndPacketSequencesListWhatTheArraysDo() async throws {
        let store = try EvidenceStore(path: TestSupport.temporaryDirectory() + "/store", create: true)
        _ = try store.ledger.registerActor(name: "Insp. A. Khan", role: .custodian, by: nil)
        _ = try store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "SEQ", actor: "Insp. A. Khan")
        let frames = try store.reading.frames(of: "EX-1", actor: "Insp. A. Khan")
        let packets = try store.reading.packets(of: "EX-1", actor: "Insp. A. Khan")
        try #require(!frames.isEmpty && !packets.isEmpty)
        let listed = try await Task(executorPreference: Self.executor) {
            var frameList: [FrameEntry] = []
            for try await frame in store.reading.frameSequence(of: "EX-1", actor: "Insp. A. Khan") { frameList.append(frame) }
            var packetList: [PacketEntry] = []
            for try await packet in store.reading.packetSequence(of: "EX-1", actor: "Insp. A. Khan") { packetList.append(packet) }
            return (frameList, packetList)
        }.value
        #expect(listed.0 == frames)
        #expect(listed.1 == packets)
        let commands = try store.reading.custody(of: "EX-1", actor: "Insp. A. Khan").filter { $0.action == "accessed" }.compactMap { $0.details["command"] }
        #expect(commands == ["frames", "packets", "frames", "packets", "custody"])
        // A reference that names nothing is thrown by the first next(), once; the sequence then ends.
        let missing = try await Task(executorPreference: Self.executor) { () -> (String?, Bool) in
            var iterator = store.reading.frameSequence(of: "EX-99", actor: "Insp. A. Khan").makeAsyncIterator()
            var thrown: String?
            do { _ = try await iterator.next() } catch { thrown = "\(error)" }
            return (thrown, try await iterator.next() == nil)
        }.value
        #expect(missing.0?.contains("EX-99") == true, "\(missing.0 ?? "nothing thrown")")
        #expect(missing.1)
    }

    /// The producer runs at most `capacity` elements ahead, and stops when the consumer leaves.
    @Test func aStreamIsHeldBackByItsConsumerAndStopsWhenItLeaves() async throws {
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var yielded = 0
            var ended: (any Error)?? = nil
            let done = DispatchSemaphore(value: 0)
        }
        let count = Count()
        let stream = StoreStream<Int>(capacity: 8) { yield in
            defer { count.done.signal() }
            do {
                for value in 0..<1_000_000 {
                    try yield(value)
                    count.lock.withLock { count.yielded += 1 }
                }
                count.lock.withLock { count.ended = .some(nil) }
            } catch {
                count.lock.withLock { count.ended = .some(error) }
                throw error
            }
        }
        let taken = try await Task(executorPreference: Self.executor) { () -> [Int] in
            var taken: [Int] = []
            for try await value in stream {
                taken.append(value)
                if taken.count == 5 {
                    usleep(200_000)   // the producer fills the buffer, and waits
                    break
                }
            }
            return taken
        }.value
        #expect(taken == [0, 1, 2, 3, 4])
        #expect(count.done.wait(timeout: .now() + 30) == .success, "the producer did not stop")
        let (yielded, ended) = count.lock.withLock { (count.yielded, count.ended) }
        #expect(yielded <= 5 + 8 + 1, "the producer ran \(yielded) ahead")
        let error = try #require(ended ?? nil, "the producer ran to its end")
        #expect(error is CancellationError)
    }

    /// Leaving a batch's update loop kills the worker in flight and leaves the batch open: run again,
    /// it resumes, and every file is in exactly once.
    @Test func leavingABatchsUpdatesStopsItAndItResumes() async throws {
        let work = TestSupport.temporaryDirectory()
        let path = work + "/store"
        let folder = work + "/footage"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.fixture("cctv_h264.mp4"), toPath: folder + "/a.mp4")
        try FileManager.default.copyItem(atPath: FaultTests.longClip, toPath: folder + "/b.mp4")
        let store = try EvidenceStore(path: path, create: true)
        _ = try store.ledger.registerActor(name: "Insp. A. Khan", role: .custodian, by: nil)
        let options = BatchOptions(roots: [folder], caseID: "BATCH-ASYNC")
        let containment = Containment(worker: TestSupport.dfcBinary)
        let before = Self.workers(of: path)
        let (first, killed) = try await Task(executorPreference: Self.executor) { () -> (BatchProgress?, pid_t?) in
            for try await update in store.intake.batchUpdates(options, actor: "Insp. A. Khan", containments: [containment]) {
                guard case .progress(let progress) = update else { return (nil, nil) }
                // The second file's worker, then leave the loop while it decodes.
                let waiting = Date()
                var worker: pid_t?
                while worker == nil && Date().timeIntervalSince(waiting) < 300 {
                    worker = Self.workers(of: path).subtracting(before).first
                    usleep(5_000)
                }
                return (progress, worker)
            }
            return (nil, nil)
        }.value
        let progress = try #require(first)
        #expect(progress.file.path.hasSuffix("/a.mp4") && progress.file.status == .ingested)
        let pid = try #require(killed, "no worker started for the second file")
        let left = Date()
        while kill(pid, 0) == 0 && Date().timeIntervalSince(left) < 30 { usleep(2_000) }
        #expect(Date().timeIntervalSince(left) < 5, "worker \(pid) was not stopped at once")
        // The cancelled file's staged copy is removed by the batch's own thread as it stops.
        func staged() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path + "/tmp")) ?? ["(no tmp/ in the store)"]).filter { !$0.hasPrefix("lease-") }
        }
        while !staged().isEmpty && Date().timeIntervalSince(left) < 60 { usleep(10_000) }
        #expect(staged().isEmpty, "\(staged())")
        #expect(try store.reading.lookup(.caseID("BATCH-ASYNC"), actor: "Insp. A. Khan").count == 1)
        // Run again, the batch resumes, takes the second file in, and completes.
        let report = try store.intake.batch(options, actor: "Insp. A. Khan", containments: [containment])
        #expect(report.resumed && report.completed)
        #expect(report.total == 2 && report.ingested == 2 && report.duplicates == 0, "\(report)")
        let audit = try await store.integrity.audit(actor: "Insp. A. Khan")
        #expect(audit.ok, "\(audit.problems)")
    }
}
