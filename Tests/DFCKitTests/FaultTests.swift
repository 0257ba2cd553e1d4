import Crypto
import Foundation
import GRDB
import Testing

/// What happens to a store when the machine misbehaves: the catalog locked by another
/// process, the process killed mid-ingest, a worker crashing, running away or outgrowing
/// its memory, the disk filling up, the store going read-only, a vault file deleted by
/// hand. Each case must give a clear error (or a finding, when the footage is at fault),
/// record nothing half-way, lose nothing registered, and leave `dfc audit` telling the truth.
@Suite(.serialized) struct FaultTests {
    static let custodian = TestSupport.custodian

    /// A store made through the CLI, with one exhibit (mjpeg.avi) already registered.
    static func storeWithOneExhibit(at store: String) throws {
        try #require(dfc(["actor", "add", custodian, "--role", "custodian"], store).status == 0)
        try #require(dfc(["ingest", "--case", "F-1", TestSupport.fixture("mjpeg.avi")], store).status == 0)
    }

    /// `dfc audit` passes, having checked `events` events when given.
    static func expectClean(_ store: String, events: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let audit = try dfc(["audit"], store)
        let expected = events.map { "CLEAN: \($0) custody events" } ?? "CLEAN"
        #expect(audit.status == 0 && audit.stdout.contains(expected), "\(audit.stdout)\(audit.stderr)", sourceLocation: sourceLocation)
    }

    static func dfc(_ arguments: [String], _ store: String) throws -> TestSupport.Run {
        try TestSupport.dfc(arguments + ["--store", store], actor: custodian)
    }

    /// A generated clip long enough (in a debug build) to be caught mid-analysis.
    static let longClip: String = {
        let path = TestSupport.temporaryDirectory() + "/long.mp4"
        let made = try! TestSupport.run(TestSupport.ffmpeg, [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=40",
            "-c:v", "libx264", "-preset", "ultrafast", path])
        precondition(made.status == 0, made.stderr)
        return path
    }()

