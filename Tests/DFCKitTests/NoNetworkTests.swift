import Foundation
import Testing

/// DFC opens no network socket: every system call of the `dfc` process, its threads and its
/// worker processes is traced while it ingests the hostile corpus, looks up, verifies, lists frames, audits and
/// checkpoints. The only sockets allowed are AF_UNIX ones to the local name-service cache,
/// which glibc opens when Foundation asks for a file owner's name.
@Suite struct NoNetworkTests {
    @Test func theCLIOpensNoNetworkSocket() throws {
        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tracer = try #require(strace, "strace is not installed (Scripts/install-deps installs it)")
        let corpus = try HostileInputTests.makeCorpus()
        let work = TestSupport.temporaryDirectory()
        let store = work + "/store"
        var calls: [String] = []
        func traced(_ arguments: [String]) throws {
            let log = work + "/trace-\(calls.count).txt"
            let result = try TestSupport.run(tracer, ["-f", "-qq", "-e", "trace=execve,socket,connect,bind,sendto,sendmsg", "-o", log,
                                                      TestSupport.dfcBinary] + arguments + ["--store", store],
                                             environment: ["DFC_ACTOR": "Insp. A. Khan"])
            try #require(result.status == 0 || result.status == 1, "dfc \(arguments): \(result.stderr)")
            calls += try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        try traced(["ingest", "--case", "NET"] + corpus.files + [TestSupport.fixture("cctv_h264.mp4")])
        try traced(["lookup", "--case", "NET"])
        try traced(["verify", "--file", TestSupport.fixture("cctv_h264.mp4")])
        try traced(["frames", "EX-1"])
        try traced(["checkpoint"])
        try traced(["audit"])
        // The tracer saw each dfc start (execve is traced too): it was watching, the ingest's
        // worker processes (one per file, where FFmpeg runs) included.
        let starts = calls.filter { $0.contains("execve(") && $0.contains("dfc\"") && !$0.contains("ENOENT") }
        #expect(starts.filter { !$0.contains("--in-process") }.count == 6)
        #expect(starts.filter { $0.contains("--in-process") }.count == corpus.files.count + 1)
        let network = calls.filter { line in
            (line.contains("socket(") || line.contains("connect(") || line.contains("bind(") || line.contains("send"))
                && !line.contains("AF_UNIX") && !line.contains("sa_family=AF_UNIX")
        }
        #expect(network.isEmpty, "network system calls: \(network.prefix(5))")
        #expect(corpus.listener.connectionsSoFar() == 0)
    }
}
