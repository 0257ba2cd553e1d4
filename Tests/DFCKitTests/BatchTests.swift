import Foundation
import Testing

/// `dfc batch` over folders, end to end: the walk, the record, kills at random moments and
/// the resume after them, and two batches on one store at once.
@Suite struct BatchTests {
    static let custodian = FaultTests.custodian   // FaultTests.start acts as this custodian

    /// cam01/ and cam02/ with clips, a copy of a clip in a hidden folder, an empty file, a text
    /// file posing as video at the root, a link out of the tree and a link within it.
    static func makeTree(_ files: [String] = ["cctv_h264.mp4", "hevc.mkv", "mjpeg.avi", "mpeg2.ts"]) throws -> String {
        let root = TestSupport.temporaryDirectory() + "/archive"
        let manager = FileManager.default
        for folder in ["cam01", "cam02/.hidden", "cam02/sub"] { try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        for (index, name) in files.enumerated() {
            try manager.copyItem(atPath: TestSupport.fixture(name), toPath: root + (index % 2 == 0 ? "/cam01/" : "/cam02/sub/") + name)
        }
        try manager.copyItem(atPath: TestSupport.fixture(files[0]), toPath: root + "/cam02/.hidden/copy-" + files[0])
        try manager.copyItem(atPath: TestSupport.fixture("not_video.mp4"), toPath: root + "/notes.mp4")
        manager.createFile(atPath: root + "/cam02/empty.bin", contents: Data())
        try manager.createSymbolicLink(atPath: root + "/cam01/secret", withDestinationPath: "/etc/passwd")
        try manager.createSymbolicLink(atPath: root + "/cam02/same.mkv", withDestinationPath: "../cam01/" + files[0])
        return root
    }

    static func dfc(_ arguments: [String], _ store: String) throws -> TestSupport.Run {
        try TestSupport.dfc(arguments + ["--store", store], actor: custodian)
    }

    @Test func aTreeIsTakenInAndEverythingItHoldsIsReported() throws {
        let tree = try Self.makeTree()
        let store = try TestSupport.newStorePath()
        let run = try Self.dfc(["batch", tree, "--case", "ARCH-1", "--source-from-dir", "--jobs", "2"], store)
        #expect(run.status == 1, "the empty file failed: \(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let progress = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(progress.count == 7, "a JSON line per file when not on a terminal: \(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("NOTE\t\(tree)/cam01/secret: a symbolic link to /etc/passwd, not followed; it points outside the tree") })
        #expect(lines.contains { $0.hasPrefix("NOTE\t\(tree)/cam02/same.mkv: a symbolic link") })
        #expect(lines.contains { $0.hasPrefix("NOTE\t\(tree)/cam02/empty.bin: rejected:") && $0.contains("is empty") })
        let hidden = progress.compactMap { $0["file"] as? [String: Any] }.first { ($0["path"] as? String)?.contains("/.hidden/") == true }
        #expect(hidden?["hidden"] as? Bool == true && hidden?["status"] as? String == "duplicate")
        let summary = try #require(lines.last)
        #expect(summary.contains("completed") && summary.contains("5 ingested, 1 duplicates") && summary.contains("1 rejected, of 7 files"), "\(summary)")
        let show = try Self.dfc(["show", "EX-1", "--json"], store)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(report["source"] as? String == "cam01")
        #expect(try Self.dfc(["audit"], store).status == 0)
        // Nothing outside the tree was read: no byte of /etc/passwd reached the store.
        let passwd = try Data(contentsOf: URL(fileURLWithPath: "/etc/passwd"))
        let vault = try FileManager.default.subpathsOfDirectory(atPath: store + "/vault")
        #expect(vault.allSatisfy { FileManager.default.contents(atPath: store + "/vault/" + $0) != passwd })

        // The batch's record is covered by the log: a row deleted by hand is named.
        #expect(try Insider(path: store).execute("DELETE FROM batch_file WHERE path LIKE '%mjpeg.avi'") == 1)
        let audit = try Self.dfc(["audit"], store)
        #expect(audit.status == 1 && audit.stdout.contains("mjpeg.avi, but the batch has no row for it"), "\(audit.stdout)")
    }

    /// Every process of the batch (dfc, its launchers and their workers), killed at once.
    static func killTree(_ pid: pid_t) {
        kill(pid, SIGSTOP)   // no new children while the tree is collected
        for child in TestSupport.descendants(pid) { kill(child, SIGKILL) }
        kill(pid, SIGKILL)
    }

    @Test func killedAtRandomMomentsAndResumedEveryFileIsTakenInOnce() throws {
        let tree = try Self.makeTree(["cctv_h264.mp4", "hevc.mkv", "mjpeg.avi", "mpeg2.ts", "bodycam.mp4", "vfr.mp4", "gap_5s.mp4"])
        // A clip no killed run can finish, so that every one of the 20 runs below is killed mid-way.
        try FileManager.default.copyItem(atPath: FaultTests.longClip, toPath: tree + "/cam01/a-long.mp4")
        let store = try TestSupport.newStorePath()
        #expect(try Self.dfc(["actor", "add", Self.custodian, "--role", "custodian"], store).status == 0)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var finished = false
        while kills < 20 && !finished {
            let process = try FaultTests.start(["batch", tree, "--case", "ARCH-2", "--jobs", "2", "--json"], store)
            usleep(UInt32.random(in: 10_000...600_000, using: &generator))
            if process.isRunning {
                Self.killTree(process.processIdentifier)
                kills += 1
            }
            process.waitUntilExit()
            finished = process.terminationReason == .exit
        }
        #expect(kills == 20)
        let last = try Self.dfc(["batch", tree, "--case", "ARCH-2", "--jobs", "2"], store)
        #expect(last.stdout.contains("completed"), "\(last.stdout)\(last.stderr)")

        let catalog = try Insider(path: store)
        let batches = try catalog.count("SELECT count(*) FROM custody_event WHERE action = 'batch_started'")
        let rows = try catalog.count("SELECT count(*) FROM batch_file")
        let distinctPaths = try catalog.count("SELECT count(DISTINCT path) FROM batch_file")
        let batchEvents = try catalog.count("SELECT count(*) FROM custody_event WHERE action IN ('ingested', 'acquired') AND payload LIKE '%\"batch\":%'")
        #expect(batches == 1, "one batch, resumed \(kills) times")
        #expect(rows == 10 && distinctPaths == 10 && batchEvents == 10, "the 10 files that are not empty, each taken in once: \(rows) rows, \(batchEvents) events")
        let exhibits = try catalog.count("SELECT count(*) FROM exhibit")
        #expect(exhibits == 9, "9 distinct contents (one file is a copy)")
        let audit = try Self.dfc(["audit"], store)
        #expect(audit.status == 0, "after \(kills) kills: \(audit.stdout)")
        #expect(FaultTests.stagingLeftovers(store).isEmpty, "what the killed runs were copying is cleared")
    }

    @Test func twoBatchesAndReadersOnOneStoreAtOnce() throws {
        let store = try TestSupport.newStorePath()
        #expect(try Self.dfc(["actor", "add", Self.custodian, "--role", "custodian"], store).status == 0)
        let first = try Self.makeTree(["cctv_h264.mp4", "hevc.mkv", "mjpeg.avi"])
        let second = try Self.makeTree(["mpeg2.ts", "bodycam.mp4", "vfr.mp4"])
        let outputs = [TestSupport.temporaryDirectory() + "/a.txt", TestSupport.temporaryDirectory() + "/b.txt"]
        let runs = try zip([first, second], outputs).map { tree, output in
            try FaultTests.start(["batch", tree, "--case", "TWO", "--jobs", "2"], store, output: output)
        }
        var reads = 0
        while runs.contains(where: \.isRunning) {
            // Each read records an event, so it needs the write lock too. SQLite hands that lock to
            // waiters in no order, and the rest of the suite runs beside this test on two cores: 30 s
            // (half the default) leaves room for that while still failing on a lock held for long.
            let lookup = try Self.dfc(["lookup", "--case", "TWO", "--lock-timeout", "30"], store)
            // Found (0), or not yet anything ingested (1, and it says only that): never an error.
            #expect(lookup.status == 0 || (lookup.status == 1 && lookup.stderr == "dfc: error: nothing found\n"), "\(lookup.stderr)")
            #expect(!lookup.stderr.contains("locked"))
            reads += 1
        }
        for (run, output) in zip(runs, outputs) {
            let printed = try String(contentsOfFile: output, encoding: .utf8)
            #expect(run.terminationStatus == 1 && printed.contains("completed"), "only the empty file fails: \(printed)")
            #expect(!printed.contains("locked"))
        }
        #expect(reads > 0)
        #expect(try Self.dfc(["audit"], store).status == 0)
    }

    /// A file whose worker hangs (stopped with SIGSTOP, as a decoder stuck in a loop would
    /// be) costs only itself: it is killed at the deadline and registered with
    /// `analysis_failed`; the rest of the batch goes on; the batch exits 1; the store is whole.
    @Test func aWorkerThatHangsCostsOnlyItsFile() throws {
        let tree = try Self.makeTree(["cctv_h264.mp4", "hevc.mkv"])
        try FileManager.default.copyItem(atPath: FaultTests.longClip, toPath: tree + "/cam01/a-long.mp4")   // the first file
        let store = try TestSupport.newStorePath()
        #expect(try Self.dfc(["actor", "add", Self.custodian, "--role", "custodian"], store).status == 0)
        let output = TestSupport.temporaryDirectory() + "/out.txt"
        let process = try FaultTests.start(["batch", tree, "--case", "HANG", "--jobs", "1", "--time-limit", "3"], store, output: output)
        let worker = try FaultTests.worker(of: process.processIdentifier)
        kill(worker, SIGSTOP)
        process.waitUntilExit()
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(process.terminationStatus == 1, "\(printed)")
        let long = try #require(printed.split(separator: "\n").first { $0.contains("a-long.mp4") })
        #expect(long.contains("\"analysis_failed\":true") && long.contains("\"status\":\"ingested\""), "\(long)")
        #expect(printed.contains("completed") && printed.contains("1 analysis failed"), "\(printed)")
        let show = try Self.dfc(["show", "EX-1"], store)
        #expect(show.stdout.contains("still running after 6 s and was killed"), "\(show.stdout)")
        #expect(try Self.dfc(["audit"], store).status == 0)
    }
}
