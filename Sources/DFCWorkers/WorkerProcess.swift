import Foundation
import DFCCore
import DFCMedia

/// One worker process run to completion under a deadline: its standard output and error
/// go to files, so a child that writes a lot can never block on a full pipe, and a child
/// that outlives the deadline is killed. The child is forked by a `WorkerLauncher` where
/// there is one, and otherwise started as `executable worker JOB` (`dfc worker`, which
/// runs `AnalysisWorker.run`).
package struct WorkerProcess {
    /// How the child ended.
    package enum Ending: Equatable, Codable {
        case exited(Int32)
        case signalled(Int32)
        /// It was still running at the deadline and was killed.
        case timedOut(seconds: Double)
        /// Its resident memory went past the limit and it was killed.
        case memoryExceeded(bytes: Int)
        /// The caller cancelled the work and it was killed.
        case cancelled
    }

    /// The child's ending and everything it wrote.
    package struct Outcome {
        package let pid: pid_t
        package let ending: Ending
        package let standardOutput: Data
        package let standardError: Data

        package init(pid: pid_t, ending: Ending, standardOutput: Data, standardError: Data) {
            self.pid = pid
            self.ending = ending
            self.standardOutput = standardOutput
            self.standardError = standardError
        }
    }

    /// What the worker is to do.
    package let job: AnalysisJob
    /// The program started when there is no launcher (`dfc`).
    package let executable: String
    /// Variables set in a started child on top of this process's environment (a forked
    /// child shares the launcher's).
    package var environment: [String: String] = [:]
    /// Seconds after which the child is killed.
    package let deadline: Double
    /// Resident bytes past which the child is killed; nil for none.
    package var memoryLimit: Int?
    /// Set by the caller to have the child killed at once.
    package var cancellation: CancellationFlag?

    package func run(launcher: WorkerLauncher? = nil) throws(DFCError) -> Outcome {
        let folder = NSTemporaryDirectory() + "dfc-worker-\(UUID().uuidString)"
        guard mkdir(folder, 0o700) == 0 else {
            throw .storeIO(path: folder, reason: "cannot create the worker's output folder: \(errnoDescription())")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outPath = folder + "/stdout", errPath = folder + "/stderr"
        func outcome(_ pid: pid_t, _ ending: Ending) -> Outcome {
            Outcome(pid: pid, ending: ending,
                    standardOutput: FileManager.default.contents(atPath: outPath) ?? Data(),
                    standardError: FileManager.default.contents(atPath: errPath) ?? Data())
        }

        let request = WorkerLauncher.Request(job: job, standardOutput: outPath,
                                             standardError: errPath, deadline: deadline, memoryLimit: memoryLimit)
        if let reply = launcher?.run(request, cancellation: cancellation) {
            guard let ending = reply.ending else {
                throw .storeIO(path: executable, reason: "cannot start the worker process: \(reply.error ?? "no reason given")")
            }
            return outcome(reply.pid, ending)
        }

        // A worker of a launcher that died may have begun the output: the new worker starts afresh.
        unlink(job.output)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var job = job
        job.parent = getpid()   // the worker dies with this process
        guard let encoded = try? CanonicalJSON.string(job) else {
            throw .storeIO(path: executable, reason: "cannot encode the worker's job")
        }
        let words: [String] = [executable, "worker", encoded]
        var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in self.environment { environment[name] = value }
        var envp = environment.map { strdup("\($0.key)=\($0.value)") }
        envp.append(nil)
        defer { for pointer in envp { free(pointer) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else {
            throw .storeIO(path: executable, reason: "cannot start the worker process: \(String(cString: strerror(status)))")
        }

        let cancellation = cancellation
        return outcome(pid, Self.wait(for: pid, deadline: deadline, memoryLimit: memoryLimit) { cancellation?.isCancelled == true })
    }

    /// Waits for `pid`, polling, and kills it at the deadline or when its resident memory
    /// passes the limit. (An address-space rlimit would make the child fail inside its own
    /// allocations instead, and libdispatch waits for ever when it cannot make a thread.)
    /// Killed too once `cancelled` says so (the caller's job was cancelled: a lease lost, a host abandoning).
    package static func wait(for pid: pid_t, deadline: Double, memoryLimit: Int?, cancelled: () -> Bool = { false }) -> Ending {
        let start = Date()
        var pause: useconds_t = 1_000
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return Self.ending(status) }
            if result < 0 && errno != EINTR { return .exited(-1) }
            let elapsed = Date().timeIntervalSince(start)
            if elapsed > deadline {
                Self.killAndReap(pid)
                return .timedOut(seconds: deadline)
            }
            if cancelled() {
                Self.killAndReap(pid)
                return .cancelled
            }
            if let memoryLimit, let resident = Self.residentBytes(pid), resident > memoryLimit {
                Self.killAndReap(pid)
                return .memoryExceeded(bytes: memoryLimit)
            }
            // A short clip's worker is done in tens of milliseconds: noticed at most 5 ms late.
            // Past the first second, every 20 ms is enough, and reads /proc less often.
            usleep(pause)
            pause = min(pause * 2, elapsed < 1 ? 5_000 : 20_000)
        }
    }

    private static func killAndReap(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// The process's resident set from `/proc/PID/statm` (its second field, in pages).
    private static func residentBytes(_ pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func ending(_ status: Int32) -> Ending {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    package init(job: AnalysisJob, executable: String, environment: [String: String] = [:], deadline: Double, memoryLimit: Int? = nil, cancellation: CancellationFlag? = nil) {
        self.job = job
        self.executable = executable
        self.environment = environment
        self.deadline = deadline
        self.memoryLimit = memoryLimit
        self.cancellation = cancellation
    }
}
