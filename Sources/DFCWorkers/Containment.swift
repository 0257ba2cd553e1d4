import Foundation
import DFCCore
import DFCMedia

/// How a contained ingest keeps a crash, a hang or a memory blow-up inside FFmpeg away
/// from the store and from the rest of a batch: each file is analysed by a separate
/// worker process, killed if its resident memory passes a limit or it outlives a deadline.
/// The worker is started from the `dfc` executable (or, for the `dfc` command itself, forked
/// by a `WorkerLauncher`, part of the process model, `package` to the targets of this repository).
/// When the worker dies, the file is still registered, with a finding that says how
/// the analysis ended.
public struct Containment: Sendable {
    /// The `dfc` executable, started as `dfc worker JOB` when there is no launcher to fork a worker.
    public var worker: String
    /// Forks the workers, which saves starting `worker` afresh for each file; nil to start
    /// `worker` every time (as a program with threads of its own must).
    package var launcher: WorkerLauncher?
    /// Resident memory in bytes past which the worker is killed; nil for none.
    public var memoryLimit: Int?
    /// Decoder threads per video stream in each worker; 0 lets FFmpeg use one per core. A batch
    /// with several workers at once gives each its share of the cores.
    public var decoderThreads = 0
    /// Set to stop the work: a worker this process waits for is killed at once, and nothing is
    /// recorded. (A worker forked by a `launcher` is waited for there, and runs to its end; what
    /// it made is then dropped.) The async entry points set it when their task is cancelled.
    public var cancellation: CancellationFlag?
    /// Extra seconds past `MediaLimits.maxSeconds` before the worker is killed. The worker
    /// stops itself at `maxSeconds`; the deadline catches one stuck inside a library call.
    public var grace: Double

    /// The default memory limit: 4 GiB, room for an 8K decoder with its frame threads and
    /// reference pictures, and a bound on a file built to make FFmpeg allocate without end.
    public static let defaultMemoryLimit = 4 << 30

    /// A containment that starts `worker` for each file, with the default limits.
    public init(worker: String, memoryLimit: Int? = Containment.defaultMemoryLimit, grace: Double = 30) {
        self.init(worker: worker, launcher: nil, memoryLimit: memoryLimit, grace: grace)
    }

    /// A containment whose workers `launcher` forks (nil: `worker` is started for each file).
    package init(worker: String, launcher: WorkerLauncher?, memoryLimit: Int? = Containment.defaultMemoryLimit,
                grace: Double = 30) {
        self.worker = worker
        self.launcher = launcher
        self.memoryLimit = memoryLimit
        self.grace = grace
    }

    /// Turns off core dumps for this process: a worker that crashes on hostile footage must
    /// not leave its memory, evidence included, in a core file. A worker calls it first.
    public static func disableCoreDumps() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
    }

    /// The path of the running executable, to use as `worker` when the caller is `dfc` itself.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
