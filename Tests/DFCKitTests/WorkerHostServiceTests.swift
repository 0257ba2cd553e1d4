import DFCKit
import Foundation
import Testing

/// `dfc worker-host` as an operator runs it, two hosts against the test PostgreSQL server: a first
/// SIGTERM drains (the job in flight is finished and recorded), a second hands the job back at once
/// and another host takes it within a second, not when its lease would have run out; the status
/// file a supervisor watches says what each host is doing.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DFC_TEST_PG"] != nil, "needs the test PostgreSQL server (DFC_TEST_PG)"))
struct WorkerHostServiceTests {
    /// A `dfc worker-host` running in the background, its output read as it goes.
    final class Host: @unchecked Sendable {
        let process = Process()
        let status: String
        private let out = Pipe(), err = Pipe()
        private let output = TestSupport.ErrorOutput(), errors = TestSupport.ErrorOutput()

        init(_ store: String, _ actor: String, _ extra: [String] = []) throws {
            status = TestSupport.temporaryDirectory() + "/\(actor).json"
            process.executableURL = URL(fileURLWithPath: TestSupport.dfcBinary)
            process.arguments = ["worker-host", "--store", store, "--actor", actor, "--jobs", "1", "--poll-seconds", "0.2",
                                 "--status-file", status, "--status-seconds", "0.2"] + extra
            process.standardOutput = out
            process.standardError = err
            try process.run()
            Thread { [self] in output.finish(out.fileHandleForReading.readDataToEndOfFile()) }.start()
            Thread { [self] in errors.finish(err.fileHandleForReading.readDataToEndOfFile()) }.start()
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Its status file, once written.
        func health() -> [String: Any]? {
            guard let data = FileManager.default.contents(atPath: status) else { return nil }
            return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }

        /// Waits for it to exit: its status, standard output and standard error.
        func finish() -> TestSupport.Run {
            process.waitUntilExit()
            return TestSupport.Run(status: process.terminationStatus, stdout: String(decoding: output.wait(), as: UTF8.self),
                                   stderr: String(decoding: errors.wait(), as: UTF8.self))
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    /// Waits up to `seconds` for `condition`, looking every 20 ms.
    static func waitFor(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("waited \(seconds) s for \(what)")
        throw CancellationError()
    }

    @Test(.timeLimit(.minutes(3)))
    func aSecondSignalHandsTheJobBackAndAnotherHostTakesItAtOnce() throws {
        let fixture = try QueueTests.Fixture(hosts: ["host-a", "host-b"], files: [])
        // A clip whose analysis takes seconds, so that the signals reach a host while it holds the job.
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=30",
                                                            "-c:v", "libx264", "-preset", "ultrafast", fixture.folder + "/long.mp4"])
        try #require(made.status == 0, "\(made.stderr)")
        // A long lease: a job taken within a second was handed back, not lapsed.
        _ = try fixture.store.queue.queueBatch(BatchOptions(roots: [fixture.folder], caseID: "LIFE-1"), actor: TestSupport.custodian,
                                               leaseSeconds: 120, maxAttempts: 3)
        let leasedBy = { try fixture.sql("SELECT host FROM batch_job WHERE state = 'leased'") }

        let a = try Host(fixture.store.path, "host-a")
        try Self.waitFor(60, "host-a to lease the job") { try leasedBy() == "host-a" }
        try Self.waitFor(10, "host-a's status to show its job") { (a.health()?["jobs_in_flight"] as? Int) == 1 }
        #expect(a.health()?["state"] as? String == "serving")
        let b = try Host(fixture.store.path, "host-b", ["--exit-when-idle"])
        try Self.waitFor(30, "host-b to look at the queue") { b.health()?["last_queue_look"] is String }

        // The first signal drains: host-a keeps its job.
        a.signal(SIGTERM)
        try Self.waitFor(10, "host-a to drain") { a.health()?["state"] as? String == "draining" }
        #expect(try leasedBy() == "host-a")

        // The second stops its worker and hands the job back; host-b, looking every 0.2 s, takes it.
        let second = ContinuousClock.now
        a.signal(SIGTERM)
        try Self.waitFor(10, "host-b to take the job") { try leasedBy() == "host-b" }
        let takeOver = ContinuousClock.now - second
        print("host-b took the handed-back job \(takeOver) after the second signal")
        #expect(takeOver < .seconds(1), "host-b took the handed-back job \(takeOver) after the second signal")
        let first = a.finish()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\tabandoned\t") && first.stdout.contains("(drained)"), "\(first.stdout)")
        let last = try #require(a.health())
        #expect(last["state"] as? String == "stopped" && last["jobs_in_flight"] as? Int == 0, "\(last)")

        // A single signal to host-b drains it: the job it holds is finished and recorded, once.
        try Self.waitFor(10, "host-b's status to show its job") { (b.health()?["jobs_in_flight"] as? Int) == 1 }
        b.signal(SIGINT)
        let taker = b.finish()
        #expect(taker.status == 0, "\(taker.stderr)")
        #expect(taker.stdout.contains("\tingested\t") && taker.stdout.contains("(drained)"), "\(taker.stdout)")
        let report = try #require(b.health()?["report"] as? [String: Any])
        #expect(report["ingested"] as? Int == 1 && report["drained"] as? Bool == true, "\(report)")
        #expect(try fixture.sql("SELECT actor FROM custody_event WHERE action = 'ingested'") == "host-b")
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }
}