    static func sha256(_ path: String) -> String {
        let data = FileManager.default.contents(atPath: path)!
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func vaultFiles(_ store: String) -> [String] {
        (FileManager.default.enumerator(atPath: store + "/vault")?.allObjects as? [String] ?? [])
            .filter { $0.count > 3 }.sorted()
    }

    static func stagingLeftovers(_ store: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: store + "/tmp")) ?? []
    }

    /// Bytes the worker has written to its analysis so far (the file appears when it starts).
    static func analysisBytes(_ store: String) -> Int {
        let names = stagingLeftovers(store).filter { $0.hasPrefix("analysis-") }
        return names.compactMap { try? FileManager.default.attributesOfItem(atPath: store + "/tmp/" + $0)[.size] as? Int }.reduce(0, +)
    }

    static func eventCount(_ store: String) throws -> Int {
        try DatabaseQueue(path: store + "/catalog.sqlite").read { try Int.fetchOne($0, sql: "SELECT count(*) FROM custody_event")! }
    }

    /// Starts `dfc` without waiting for it; its standard output goes to `output` if given.
    static func start(_ arguments: [String], _ store: String, output: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.dfcBinary)
        process.arguments = arguments + ["--store", store]
        var environment = ProcessInfo.processInfo.environment
        environment["DFC_ACTOR"] = custodian
        process.environment = environment
        if let output {
            FileManager.default.createFile(atPath: output, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits (up to 60 s) until `condition` holds.
    static func waitUntil(_ what: String, _ condition: () -> Bool) throws {
        let start = Date()
        while !condition() {
            try #require(Date().timeIntervalSince(start) < 60, "waited 60 s for \(what)")
            usleep(2_000)
        }
    }

    /// The worker process `parent`'s launcher has forked, once it has one.
    static func worker(of parent: pid_t) throws -> pid_t {
        func children(_ pid: pid_t) -> [pid_t] {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { pid_t($0) }
        }
        var worker: pid_t?
        try waitUntil("the worker process") {
            // Only once it has named itself: before that it is still a copy of the launcher.
            worker = children(parent).flatMap(children).first { pid in
                (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) == "dfc-worker\n"
            }
            return worker != nil
        }
        return worker!
    }

    @Test func catalogLockedByAnotherProcess() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        try Self.storeWithOneExhibit(at: store)
        let events = try Self.eventCount(store)
        // This test process is the other process: it holds the write lock.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the lock is held across calls on purpose
        let holder = try DatabaseQueue(path: store + "/catalog.sqlite", configuration: configuration)
        try holder.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }

        let ingest = try Self.dfc(["ingest", "--case", "F-2", "--lock-timeout", "1", TestSupport.fixture("hevc.mkv")], store)
        #expect(ingest.status == 75)   // busy: try again later; never 1, the "no" of an answer
        #expect(ingest.stderr.contains("catalog.sqlite: catalog busy: the catalog is locked by another process (waited 1 s); nothing was recorded"),
                "\(ingest.stderr)")
        let show = try Self.dfc(["show", "EX-1", "--lock-timeout", "1"], store)
        #expect(show.status == 75, "a read must wait too: it records a custody event")
        #expect(show.stderr.contains("locked by another process"), "\(show.stderr)")
        #expect(Self.vaultFiles(store).count == 1, "nothing of the refused ingest may reach the vault")
        #expect(Self.stagingLeftovers(store).isEmpty)

        try holder.inDatabase { try $0.execute(sql: "ROLLBACK") }
        #expect(try Self.eventCount(store) == events)
        #expect(try Self.dfc(["ingest", "--case", "F-2", TestSupport.fixture("hevc.mkv")], store).status == 0)
        try Self.expectClean(store)
    }

    @Test func killedBetweenVaultWriteAndCatalogCommit() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        try Self.storeWithOneExhibit(at: store)
        let clip = Self.longClip
        let vaultFile = store + "/vault/" + Self.sha256(clip).prefix(2) + "/" + Self.sha256(clip)
        let ingest = try Self.start(["ingest", "--in-process", "--case", "F-3", clip], store)
        // The vault file appears inside the write transaction, before the analysis.
        try Self.waitUntil("the vault file") { FileManager.default.fileExists(atPath: vaultFile) }
        kill(ingest.processIdentifier, SIGKILL)
        ingest.waitUntilExit()
        #expect(ingest.terminationReason == .uncaughtSignal, "the ingest finished before it could be killed")

        let lookup = try Self.dfc(["lookup", "--case", "F-3"], store)
        #expect(lookup.stdout.isEmpty, "nothing of the killed ingest may be registered: \(lookup.stdout)")
        let audit = try Self.dfc(["audit"], store)
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("a file in the vault that belongs to no exhibit: left by an ingest that was killed"), "\(audit.stdout)")
        #expect(audit.stdout.contains("1 exhibits checked, 1 problems"), "the first exhibit is intact: \(audit.stdout)")

        // The same file ingested again adopts the vault copy, and the store is whole.
        #expect(try Self.dfc(["ingest", "--case", "F-3", clip], store).status == 0)
        try Self.expectClean(store)
    }

    /// A store with one exhibit, and `dfc ingest` started on the long clip then hevc.mkv,
    /// printing to `output`.
    static func startTwoFileBatch(case caseID: String) throws -> (store: String, clip: String, process: Process, output: String) {
        let store = TestSupport.temporaryDirectory() + "/store"
        try storeWithOneExhibit(at: store)
        let output = TestSupport.temporaryDirectory() + "/out.txt"
        let process = try start(["ingest", "--case", caseID, longClip, TestSupport.fixture("hevc.mkv")], store, output: output)
        return (store, longClip, process, output)
    }

    @Test func aCrashingWorkerCostsOnlyItsOwnFile() throws {
        let (store, clip, process, output) = try Self.startTwoFileBatch(case: "F-4")
        // A segmentation fault, as FFmpeg would raise it, in the worker reading the clip.
        let worker = try Self.worker(of: process.processIdentifier)
        try Self.waitUntil("the worker to start decoding") { Self.analysisBytes(store) > 0 }
        kill(worker, SIGSEGV)
        process.waitUntilExit()

        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("EX-000002\tingested"), "\(printed)")
        #expect(printed.contains("analysis_failed: the analysis did not finish: its worker process (pid \(worker)) died from signal 11"),
                "\(printed)")
        #expect(printed.contains("EX-000003\tingested"), "the next file goes on: \(printed)")
        let frames = try Self.dfc(["frames", "EX-3"], store)
        #expect(frames.status == 0 && frames.stdout.split(separator: "\n").count > 10)
        try Self.expectClean(store)
    }

    @Test func theLauncherKilledMidBatch() throws {
        let (store, _, process, output) = try Self.startTwoFileBatch(case: "F-9")
        // The launcher and its worker for the first file, both gone at once (an operator's kill, the OOM killer).
        let worker = try Self.worker(of: process.processIdentifier)
        let stat = try String(contentsOfFile: "/proc/\(worker)/stat", encoding: .utf8)
        let launcher = try #require(stat.split(separator: ")").last?.split(separator: " ").dropFirst().first.flatMap { pid_t($0) })
        kill(launcher, SIGKILL)
        kill(worker, SIGKILL)
        process.waitUntilExit()

        // dfc goes on with workers started from its executable: the first file is analysed
        // again from the start, and the second, whose request meets a dead launcher, too.
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("EX-000002\tingested") && printed.contains("EX-000003\tingested"), "\(printed)")
        #expect(!printed.contains("analysis_failed"), "\(printed)")
        for exhibit in ["EX-2", "EX-3"] {
            #expect(try Self.dfc(["frames", exhibit], store).stdout.split(separator: "\n").count > 10)
        }
        try Self.expectClean(store)
    }

    @Test func aWorkerPastItsMemoryLimitIsKilled() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        try Self.storeWithOneExhibit(at: store)
        let result = try Self.dfc(["ingest", "--case", "F-5", "--memory-limit", "20M", TestSupport.fixture("hevc.mkv")], store)
        #expect(result.status == 0)
        #expect(result.stdout.contains("analysis_failed: the analysis did not finish: its worker process"), "\(result.stdout)")
        #expect(result.stdout.contains("used more than 20 MiB of memory and was killed"), "\(result.stdout)")
        try Self.expectClean(store)
    }

    @Test func aStuckWorkerIsKilledAtTheDeadline() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        try Self.storeWithOneExhibit(at: store)
        let process = try Self.start(["ingest", "--case", "F-6", "--time-limit", "1", "--json", Self.longClip], store)
        // A worker stopped dead: it can no longer check its own clock, as inside a library call that never returns.
        let worker = try Self.worker(of: process.processIdentifier)
        kill(worker, SIGSTOP)
        let started = Date()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Date().timeIntervalSince(started) < 10)
        let show = try Self.dfc(["show", "EX-2"], store)
        #expect(show.stdout.contains("was still running after 2 s and was killed"), "\(show.stdout)")
        try Self.expectClean(store)
    }

    @Test func aVaultFileDeletedByHand() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        try Self.storeWithOneExhibit(at: store)
        let original = TestSupport.fixture("hevc.mkv")
        #expect(try Self.dfc(["ingest", "--case", "F-7", original], store).status == 0)
        let relative = "vault/" + Self.sha256(original).prefix(2) + "/" + Self.sha256(original)
        try FileManager.default.removeItem(atPath: store + "/" + relative)

        let verify = try Self.dfc(["verify", "EX-2"], store)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("EX-000002: vault copy \(relative) is missing"), "\(verify.stdout)")
        let audit = try Self.dfc(["audit"], store)
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("EX-000002: vault copy \(relative) is missing"), "\(audit.stdout)")
        #expect(audit.stdout.contains("1 problems"), "EX-000001 is untouched: \(audit.stdout)")

        // The seized original, ingested again, restores the copy, and the event says so.
        let again = try Self.dfc(["ingest", "--case", "F-7", original], store)
        #expect(again.stdout.contains("EX-000002\tduplicate"), "\(again.stdout)")
        let custody = try Self.dfc(["custody", "EX-2", "--json"], store)
        #expect(custody.stdout.contains("is missing; restored from this file, whose size, SHA-256 and SHA-512 match the registration"))
        try Self.expectClean(store)
    }

    /// A store on its own small tmpfs, so that the disk can fill up and go read-only.
    final class SmallDisk {
        let mountPoint = TestSupport.temporaryDirectory()
        var store: String { mountPoint + "/store" }

        init(kilobytes: Int) throws {
            let mounted = try TestSupport.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", mountPoint])
            try #require(mounted.status == 0, "mount: \(mounted.stderr)")
        }

        func remount(_ mode: String) throws {
            let result = try TestSupport.run("/bin/mount", ["-o", "remount,\(mode)", mountPoint])
            try #require(result.status == 0, "remount: \(result.stderr)")
        }

        deinit { _ = try? TestSupport.run("/bin/umount", [mountPoint]) }
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs for the store needs root"))
    func theDiskFillsUp() throws {
        let disk = try SmallDisk(kilobytes: 1200)
        let store = disk.store
        try Self.storeWithOneExhibit(at: store)
        let events = try Self.eventCount(store)

        // Too big to preserve: the copy into the store fails.
        let big = TestSupport.temporaryDirectory() + "/big.bin"
        FileManager.default.createFile(atPath: big, contents: Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        let copy = try Self.dfc(["ingest", "--case", "F-8", big], store)
        #expect(copy.status == 74)
        #expect(copy.stderr.contains("write failed: No space left on device (while preserving \(big); nothing was recorded)"),
                "\(copy.stderr)")

        // Small enough to preserve, but the worker's analysis of its 6,000 frames does not fit.
        func clip(frames: Int) throws -> String {
            let path = TestSupport.temporaryDirectory() + "/\(frames).mp4"
            let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i",
                                                                "color=c=black:s=16x16:r=1000", "-frames:v", String(frames),
                                                                "-c:v", "libx264", "-preset", "ultrafast", path])
            try #require(made.status == 0, "\(made.stderr)")
            return path
        }
        let many = try clip(frames: 6000)
        let analysis = try Self.dfc(["ingest", "--case", "F-8", many], store)
        #expect(analysis.status == 74)
        #expect(analysis.stderr.contains("the worker could not write its analysis of \(many)")
                && analysis.stderr.contains("No space left on device); nothing was recorded"), "\(analysis.stderr)")

        // Its analysis fits, but its rows do not fit in the catalog.
        let rows = try Self.dfc(["ingest", "--case", "F-8", try clip(frames: 2500)], store)
        #expect(rows.status == 69)
        #expect(rows.stderr.contains("catalog.sqlite: catalog error: the disk is full; the transaction was rolled back and nothing was recorded"),
                "\(rows.stderr)")

        #expect(try Self.eventCount(store) == events)
        #expect(Self.vaultFiles(store).count == 1, "the vault file of the failed ingest is taken back")
        #expect(Self.stagingLeftovers(store).isEmpty)
        try Self.expectClean(store, events: events)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs for the store needs root"))
    func theStoreIsReadOnly() throws {
        let disk = try SmallDisk(kilobytes: 4096)
        let store = disk.store
        try Self.storeWithOneExhibit(at: store)
        let events = try Self.eventCount(store)
        try disk.remount("ro")
        for command in [["show", "EX-1"], ["lookup", "--case", "F-1"], ["audit"], ["ingest", "--case", "F-9", TestSupport.fixture("hevc.mkv")]] {
            let result = try Self.dfc(command, store)
            #expect(result.status == 74, "\(command)")
            #expect(result.stderr.contains("\(store): the store is read-only (Read-only file system): DFC records a custody event "
                                           + "for every access, a read included, so it cannot work on it"), "\(command): \(result.stderr)")
        }
        try disk.remount("rw")
        #expect(try Self.eventCount(store) == events)
        try Self.expectClean(store, events: events)
    }
}
