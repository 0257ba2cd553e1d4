import Crypto
import DFCKit
import Foundation
import Testing

/// Paths, temporary stores and the two outside programs the tests run: the ffmpeg CLI
/// (the oracle) and the built `dfc` binary.
enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/\(name)").path }

    /// The fixtures that are video FFmpeg can decode, whole or damaged.
    static let videoFixtures = [
        "cctv_h264.mp4", "hevc.mkv", "mjpeg.avi", "mpeg2.ts", "dvr_export.h264", "bodycam.mp4",
        "audio_first_bframes.mp4", "vfr.mp4", "gap_5s.mp4", "damaged_truncated.mp4", "damaged_flipped.ts",
        "h264_10bit.mkv", "h264_422.mp4", "nv12.avi", "paletted.avi", "odd_size.mkv",
    ]

    /// A new empty folder that is removed when the process ends (or left for a post-mortem).
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dfc-tests-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The custodian every test store starts with.
    static let custodian = "T. Tester"

    /// Where a test's CLI commands make their store: a path with nothing there yet (the first
    /// command makes an embedded store), or, when `DFC_TEST_CATALOG=postgresql`, a store already
    /// made by `EvidenceStore.initialize` with its catalog in a new database, and no actor yet.
    static func newStorePath(at path: String = temporaryDirectory() + "/store") throws -> String {
        guard ProcessInfo.processInfo.environment["DFC_TEST_CATALOG"] == "postgresql" else { return path }
        let database = try Postgres.newDatabase()
        return try EvidenceStore.initialize(path: path, catalog: database.user, catalogAdmin: database.admin).path
    }

    /// `newStorePath(at:)` for a suite's shared store, built where nothing can throw: a store that
    /// cannot be made stops the run (a silent embedded store would let the PostgreSQL pass pass on SQLite).
    static func newStorePathOrStop(at path: String) -> String {
        do {
            return try newStorePath(at: path)
        } catch {
            preconditionFailure("cannot make the test store at \(path): \(error)")
        }
    }

    /// A new store whose first actor is the custodian "T. Tester", with `analysts` registered after it.
    /// Its catalog is embedded, or, when `DFC_TEST_CATALOG=postgresql` (the second pass of
    /// Scripts/test), a new database on the test PostgreSQL server.
    static func newStore(analysts: [String] = []) throws -> EvidenceStore {
        let store: EvidenceStore
        if ProcessInfo.processInfo.environment["DFC_TEST_CATALOG"] == "postgresql" {
            let database = try Postgres.newDatabase()
            store = try EvidenceStore.initialize(path: temporaryDirectory() + "/store", catalog: database.user, catalogAdmin: database.admin)
        } else {
            store = try EvidenceStore(path: temporaryDirectory() + "/store", create: true)
        }
        _ = try store.ledger.registerActor(name: custodian, role: .custodian, by: nil)
        for name in analysts { _ = try store.ledger.registerActor(name: name, role: .analyst, by: custodian) }
        return store
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a program to completion.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], unsetting: [String] = [],
                    in directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DFC_ACTOR"] = nil
        env["DFC_STORE"] = nil
        for (key, value) in environment { env[key] = value }
        for key in unsetting { env[key] = nil }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both read while it runs, so that neither pipe can fill and stall the child.
        let errorOutput = ErrorOutput()
        Thread { errorOutput.finish(err.fileHandleForReading.readDataToEndOfFile()) }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = errorOutput.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A child's standard error, read on a thread of its own.
    final class ErrorOutput: @unchecked Sendable {
        private let finished = DispatchSemaphore(value: 0)
        private var bytes = Data()   // written once, before `finished` is signalled
        func finish(_ data: Data) {
            bytes = data
            finished.signal()
        }
        func wait() -> Data {
            finished.wait()
            return bytes
        }
    }

    static let ffmpeg: String = {
        for path in ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"] where FileManager.default.isExecutableFile(atPath: path) { return path }
        return "/usr/bin/ffmpeg"
    }()

    /// Stock FFmpeg's framehash of the first video stream, as a court would produce it.
    /// `inputOptions` go before `-i` (`-threads 1`, the decoder's threads), `options` before
    /// `-f framehash` (`-autoscale 0`, `-pix_fmt F`): see the README.
    static func ffmpegFramehash(_ file: String, inputOptions: [String] = [], options: [String] = []) throws -> String {
        let result = try run(ffmpeg, ["-nostdin", "-v", "error"] + inputOptions + ["-noautorotate", "-i", file, "-map", "0:v:0",
                                      "-fps_mode", "passthrough"] + options + ["-f", "framehash", "-hash", "sha256", "-"])
        return result.stdout
    }

    /// The built `dfc` binary, beside the test bundle.
    static let dfcBinary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dfc").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/dfc").path
    }()

    static func dfc(_ arguments: [String], actor: String? = "T. Tester", in directory: String? = nil,
                    environment: [String: String] = [:], unsetting: [String] = []) throws -> Run {
        try run(dfcBinary, arguments, environment: environment.merging(actor.map { ["DFC_ACTOR": $0] } ?? [:]) { $1 },
                unsetting: unsetting, in: directory)
    }

    /// Runs `dfc` to build a fixture store, stopping the tests if it fails.
    static func dfcSucceeding(_ arguments: [String], actor: String?) {
        let result = try! dfc(arguments, actor: actor)
        precondition(result.status == 0, "dfc \(arguments): \(result.stderr)")
    }

    /// Rewrites a package's tag manifests to agree with its tag files, as a tamperer would.
    static func resealTagManifests(_ package: String) throws {
        for algorithm in ["sha256", "sha512"] {
            let manifest = package + "/tagmanifest-\(algorithm).txt"
            var out = ""
            for line in try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n") {
                let path = String(line.split(separator: " ", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces)
                let data = try Data(contentsOf: URL(fileURLWithPath: package + "/" + path))
                let digest = algorithm == "sha256" ? Array(SHA256.hash(data: data)) : Array(SHA512.hash(data: data))
                out += IndependentVerifier.hexString(digest) + "  " + path + "\n"
            }
            try out.write(toFile: manifest, atomically: false, encoding: .utf8)
        }
    }

    /// A script of `Scripts/`.
    static func script(_ name: String) -> String { packageRoot.appendingPathComponent("Scripts/\(name)").path }

    /// The Python of the reference implementations' venv (`Scripts/install-oracles`, which
    /// `Scripts/test` runs first). A test that needs it fails, rather than skips, without it.
    static let oraclePython = packageRoot.appendingPathComponent(".build/oracles/bin/python").path

    /// The processes below `pid` (a launcher and its workers, say), from /proc.
    static func descendants(_ pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let children = tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { pid_t($0) }
        }
        return children + children.flatMap(descendants)
    }

    /// Hash lines only (no header comments).
    static func hashLines(_ framehash: String) -> [Substring] {
        framehash.split(separator: "\n").filter { !$0.hasPrefix("#") }
    }

    /// The test PostgreSQL server Scripts/pg-server started (`DFC_TEST_PG`, host:port): its
    /// superuser `postgres` makes databases and plays the insider; DFC works as `dfc`.
    enum Postgres {
        static func address() throws -> String {
            try #require(ProcessInfo.processInfo.environment["DFC_TEST_PG"],
                         "no PostgreSQL server: run the tests through Scripts/test, or start one with Scripts/pg-server start and set DFC_TEST_PG")
        }

        /// A new database, empty, and the catalog URLs of DFC's role and of its owner.
        static func newDatabase() throws -> (name: String, user: String, admin: String) {
            let name = "dfc_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            _ = try psql("postgres", "CREATE DATABASE \(name)")
            let address = try address()
            return (name, "postgresql://dfc@\(address)/\(name)", "postgresql://postgres@\(address)/\(name)")
        }

        /// Runs SQL as the superuser in `database`; its output, one row a line, columns by `|`.
        @discardableResult
        /// With `zeroSeparated`, rows end with a NUL instead of a newline (values that hold newlines).
        static func psql(_ database: String, _ sql: String, quiet: Bool = true, zeroSeparated: Bool = false) throws -> String {
            let parts = try address().split(separator: ":")
            let result = try TestSupport.run("/usr/bin/psql", [
                "-h", String(parts[0]), "-p", String(parts[1]), "-U", "postgres", "-d", database, quiet ? "-qAtX" : "-AtX",
                "-v", "ON_ERROR_STOP=1", "-c", sql,
            ] + (zeroSeparated ? ["-0"] : []))
            guard result.status == 0 else { throw PsqlError(message: result.stderr) }
            return result.stdout
        }

        struct PsqlError: Error, CustomStringConvertible {
            let message: String
            var description: String { "psql: \(message)" }
        }
    }
}
