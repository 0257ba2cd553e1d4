internal import CConfinement
import Foundation
import DFCCore
import DFCMedia

/// Confines a worker process that is about to parse hostile footage, as far as Linux
/// allows an ordinary user: called once the worker has opened its input and its output,
/// and before FFmpeg sees a byte. Nothing here can be undone, so only a worker calls it.
///
/// - `no_new_privs`: nothing it could execute gains privileges (and seccomp and Landlock
///   need it without root).
/// - rlimits: no core file (its memory holds evidence); at most `maxOutputBytes` written to
///   any file; at most 64 open descriptors.
/// - seccomp: `socket` and `socketpair` fail with EACCES (no network, no local sockets);
///   `execve`, `execveat`, `fork`, `vfork`, `ptrace` and a `clone` that makes a process
///   rather than a thread fail with EPERM; `clone3` answers ENOSYS so that threads are
///   made with `clone`, whose flags the filter can see. Any other architecture's calls
///   (x32 on x86-64) kill the process.
/// - Landlock, where the kernel has it: a ruleset that handles every file-system right and
///   grants none, so no file or folder can be opened, created, removed or executed from
///   then on; the descriptors already open keep working. From ABI 4 TCP bind and connect
///   are refused too, and from ABI 6 abstract Unix sockets and signals to other processes.
package struct Confinement: Sendable, Codable, Equatable {
    /// The Landlock ABI applied, nil when the kernel has none (disabled or too old).
    public var landlockABI: Int?
    /// Whether the seccomp filter is installed.
    public var seccomp: Bool
    /// Threads in the process when it was confined (1 unless a host started some before).
    public var threads: Int

    /// Most bytes the worker may write to one file (its analysis): past it, SIGXFSZ kills it.
    public static let maxOutputBytes: UInt64 = 8 << 30

    /// One line for the custody record and the README: what holds the worker.
    public var summary: String {
        var parts = ["no_new_privs", "no core dumps", "rlimits (8 GiB per file, 64 descriptors)"]
        parts.append(seccomp ? "seccomp (no sockets, no exec, no new processes)" : "no seccomp filter")
        if let landlockABI {
            parts.append("Landlock ABI \(landlockABI) (no file may be opened\(landlockABI >= 4 ? ", no TCP" : ""))")
            if threads > 1 && landlockABI < 8 {
                parts.append("but \(threads - 1) thread(s) already running are outside the Landlock fence")
            }
        } else {
            parts.append("no Landlock on this kernel: files outside its input and output are not fenced off")
        }
        return parts.joined(separator: ", ")
    }

    /// Why the worker could not be confined.
    public struct Failure: Error, CustomStringConvertible {
        /// The step that failed and the system's reason.
        public let description: String

        package init(description: String) {
            self.description = description
        }
    }

    /// Confines the calling process for good. Throws only when a step that every
    /// supported kernel has (no_new_privs, rlimits, seccomp) fails: an analysis is never
    /// run less confined than the README says. A kernel without Landlock is recorded.
    public static func apply() throws(Failure) -> Confinement {
        guard dfc_set_no_new_privs() == 0 else { throw Failure(description: "prctl(PR_SET_NO_NEW_PRIVS): \(errnoDescription())") }
        try limit(RLIMIT_CORE, 0, "RLIMIT_CORE")
        try limit(RLIMIT_FSIZE, maxOutputBytes, "RLIMIT_FSIZE")
        try limit(RLIMIT_NOFILE, 64, "RLIMIT_NOFILE")
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.count ?? 0
        let landlock = try restrictFiles()
        let filter = SeccompFilter.workerPolicy()
        let installed = filter.withUnsafeBufferPointer { dfc_install_seccomp_filter($0.baseAddress, UInt16($0.count)) }
        guard installed == 0 else { throw Failure(description: "seccomp: \(errnoDescription())") }
        return Confinement(landlockABI: landlock, seccomp: true, threads: threads)
    }

    private static func limit(_ resource: __rlimit_resource, _ value: UInt64, _ name: String) throws(Failure) {
        var current = rlimit()
        getrlimit(Int32(resource.rawValue), &current)
        // An rlimit can only be lowered: keep a stricter one already in force.
        let target = rlim_t(min(value, UInt64(current.rlim_max)))
        var new = rlimit(rlim_cur: target, rlim_max: target)
        guard setrlimit(Int32(resource.rawValue), &new) == 0 else { throw Failure(description: "setrlimit(\(name)): \(errnoDescription())") }
    }

    /// Applies a Landlock ruleset granting nothing; returns the ABI, nil where there is none.
    private static func restrictFiles() throws(Failure) -> Int? {
        let abi = Int(dfc_landlock_abi())
        guard abi >= 1 else { return nil }
        // Every file-system right the ABI knows: execute … make_sym (1), refer (2), truncate (3), ioctl_dev (5).
        var fileSystem: UInt64 = (1 << 13) - 1
        if abi >= 2 { fileSystem |= 1 << 13 }
        if abi >= 3 { fileSystem |= 1 << 14 }
        if abi >= 5 { fileSystem |= 1 << 15 }
        let network: UInt64 = abi >= 4 ? 0b11 : 0          // bind_tcp, connect_tcp
        let scoped: UInt64 = abi >= 6 ? 0b11 : 0           // abstract Unix sockets, signals
        let ruleset = dfc_landlock_create_ruleset(fileSystem, network, scoped, Int32(abi))
        guard ruleset >= 0 else { throw Failure(description: "landlock_create_ruleset (ABI \(abi)): \(errnoDescription())") }
        defer { close(ruleset) }
        guard dfc_landlock_restrict_self(ruleset) == 0 else {
            throw Failure(description: "landlock_restrict_self (ABI \(abi)): \(errnoDescription())")
        }
        return abi
    }

    package init(landlockABI: Int? = nil, seccomp: Bool, threads: Int) {
        self.landlockABI = landlockABI
        self.seccomp = seccomp
        self.threads = threads
    }
}
