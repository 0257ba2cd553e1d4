import Foundation
import DFCCore

/// The store's vault: each original kept once under its SHA-256 (`vault/ab/abcdef…`), in the
/// store's folder or an S3 bucket (`VaultStorage`), staged and checked here first, in the
/// store's own `tmp/`, and made read-only.
package struct Vault: Sendable {
    /// The store directory; the staging area is its `tmp/`.
    package let storePath: String
    /// Where the originals are kept.
    package let storage: any VaultStorage

    private var staging: String { storePath + "/tmp" }

    /// Where a file with this SHA-256 lives: its path relative to the store, its key in a bucket.
    package static func relativePath(sha256: String) -> String { "vault/\(sha256.prefix(2))/\(sha256)" }

    /// A file copied into the store's staging area and flushed to disk, not yet in the vault.
    package struct Staged: Sendable {
        package let temporaryPath: String
        package let digest: FileDigest

        package init(temporaryPath: String, digest: FileDigest) {
            self.temporaryPath = temporaryPath
            self.digest = digest
        }
    }

    /// One pass over `source`: hashes it and copies it into staging, then fsyncs the copy.
    package func stage(_ source: String) throws(DFCError) -> Staged {
        try stage(into: "ingest") { fd, temporary throws(DFCError) in
            try FileDigest.compute(path: source, copyingTo: fd, destinationPath: temporary)
        }
    }

    /// Copies what the vault holds for `record` to `fd` (a new file at `path`), hashing it: one
    /// pass from the folder, a download then a hash from a bucket.
    package func copy(_ record: some VaultEntry, to fd: Int32, path: String) throws(DFCError) -> FileDigest {
        if let local = storage.localPath(record.vaultPath) {
            guard FileManager.default.fileExists(atPath: local) else { throw DFCError.vaultObjectMissing(key: record.vaultPath, vault: storage.name) }
            return try FileDigest.compute(path: local, copyingTo: fd, destinationPath: path)
        }
        try storage.fetch(record.vaultPath, to: fd, path: path)
        return try FileDigest.compute(path: path)
    }

    /// A staged, hashed copy of whatever the vault holds at `relative` (a worker host's copy of a
    /// queued original, checked by its caller against the hashes its `queued` event signed).
    package func stageCopy(of relative: String) throws(DFCError) -> Staged {
        try stage(into: "ingest") { fd, temporary throws(DFCError) in
            if let local = storage.localPath(relative) {
                guard FileManager.default.fileExists(atPath: local) else { throw DFCError.vaultObjectMissing(key: relative, vault: storage.name) }
                return try FileDigest.compute(path: local, copyingTo: fd, destinationPath: temporary)
            }
            try storage.fetch(relative, to: fd, path: temporary)
            return try FileDigest.compute(path: temporary)
        }
    }

    /// A staged, hashed copy of `record`'s vault file and whether it is the registered file:
    /// the one check of a vault copy, with one set of messages. A copy that is not is dropped.
    package func check(_ record: some VaultEntry) throws(DFCError) -> VaultCheck {
        let staged: Staged
        do {
            staged = try stage(into: "ingest") { fd, temporary throws(DFCError) in try copy(record, to: fd, path: temporary) }
        } catch {
            guard let problem = Self.unreadable(record, error) else { throw error }
            return VaultCheck(staged: nil, digest: nil, problem: problem)
        }
        let problem = Self.mismatch(record, staged.digest)
        if problem != nil { discard(staged) }
        return VaultCheck(staged: problem == nil ? staged : nil, digest: staged.digest, problem: problem)
    }

    /// The vault copy's digest against `record`'s registration, read back whole without a copy:
    /// the check of `verify` and the audit.
    package func verify(_ record: some VaultEntry) throws(DFCError) -> VaultCheck {
        do {
            let digest = try storage.digest(record.vaultPath)
            return VaultCheck(staged: nil, digest: digest, problem: Self.mismatch(record, digest))
        } catch {
            guard let problem = Self.unreadable(record, error) else { throw error }
            return VaultCheck(staged: nil, digest: nil, problem: problem)
        }
    }

    /// What a check found: the staged copy (when it is the registered file), its digest (when it
    /// could be read), and what is wrong.
    package struct VaultCheck {
        package var staged: Staged?
        package var digest: FileDigest?
        package var problem: String?

        package init(staged: Staged? = nil, digest: FileDigest? = nil, problem: String? = nil) {
            self.staged = staged
            self.digest = digest
            self.problem = problem
        }
    }

    /// Why a vault copy could not be read, or nil for an error of the store itself (a full staging disk).
    package static func unreadable(_ record: some VaultEntry, _ error: DFCError) -> String? {
        let reason = error.context["reason"] ?? error.description
        switch error.code {
        case .vaultObjectMissing: return "\(record.exhibitID): vault copy \(record.vaultPath) is missing"
        case .inputUnreadable: return "\(record.exhibitID): vault copy \(record.vaultPath) cannot be read: \(reason)"
        case .vault: return "\(record.exhibitID): vault copy \(record.vaultPath) cannot be read: \(error.context["vault"] ?? "the vault"): \(reason)"
        default: return nil
        }
    }

    /// How `digest` differs from `record`'s registration, or nil when it does not.
    package static func mismatch(_ record: some VaultEntry, _ digest: FileDigest) -> String? {
        var problems: [String] = []
        if digest.size != record.size { problems.append("size is \(digest.size) bytes, registered \(record.size)") }
        if digest.sha256 != record.sha256 { problems.append("SHA-256 is \(digest.sha256), registered \(record.sha256)") }
        if digest.sha512 != record.sha512 { problems.append("SHA-512 differs from the registered one") }
        return problems.isEmpty ? nil
            : "\(record.exhibitID): vault copy \(record.vaultPath) is not the registered file: " + problems.joined(separator: "; ")
    }

    private func stage(into prefix: String, _ fill: (Int32, String) throws(DFCError) -> FileDigest) throws(DFCError) -> Staged {
        let temporary = try stagingFile(prefix) + ".part"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DFCError.storeIO(path: temporary, reason: "cannot create: \(errnoDescription())") }
        do throws(DFCError) {
            defer { close(fd) }
            let digest = try fill(fd, temporary)
            guard fsync(fd) == 0 else { throw DFCError.storeIO(path: temporary, reason: "fsync failed: \(errnoDescription())") }
            guard fchmod(fd, 0o444) == 0 else { throw DFCError.storeIO(path: temporary, reason: "chmod failed: \(errnoDescription())") }
            return Staged(temporaryPath: temporary, digest: digest)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Puts a staged copy in the vault under its SHA-256. What is there already with the right
    /// bytes is kept and the staged copy dropped; in the folder, a file with the wrong bytes
    /// (damaged, or left by a crash) is replaced. Returns the key, and whether this call put
    /// the file there.
    package func commit(_ staged: Staged) throws(DFCError) -> (path: String, placed: Bool) {
        let relative = Self.relativePath(sha256: staged.digest.sha256)
        return (relative, try storage.place(staged, at: relative))
    }

    /// Takes back a vault file whose ingest did not commit (a locked object stays).
    package func remove(_ relative: String) { storage.withdraw(relative) }

    /// How errors name a vault copy: its path in the folder, or its key in the bucket.
    package func location(_ relative: String) -> String { storage.localPath(relative) ?? "\(storage.name) \(relative)" }

    /// A new path in the staging area (nothing is created there), named after this process's
    /// staging lease (`StagingLease`), so that what a killed process left can be told, for
    /// certain, from what a live one is writing.
    package func stagingFile(_ prefix: String) throws(DFCError) -> String {
        try Self.makeDirectory(staging)
        let lease = try StagingLease.current(in: staging)
        return staging + "/\(prefix)-\(getpid())-\(lease.id)-\(UUID().uuidString)"
    }

    /// What a sweep of the staging area found of processes that no longer run.
    package struct Leftovers {
        /// Staged copies and analyses removed.
        package var files = 0
        /// The markers (`export-…json`, `extract-…json`) of exports and extractions whose
        /// process ended before it finished: for the store to deal with (what they had begun
        /// outside the store), then to remove.
        package var markers: [String] = []

        package init(markers: [String] = []) {
            self.markers = markers
        }
    }

    /// Removes the staging files of processes that no longer run (an ingest, an extraction or
    /// a re-analysis killed while it copied or analysed a file), and returns the markers of
    /// exports that did not finish. A file whose lease's lock can be taken is certainly
    /// abandoned; one of a lease whose lock file is gone, or of a DFC from before leases, is
    /// abandoned when its process no longer runs. Files of live processes are left alone.
    package func removeLeftovers() -> Leftovers {
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
    package func discard(_ staged: Staged) { unlink(staged.temporaryPath) }

    /// Every file in the vault, relative to the store.
    package func allFiles() throws(DFCError) -> [String] { try storage.list() }

    package static func makeDirectory(_ path: String) throws(DFCError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DFCError.storeIO(path: path, reason: "cannot create folder: \(error.localizedDescription)")
        }
    }

    package init(storePath: String, storage: any VaultStorage) {
        self.storePath = storePath
        self.storage = storage
    }
}
