import Foundation
import Testing

/// DFC opens no network socket: every system call of the `dfc` process, its threads and its
/// worker processes is traced while it ingests the hostile corpus, looks up, verifies, lists frames, audits,
/// checkpoints, extracts, exports, verifies the package and writes a report. The only sockets allowed are AF_UNIX ones to the local name-service cache,
/// which glibc opens when Foundation asks for a file owner's name.
@Suite struct NoNetworkTests {
    @Test func theCLIOpensNoNetworkSocket() throws {
        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tracer = try #require(strace, "strace is not installed (Scripts/install-deps installs it)")
        let corpus = try HostileInputTests.makeCorpus()
        let work = TestSupport.temporaryDirectory()
        let store = work + "/store"
        var calls: [String] = []
        // Every command here succeeds (exit 0): one that fails before it does any I/O must not pass for one that opened no socket.
        func traced(_ arguments: [String], inStore: Bool = true) throws {
            let log = work + "/trace-\(calls.count).txt"
            let result = try TestSupport.run(tracer, ["-f", "-qq", "-e", "trace=%process,socket,connect,bind,sendto,sendmsg", "-o", log,
                                                      TestSupport.dfcBinary] + arguments + (inStore ? ["--store", store] : []),
                                             environment: ["DFC_ACTOR": "Insp. A. Khan"])
            try #require(result.status == 0, "dfc \(arguments): \(result.stderr)")
            calls += Self.joined(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init))
        }
        try traced(["ingest", "--case", "NET"] + corpus.files + [TestSupport.fixture("cctv_h264.mp4")])
        try traced(["lookup", "--case", "NET"])
        try traced(["verify", "--file", TestSupport.fixture("cctv_h264.mp4")])
        try traced(["frames", "EX-1"])
        try traced(["checkpoint"])
        try traced(["audit"])
        // The court-facing commands: extract, export, verify-package (no store) and report.
        let clip = "EX-\(corpus.files.count + 1)"
        try traced(["extract", clip, "--frames", "0", "--output", work + "/frames"])
        try traced(["export", clip, "--output", work + "/package", "--authorized-by", "Insp. A. Khan", "--reason", "r", "--recipient", "court"])
        try traced(["verify-package", work + "/package"], inStore: false)
        try traced(["report", clip, "--output", work + "/report.html"])
        // The tracer saw each dfc start (execve is traced too), and it followed the ingest's
        // launcher and the worker it forked for each file, where FFmpeg runs: each one's
        // exit is in the trace.
        let starts = calls.filter { $0.contains("execve(") && $0.contains("dfc\"") && !$0.contains("ENOENT") }
        #expect(starts.count == 10)
        let forked = calls.filter { $0.contains("clone(") && $0.contains("SIGCHLD") && !$0.contains("CLONE_THREAD") }
            .compactMap { $0.split(separator: "=").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        // The ingest's launcher and a worker per file; a launcher and a worker each for extract, verify-package and report.
        #expect(forked.count == corpus.files.count + 2 + 6, "the launcher and a worker per file: \(forked)")
        for pid in forked {
            #expect(calls.contains { $0.hasPrefix("\(pid) ") && $0.contains("exit_group(") }, "process \(pid) was not followed")
        }
        let network = calls.filter { line in
            (line.contains("socket(") || line.contains("connect(") || line.contains("bind(") || line.contains("send"))
                && !line.contains("AF_UNIX") && !line.contains("sa_family=AF_UNIX")
        }
        #expect(network.isEmpty, "network system calls: \(network.prefix(5))")
        #expect(corpus.listener.connectionsSoFar() == 0)
    }

    /// strace's lines with each interrupted call put back together. When another traced process
    /// runs in the middle of a call, strace prints `PID clone(ARGS <unfinished ...>` and later
    /// `PID <... clone resumed>REST`: a loaded machine splits the very `clone` lines this test counts.
    static func joined(_ lines: [String]) -> [String] {
        var pending: [Substring: String] = [:]
        var whole: [String] = []
        for line in lines {
            let pid = line.prefix { $0 != " " }
            if line.hasSuffix(" <unfinished ...>") {
                pending[pid] = String(line.dropLast(" <unfinished ...>".count))
            } else if let resumed = line.range(of: " resumed>"), line.contains(" <... "), let start = pending.removeValue(forKey: pid) {
                whole.append(start + line[resumed.upperBound...])
            } else {
                whole.append(line)
            }
        }
        return whole + pending.values
    }

    /// How to run a program with no network at all: a new network namespace (only a
    /// loopback device, and that one down). Root may make one; others through a user namespace.
    static let withoutNetwork: [String]? = {
        for prefix in [["/usr/bin/unshare", "-n"], ["/usr/bin/unshare", "-rn"]] {
            if let result = try? TestSupport.run(prefix[0], Array(prefix.dropFirst()) + ["/bin/true"]), result.status == 0 { return prefix }
        }
        return nil
    }()

    /// The same commands with the network and without it give the same answers: nothing
    /// DFC does depends on reaching anything.
    @Test(.enabled(if: withoutNetwork != nil, "unshare cannot make a network namespace here"))
    func theSameAnswersWithoutANetwork() throws {
        let prefix = try #require(Self.withoutNetwork)
        let files = TestSupport.videoFixtures.map(TestSupport.fixture) + [TestSupport.fixture("not_video.mp4")]
        func answers(isolated: Bool) throws -> [String] {
            let store = TestSupport.temporaryDirectory() + "/store"
            func dfc(_ arguments: [String]) throws -> String {
                let command = (isolated ? prefix : []) + [TestSupport.dfcBinary] + arguments + ["--store", store]
                let result = try TestSupport.run(command[0], Array(command.dropFirst()), environment: ["DFC_ACTOR": "Insp. A. Khan"])
                try #require(result.status == 0, "\(command): \(result.stderr)")
                return result.stdout
            }
            var outputs = [try dfc(["ingest", "--case", "NET"] + files)]
            for exhibit in 1..<files.count { outputs.append(try dfc(["frames", "EX-\(exhibit)"])) }
            outputs.append(try dfc(["verify", "--file", files[0]]))
            outputs.append(try dfc(["lookup", "--sha256", String(outputs[0].split(separator: "\t")[2])]))
            return outputs
        }
        let open = try answers(isolated: false)
        let cut = try answers(isolated: true)
        #expect(open.count == cut.count)
        // Everything, findings of damaged files included (they come from a one-thread decode).
        for (a, b) in zip(open, cut) { #expect(a == b) }
        #expect(open[1].split(separator: "\n").count > 10, "the frame lists are not empty")
    }
}
