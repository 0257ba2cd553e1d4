package import DFCS3
import Foundation
internal import NIOCore
import DFCCore

/// A vault in an S3 bucket with Object Lock: each original one object under its SHA-256
/// (`vault/ab/abcd…`, the same key as the folder's path), locked in compliance mode for the
/// retention the store's descriptor sets, its SHA-256 sent with every part for the server to
/// check, streamed from the staged copy one part at a time (memory stays one part).
package struct S3Vault: VaultStorage {
    package let client: S3Client
    /// Days each object stays locked from its upload.
    package let retentionDays: Int

    package var name: String { "S3 vault \(client.target)" }

    /// Uploads older than this that never finished belong to a process that died.
    package static let abandonedUploadAge: TimeInterval = 24 * 3600

    package var isLocal: Bool { false }

    package func localPath(_ relative: String) -> String? { nil }

    package func place(_ staged: Vault.Staged, at relative: String) throws(DFCError) -> Bool {
        if let head = try call({ try client.head(relative) }), head.size == staged.digest.size, try holds(relative, staged.digest) {
            // The same bytes are there (a retried ingest, or one that did not commit): adopt them,
            // and make their lock reach as far as a new upload's would.
            if let until = head.retainUntil.flatMap(Self.date), until < retainUntil().addingTimeInterval(-3600) {
                try call { try client.setRetention(relative, versionID: head.versionID, S3ObjectLock(retainUntil: retainUntil())) }
            }
            return false
        }
        let fd = open(staged.temporaryPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DFCError.storeIO(path: staged.temporaryPath, reason: "cannot read the staged copy: \(errnoDescription())") }
        defer { close(fd) }
        let path = staged.temporaryPath
        _ = try call {
            try client.upload(relative, size: staged.digest.size, lock: S3ObjectLock(retainUntil: retainUntil()),
                              metadata: ["sha256": staged.digest.sha256, "sha512": staged.digest.sha512]) { length throws(DFCError) in
                try Self.readPart(fd, length, path: path)
            }
        }
        // What S3 now holds under the key is what was sent, locked as the store requires.
        guard let head = try call({ try client.head(relative) }), head.size == staged.digest.size else {
            throw DFCError.vault(vault: name, reason: "\(relative) was uploaded but is not there with its \(staged.digest.size) bytes")
        }
        if let problem = lockProblem(head, since: Date(), days: retentionDays) { throw DFCError.vault(vault: name, reason: "\(relative) was uploaded, but \(problem)") }
        return true   // the staged copy stays for its owner to discard: a worker may still be reading it
    }

    /// Whether the object at `relative` has `digest`'s bytes, read back whole.
    private func holds(_ relative: String, _ digest: FileDigest) throws(DFCError) -> Bool {
        (try? self.digest(relative)) == digest
    }

    /// A locked object cannot be deleted: it stays, and the next ingest of the file adopts it
    /// (the audit names it until then).
    package func withdraw(_ relative: String) {}

    package func fetch(_ relative: String, to fd: Int32, path: String) throws(DFCError) {
        try read(relative) { buffer in try Self.write(buffer, to: fd, path: path) }
    }

    package func digest(_ relative: String) throws(DFCError) -> FileDigest {
        let hasher = StreamingDigest()
        try read(relative) { buffer in hasher.update(buffer) }
        return hasher.finish()
    }

    /// Streams the object to `sink`; a key that is gone is `vaultObjectMissing`, or, when a
    /// delete marker hides a version that is still locked, says so.
    private func read(_ relative: String, sink: @escaping @Sendable (ByteBuffer) throws -> Void) throws(DFCError) {
        do {
            try client.get(relative, sink: sink)
        } catch where error.status == 404 {
            let versions = (try? client.versions(of: relative)) ?? []
            if versions.contains(where: { $0.isDeleteMarker && $0.isLatest }), let kept = versions.first(where: { !$0.isDeleteMarker }) {
                throw DFCError.vault(vault: name, reason: "\(relative) is hidden by a delete marker (someone with the bucket's credentials "
                    + "deleted the key); its locked version \(kept.versionID) is still there")
            }
            throw DFCError.vaultObjectMissing(key: relative, vault: name)
        } catch {
            if let underlying = error.underlying as? DFCError { throw underlying }   // the sink's own failure (a full disk)
            throw DFCError.vault(vault: name, reason: error.summary)
        }
    }

    package func list() throws(DFCError) -> [String] {
        try call { try client.keys(prefix: "vault/") }
    }

    package func keepingProblem(_ relative: String, registeredAt: String, retentionDays: Int?) throws(DFCError) -> String? {
        guard let head = try call({ try client.head(relative) }) else { return nil }   // a missing object is named by the byte check
        return lockProblem(head, since: Self.date(registeredAt) ?? Date(timeIntervalSince1970: 0), days: retentionDays ?? self.retentionDays)
            .map { "\(relative): \(name): \($0)" }
    }

    /// Aborts multipart uploads that began more than a day ago and never finished.
    package func abortAbandonedUploads() -> Int {
        guard let uploads = try? client.unfinishedUploads(prefix: "vault/") else { return 0 }
        var aborted = 0
        for upload in uploads {
            guard let began = Self.date(upload.initiated), Date().timeIntervalSince(began) > Self.abandonedUploadAge else { continue }
            if (try? client.abortUpload(upload.key, uploadID: upload.uploadID)) != nil { aborted += 1 }
        }
        return aborted
    }

    private func retainUntil() -> Date { Date().addingTimeInterval(TimeInterval(retentionDays) * 86400) }

    /// Why an object is not kept as the store requires: locked in compliance mode until at
    /// least `retentionDays` after `since` (an hour's grace for the time between the upload
    /// and the catalog's commit).
    private func lockProblem(_ head: S3ObjectHead, since: Date, days: Int) -> String? {
        guard head.lockMode == "COMPLIANCE" else {
            return "it is not locked in compliance mode (lock: \(head.lockMode ?? "none")): anyone with the bucket's credentials can delete it"
        }
        let required = since.addingTimeInterval(TimeInterval(days) * 86400 - 3600)
        guard let until = head.retainUntil.flatMap(Self.date), until >= required else {
            return "it is locked only until \(head.retainUntil ?? "an unreadable date"), short of the \(days) days the store requires"
        }
        return nil
    }

    package static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    private func call<T>(_ body: () throws -> T) throws(DFCError) -> T {
        do {
            return try body()
        } catch let error as DFCError {
            throw error
        } catch let error as S3Error {
            throw DFCError.vault(vault: name, reason: error.summary)
        } catch {
            throw DFCError.vault(vault: name, reason: String(describing: error))
        }
    }

    private static func readPart(_ fd: Int32, _ length: Int, path: String) throws(DFCError) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(length)
        var remaining = length
        while remaining > 0 {
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: remaining) { pointer in
                max(0, Foundation.read(fd, pointer.baseAddress, min(remaining, pointer.count)))
            }
            if count == 0 { throw DFCError.storeIO(path: path, reason: "the staged copy ended early: \(errnoDescription())") }
            remaining -= count
        }
        return buffer
    }

    private static func write(_ buffer: ByteBuffer, to fd: Int32, path: String) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Foundation.write(fd, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw DFCError.storeIO(path: path, reason: "write failed: \(errnoDescription())")
                }
                offset += written
            }
        }
    }

    package init(client: S3Client, retentionDays: Int) {
        self.client = client
        self.retentionDays = retentionDays
    }
}
