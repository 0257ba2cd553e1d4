import Foundation

/// The store's `vault/`: each original kept once, named by its SHA-256
/// (`vault/ab/abcdef…`), written atomically and made read-only.
struct Vault: Sendable {
    /// The store directory; vault paths are relative to it.
    let storePath: String

    var root: String { storePath + "/vault" }
    private var staging: String { storePath + "/tmp" }

    /// Where a file with this SHA-256 lives, relative to the store.
    static func relativePath(sha256: String) -> String { "vault/\(sha256.prefix(2))/\(sha256)" }

    func absolutePath(_ relative: String) -> String { storePath + "/" + relative }

    /// A file copied into the store's staging area and flushed to disk, not yet in the vault.
    struct Staged: Sendable {
        let temporaryPath: String
        let digest: FileDigest
    }

    /// One pass over `source`: hashes it and copies it into staging, then fsyncs the copy.
    func stage(_ source: String) throws(DFCError) -> Staged {
        let temporary = try stagingFile("ingest") + ".part"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DFCError.storeIO(path: temporary, reason: "cannot create: \(errnoDescription())") }
        do throws(DFCError) {
            defer { close(fd) }
            let digest = try FileDigest.compute(path: source, copyingTo: fd, destinationPath: temporary)
            guard fsync(fd) == 0 else { throw DFCError.storeIO(path: temporary, reason: "fsync failed: \(errnoDescription())") }
            guard fchmod(fd, 0o444) == 0 else { throw DFCError.storeIO(path: temporary, reason: "chmod failed: \(errnoDescription())") }
            return Staged(temporaryPath: temporary, digest: digest)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Moves a staged copy to its place in the vault (rename, then fsync of the folder).
    /// A vault file already there with the right bytes is kept and the staged copy dropped;
    /// one with the wrong bytes (damaged, or left by a crash) is replaced. Returns the vault
    /// path, and whether this call put the file there. Call it under the catalog's write lock.
    func commit(_ staged: Staged) throws(DFCError) -> (path: String, placed: Bool) {
        let relative = Self.relativePath(sha256: staged.digest.sha256)
        let destination = absolutePath(relative)
        let folder = (destination as NSString).deletingLastPathComponent
        try makeDirectory(folder)
        if FileManager.default.fileExists(atPath: destination),
           let existing = try? FileDigest.compute(path: destination), existing == staged.digest {
            unlink(staged.temporaryPath)
            return (relative, false)
        }
        guard rename(staged.temporaryPath, destination) == 0 else {
            throw DFCError.storeIO(path: destination, reason: "cannot move into the vault: \(errnoDescription())")
        }
        Durability.syncDirectory(folder)
        return (relative, true)
    }

    /// Deletes a vault file (one whose ingest did not commit).
    func remove(_ relative: String) {
        let path = absolutePath(relative)
        unlink(path)
        Durability.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// A new path in the staging area (nothing is created there), named after this process's
    /// staging lease (`StagingLease`), so that what a killed process left can be told, for
    /// certain, from what a live one is writing.
    func stagingFile(_ prefix: String) throws(DFCError) -> String {
        try makeDirectory(staging)
        let lease = try StagingLease.current(in: staging)
        return staging + "/\(prefix)-\(getpid())-\(lease.id)-\(UUID().uuidString)"
    }

    /// What a sweep of the staging area found of processes that no longer run.
    struct Leftovers {
        /// Staged copies and analyses removed.
        var files = 0
        /// The markers (`export-…json`, `extract-…json`) of exports and extractions whose
        /// process ended before it finished: for the store to deal with (what they had begun
        /// outside the store), then to remove.
        var markers: [String] = []
    }

    /// Removes the staging files of processes that no longer run (an ingest, an extraction or
    /// a re-analysis killed while it copied or analysed a file), and returns the markers of
    /// exports that did not finish. A file whose lease's lock can be taken is certainly
    /// abandoned; one of a lease whose lock file is gone, or of a DFC from before leases, is
    /// abandoned when its process no longer runs. Files of live processes are left alone.
    func removeLeftovers() -> Leftovers {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []
        var alive = Set<String>(), dead = Set<String>()
        var result = Leftovers()
        for name in names {
            let parts = name.split(separator: "-")
            guard parts.count == 3, let id = parts.last?.dropLast(".lock".count) else { continue }
            switch StagingLease.isAbandoned(name, in: staging) {
            case true?: dead.insert(String(id))
            case false?: alive.insert(String(id))
            case nil: break
            }
        }
        for name in names where !name.hasPrefix("lease-") {
            let parts = name.drop { $0 == "." }.split(separator: "-")
            guard parts.count > 2, ["ingest", "analysis", "export", "extract", "lease"].contains(parts[0]), let pid = pid_t(parts[1]), pid > 0 else { continue }
            let lease = parts[2].hasPrefix("L") ? String(parts[2]) : nil
            let abandoned = lease.map { dead.contains($0) || (!alive.contains($0) && !Self.isRunning(pid)) } ?? !Self.isRunning(pid)
            guard abandoned else { continue }
            if parts[0] == "export" || parts[0] == "extract" {
                result.markers.append(staging + "/" + name)
            } else if unlink(staging + "/" + name) == 0 {
                result.files += 1
            }
        }
        return result
    }

    private static func isRunning(_ pid: pid_t) -> Bool { !(kill(pid, 0) != 0 && errno == ESRCH) }

    /// Removes a staged copy that will not be kept.
    func discard(_ staged: Staged) { unlink(staged.temporaryPath) }

    /// Every file in the vault, relative to the store.
    func allFiles() -> [String] {
        FileWriting.regularFiles(under: root).map { "vault/" + $0 }
    }

    private func makeDirectory(_ path: String) throws(DFCError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DFCError.storeIO(path: path, reason: "cannot create folder: \(error.localizedDescription)")
        }
    }
}
