import Foundation
import Testing

/// The catalog's write lock is held only to commit, never while footage is decoded: with one
/// ingest stopped in the middle of its decode, every other user of the store gets through
/// with a lock timeout of one second, a second ingest included, and the audit finds nothing
/// wrong with the file the first one is placing.
@Suite struct ConcurrencyTests {
    @Test func readsAuditAndASecondIngestGoOnDuringALongIngest() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        try FaultTests.storeWithOneExhibit(at: store)
        let output = TestSupport.temporaryDirectory() + "/out.txt"
        let first = try FaultTests.start(["ingest", "--case", "C-1", FaultTests.longClip], store, output: output)
        let worker = try FaultTests.worker(of: first.processIdentifier)
        try FaultTests.waitUntil("the worker to start decoding") { FaultTests.analysisBytes(store) > 0 }
        kill(worker, SIGSTOP)   // mid-decode, for as long as this test needs
        defer { kill(worker, SIGCONT) }

        func dfc(_ arguments: [String]) throws -> TestSupport.Run {
            try FaultTests.dfc(arguments + ["--lock-timeout", "1"], store)
        }
        let show = try dfc(["show", "EX-1"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(try dfc(["lookup", "--case", "F-1"]).status == 0)
        #expect(try dfc(["verify", "--file", TestSupport.fixture("mjpeg.avi")]).status == 0)
        let audit = try dfc(["audit"])
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "the file being placed is no problem: \(audit.stdout)\(audit.stderr)")
        let second = try dfc(["ingest", "--case", "C-2", TestSupport.fixture("hevc.mkv")])
        #expect(second.status == 0 && second.stdout.contains("EX-000002\tingested"), "\(second.stdout)\(second.stderr)")
        #expect(first.isRunning, "the first ingest is still decoding")

        kill(worker, SIGCONT)
        first.waitUntilExit()
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(first.terminationStatus == 0 && printed.contains("EX-000003\tingested"), "\(printed)")
        #expect(!printed.contains("analysis_failed"), "\(printed)")
        #expect(try dfc(["frames", "EX-3"]).stdout.split(separator: "\n").count > 900)
        try FaultTests.expectClean(store)
    }
}
