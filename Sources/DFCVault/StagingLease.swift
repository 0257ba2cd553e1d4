import Foundation
import DFCCore

/// Proof that whoever made a staging file is gone. Each process that stages files in a store's
/// `tmp/` first takes a lease there: a file `lease-PID-ID.lock` on which it holds an exclusive
/// `flock` for as long as it runs, and every file it stages is named with the lease's ID. The
/// kernel drops the lock when the process ends, however it ends (SIGKILL and power cuts
/// included), so a later command that can take the lock knows for certain that nothing uses
/// the files of that lease, and removes them; a process ID alone proves nothing (it is reused).
package final class StagingLease: Sendable {
    /// `L` and 16 hex digits.
    package let id: String
    /// Held open, and locked, for the life of the process.
    private let descriptor: Int32
    /// The lock file, removed when the process exits normally (`atexit`).
    private let path: String

    private init(id: String, descriptor: Int32, path: String) {
        self.id = id
        self.descriptor = descriptor
        self.path = path
    }

    /// The name of a lease's lock file.
    package static func fileName(pid: pid_t, id: String) -> String { "lease-\(pid)-\(id).lock" }

    /// This process's lease in `folder` (made on first use), by folder.
    package static func current(in folder: String) throws(DFCError) -> StagingLease {
        lock.lock()
        defer { lock.unlock() }
        if let lease = leases[folder], leasePID == getpid() { return lease }
        if leasePID != getpid() { leases = [:] }   // a forked child holds no lease of its parent's
        leasePID = getpid()
        let id = "L" + String(format: "%016llx", UInt64.random(in: 0...UInt64.max))
        // Made and locked under a hidden name, then renamed: a sweeper never sees it unlocked.
        let hidden = folder + "/." + fileName(pid: getpid(), id: id)
        let descriptor = open(hidden, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .storeIO(path: hidden, reason: "cannot create the staging lease: \(errnoDescription())") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, rename(hidden, folder + "/" + fileName(pid: getpid(), id: id)) == 0 else {
            let reason = errnoDescription()
            close(descriptor)
            unlink(hidden)
            throw .storeIO(path: hidden, reason: "cannot take the staging lease: \(reason)")
        }
        let lease = StagingLease(id: id, descriptor: descriptor, path: folder + "/" + fileName(pid: getpid(), id: id))
        if leases.isEmpty && !cleanupRegistered {
            cleanupRegistered = true
            atexit { StagingLease.releaseAll() }
        }
        leases[folder] = lease
        return lease
    }

    /// Whether the lease file `name` in `folder` was abandoned (no live process holds its lock),
    /// in which case the lock file is removed; nil when the file is not a lease or cannot be opened.
    package static func isAbandoned(_ name: String, in folder: String) -> Bool? {
        guard name.hasPrefix("lease-"), name.hasSuffix(".lock") else { return nil }
        let path = folder + "/" + name
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        unlink(path)
        return true
    }

    /// At a normal exit: this process's lock files go (its staged files are gone already). A
    /// forked child that exits through `_exit` never runs this.
    private static func releaseAll() {
        lock.lock()
        defer { lock.unlock() }
        guard leasePID == getpid() else { return }
        for lease in leases.values { unlink(lease.path) }
        leases = [:]
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cleanupRegistered = false
    nonisolated(unsafe) private static var leases: [String: StagingLease] = [:]
    nonisolated(unsafe) private static var leasePID: pid_t = 0
}
