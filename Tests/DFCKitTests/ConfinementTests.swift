import Foundation
import Testing

/// What the README says of the worker's confinement, observed: the real policy applied by
/// the probe on this kernel, and real workers under `strace -f` during an ingest.
@Suite struct ConfinementTests {
    static let probe: String = {
        URL(fileURLWithPath: TestSupport.dfcBinary).deletingLastPathComponent().appendingPathComponent("dfc-confinement-probe").path
    }()

    /// After `Confinement.apply()` a process keeps the files it had open, makes threads, and
    /// can do nothing else an exploited demuxer would want: no file opened or created (where
    /// the kernel has Landlock), no socket of any family, no new process, no program run.
    @Test func theConfinedProcessCanOnlyUseWhatItHadOpen() throws {
        let output = TestSupport.temporaryDirectory() + "/output"
        FileManager.default.createFile(atPath: output, contents: nil)
        let result = try TestSupport.run(Self.probe, [output])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = Set(result.stdout.split(separator: "\n").map(String.init))
        for expected in ["read-open-input ok", "write-open-output ok", "socket-inet errno 13", "socket-unix errno 13",
                         "fork errno 1", "exec errno 1", "thread ok"] {
            #expect(lines.contains(expected), "\(expected): \(result.stdout)")
        }
        if lines.contains("landlock none") {
            // The README's promise for such a kernel: files are not fenced off, the rest holds.
            #expect(lines.contains("open-other-file ok"))
        } else {
            #expect(lines.contains("open-other-file errno 13") && lines.contains("create-file errno 13"), "\(result.stdout)")
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "x")
    }

    /// Every worker of an ingest, traced with its threads: it confines itself (Landlock and
    /// seccomp both return 0) before it reads footage, never opens the catalog or a key, and
    /// opens no file at all once confined. Nor does the launcher ever touch the store.
    @Test func workersUnderStraceOpenNothingOnceConfined() throws {
        let tracer = try #require(["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let work = TestSupport.temporaryDirectory()
        let log = work + "/trace.txt"
        let files = ["cctv_h264.mp4", "hevc.mkv", "damaged_truncated.mp4"].map(TestSupport.fixture)
        let result = try TestSupport.run(tracer, ["-f", "-qq", "-e", "signal=none", "-e",
                                                  "trace=openat,open,creat,landlock_restrict_self,seccomp,clone,clone3,fork,vfork",
                                                  "-o", log, TestSupport.dfcBinary, "ingest", "--case", "CONF", "--store", work + "/store"] + files,
                                         environment: ["DFC_ACTOR": "Insp. A. Khan"])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        func pid(_ line: String) -> Int? { line.split(separator: " ").first.flatMap { Int($0) } }
        func returned(_ line: String) -> String? {
            guard !line.hasSuffix("<unfinished ...>"), let range = line.range(of: " = ", options: .backwards) else { return nil }
            return String(line[range.upperBound...])
        }
        // The workers: the processes that restricted themselves with Landlock or seccomp.
        let workers = Set(lines.filter { $0.contains("seccomp(") }.compactMap(pid))
        #expect(workers.count == files.count, "one confined worker per file: \(workers)")
        var threadsOf: [Int: Int] = [:]   // thread → its worker
        for worker in workers { threadsOf[worker] = worker }
        for line in lines where line.contains("CLONE_THREAD") || line.contains("clone3(") {
            if let parent = pid(line), let worker = threadsOf[parent], let child = returned(line).flatMap({ Int($0) }) {
                threadsOf[child] = worker
            }
        }
        var confined = Set<Int>()
        for line in lines {
            guard let thread = pid(line), let worker = threadsOf[thread] else { continue }
            #expect(!line.contains("catalog.sqlite") && !line.contains("/keys/"), "a worker touched the catalog or a key: \(line)")
            if line.contains("landlock_restrict_self") || line.contains("seccomp") {
                // A call strace shows in two halves (another thread ran between) returns in the second.
                if let result = returned(line) { #expect(result == "0", "\(line)") }
                if line.contains("seccomp"), returned(line) != nil { confined.insert(worker) }
                continue
            }
            if confined.contains(worker), line.contains("open"), let result = returned(line) {
                #expect(result.hasPrefix("-1 "), "a confined worker opened a file: \(line)")
            }
        }
        #expect(confined == workers)
        // The launcher is the parent of the workers; it was made before the store was opened.
        let launchers = Set(lines.filter { $0.contains("clone(") && !$0.contains("CLONE_THREAD") }
            .filter { line in returned(line).flatMap { Int($0) }.map(workers.contains) ?? false }.compactMap(pid))
        #expect(launchers.count == 1)
        for line in lines where launchers.contains(pid(line) ?? -1) {
            #expect(!line.contains("catalog.sqlite") && !line.contains("/keys/"), "the launcher touched the store: \(line)")
        }
    }
}
