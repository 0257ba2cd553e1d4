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
        try makeDirectory(staging)
        let temporary = stagingFile("ingest") + ".part"
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

    /// A new path in the staging area (nothing is created there), named after this process,
    /// so that what a killed process left can be told from what a live one is writing.
    func stagingFile(_ prefix: String) -> String { staging + "/\(prefix)-\(getpid())-\(UUID().uuidString)" }

    /// Removes the staging files of processes that no longer run (an ingest killed while it
    /// copied or analysed a file); returns how many. Files of live processes are left alone.
    @discardableResult
    func removeLeftovers() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []
        var removed = 0
        for name in names {
            let parts = name.split(separator: "-")
            guard parts.count > 2, ["ingest", "analysis"].contains(parts[0]), let pid = pid_t(parts[1]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH, unlink(staging + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

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
