import Foundation
import DFCCore
import DFCMedia

/// Makes worker processes by forking a launcher instead of starting the `dfc` executable
/// afresh for every file.
///
/// Starting `dfc` costs about 50 ms before it does anything. The dynamic loader resolves
/// some 33,000 symbols across the 150 libraries that Debian's FFmpeg pulls in. For a
/// batch of short clips that start-up is a large share of the work. A fork of a process
/// that has all of that loaded runs within 2–3 ms.
///
/// The launcher is forked when the program starts, before it opens a store or starts a
/// thread, and it never opens one itself. Each worker is a fork of the launcher, so every
/// file is still analysed in a process of its own. That process has read no other file
/// and shares no SQLite connection or lock with anyone. (SQLite's locks do not survive a
/// fork, which is why the launcher must be made before the store is opened.)
///
/// The launcher waits for each worker under its deadline and memory limit, as
/// `WorkerProcess` does for a started one, and replies with how the worker ended.
package final class WorkerLauncher: @unchecked Sendable {
    /// What the launcher is asked to run: the worker's job, and where its messages go.
    package struct Request: Codable {
        package let job: AnalysisJob
        package let standardOutput: String
        package let standardError: String
        package let deadline: Double
        package let memoryLimit: Int?

        package init(job: AnalysisJob, standardOutput: String, standardError: String, deadline: Double, memoryLimit: Int? = nil) {
            self.job = job
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.deadline = deadline
            self.memoryLimit = memoryLimit
        }
    }

    /// How the worker ended, or why none could be made.
    package struct Reply: Codable {
        package let pid: pid_t
        package let ending: WorkerProcess.Ending?
        package let error: String?

        package init(pid: pid_t, ending: WorkerProcess.Ending? = nil, error: String? = nil) {
            self.pid = pid
            self.ending = ending
            self.error = error
        }
    }

    private let lock = NSLock()
    private let pid: pid_t
    private let requests: Int32
    private let replies: Int32

    private init(pid: pid_t, requests: Int32, replies: Int32) {
        self.pid = pid
        self.requests = requests
        self.replies = replies
    }

    deinit {
        close(requests)   // the launcher reads the end of its input and exits
        close(replies)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Forks the launcher. Each worker it forks runs `AnalysisWorker.run` on its job.
    ///
    /// A fork is only safe while this process has a single thread and libdispatch has
    /// never started one. Where that no longer holds, this returns nil and workers are
    /// started from the executable.
    public static func start() -> WorkerLauncher? {
        guard isSingleThreaded else { return nil }
        var down: [Int32] = [0, 0], up: [Int32] = [0, 0]
        guard pipe(&down) == 0 else { return nil }
        guard pipe(&up) == 0 else {
            close(down[0]); close(down[1])
            return nil
        }
        // Not for a worker started from the executable: it must not hold the launcher's pipes.
        for descriptor in down + up { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        fflush(nil)
        let parent = getpid()
        let pid = fork()
        if pid == 0 {
            // The launcher, and so every worker it forks, dies with the program that made it:
            // a `dfc` killed with SIGKILL leaves nothing decoding behind it.
            if !AnalysisWorker.dieWithParent(parent) { _exit(0) }
            // Keep only its own pipes and standard I/O: a launcher made after another must not
            // hold the other's pipe, or neither would see the end of its input when dfc exits.
            for descriptor in Int32(3)..<Int32(1024) where descriptor != down[0] && descriptor != up[1] { close(descriptor) }
            serve(requests: down[0], replies: up[1])
        }
        close(down[0])
        close(up[1])
        guard pid > 0 else {
            close(down[1]); close(up[0])
            return nil
        }
        return WorkerLauncher(pid: pid, requests: down[1], replies: up[0])
    }

    /// Runs one worker and waits for it. Nil when the launcher is gone (killed, say), and
    /// the caller should start the worker from the executable instead. Once `cancellation` is
    /// set, the launcher is told to kill the worker (it alone reaps it, so no pid can be reused
    /// under the kill); the reply then says `.cancelled`.
    package func run(_ request: Request, cancellation: CancellationFlag? = nil) -> Reply? {
        lock.lock()
        defer { lock.unlock() }
        guard let line = try? JSONEncoder().encode(request),
              Self.withoutBrokenPipeSignal({ Self.write(line + [0x0A], to: requests) }) else { return nil }
        var told = false
        while true {
            if !told, cancellation?.isCancelled == true {
                told = true
                _ = Self.withoutBrokenPipeSignal { Self.write(Self.cancelLine + [0x0A], to: requests) }
            }
            // The reply, or its end: looked for every 20 ms while a cancellation may still come.
            var reply = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            let ready = poll(&reply, 1, cancellation == nil || told ? -1 : 20)
            if ready < 0 && errno == EINTR { continue }
            if ready != 0 { break }
        }
        guard let reply = Self.readLine(from: replies) else { return nil }
        return try? JSONDecoder().decode(Reply.self, from: reply)
    }

    /// The line that asks the launcher to kill the worker it is waiting for.
    private static let cancelLine = Array("cancel".utf8)

    /// In the launcher: whether the program asked, since the request, to kill its worker (or is gone).
    private static func cancelRequested(on requests: Int32) -> Bool {
        var waiting = pollfd(fd: requests, events: Int16(POLLIN), revents: 0)
        guard poll(&waiting, 1, 0) == 1 else { return false }
        guard let line = readLine(from: requests) else { return true }   // the program closed its end
        return Array(line) == cancelLine
    }

    /// Runs `body` with SIGPIPE blocked on this thread, so that writing to a launcher that
    /// has died fails with EPIPE instead of killing this process (a batch then goes on with
    /// workers started from the executable). A SIGPIPE the write raised is taken before
    /// the signal is unblocked.
    private static func withoutBrokenPipeSignal<T>(_ body: () -> T) -> T {
        var pipeSignal = sigset_t(), previous = sigset_t(), pending = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer {
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var now = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &now)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }

    // MARK: - In the launcher

    private static func serve(requests: Int32, replies: Int32) -> Never {
        name("dfc-launcher")
        while let line = readLine(from: requests) {
            // A cancellation that came after its worker had ended: nothing to do.
            if Array(line) == cancelLine { continue }
            let reply: Reply
            if let request = try? JSONDecoder().decode(Request.self, from: line) {
                let launcher = getpid()
                let pid = fork()
                if pid == 0 {
                    if !AnalysisWorker.dieWithParent(launcher) { _exit(70) }
                    becomeWorker(request, closing: [requests, replies])
                }
                reply = pid < 0
                    ? Reply(pid: 0, ending: nil, error: "cannot fork a worker: \(errnoDescription())")
                    : Reply(pid: pid, ending: WorkerProcess.wait(for: pid, deadline: request.deadline, memoryLimit: request.memoryLimit) {
                        cancelRequested(on: requests)
                    }, error: nil)
            } else {
                reply = Reply(pid: 0, ending: nil, error: "the launcher could not read its request")
            }
            guard let encoded = try? JSONEncoder().encode(reply), write(encoded + [0x0A], to: replies) else { break }
        }
        _exit(0)
    }

    private static func becomeWorker(_ request: Request, closing: [Int32]) -> Never {
        name("dfc-worker")
        for descriptor in closing { close(descriptor) }
        // The program's crash handlers (Swift's backtracer) would hold a dying worker for
        // seconds; a worker dies at once, as a C program would.
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT] { _ = Glibc.signal(signal, SIG_DFL) }
        guard redirect(0, to: "/dev/null", flags: O_RDONLY),
              redirect(1, to: request.standardOutput, flags: O_WRONLY | O_CREAT | O_TRUNC),
              redirect(2, to: request.standardError, flags: O_WRONLY | O_CREAT | O_TRUNC) else { _exit(127) }
        let status = AnalysisWorker.run(request.job)
        fflush(nil)
        _exit(status)
    }

    // MARK: - Plumbing

    /// True while this process has one thread and libdispatch has never made one (a child
    /// of a process where it has cannot use dispatch queues at all).
    package static var isSingleThreaded: Bool {
        guard (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.count == 1 else { return false }
        typealias Probe = @convention(c) () -> Bool
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "_dispatch_is_multithreaded") else { return false }
        return !unsafeBitCast(symbol, to: Probe.self)()
    }

    /// Names this process (`/proc/PID/comm`, what `ps -o comm` and `top` show).
    private static func name(_ name: String) {
        let descriptor = open("/proc/self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = write(Array(name.utf8), to: descriptor)
        close(descriptor)
    }

    private static func redirect(_ target: Int32, to path: String, flags: Int32) -> Bool {
        let descriptor = open(path, flags | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return dup2(descriptor, target) == target
    }

    private static func write(_ bytes: some ContiguousBytes, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
    }

    /// One line, without its newline; nil at the end of the input. Requests and replies
    /// are one short line each, so a byte at a time is fast enough and reads nothing ahead.
    private static func readLine(from descriptor: Int32) -> Data? {
        var line = Data()
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == 0x0A { return line }
            line.append(byte)
        }
    }
}
