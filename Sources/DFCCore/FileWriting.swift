internal import Crypto
import Foundation

/// Writing files completely, and listing them.
package enum FileWriting {
    /// Writes every byte, going on after partial writes and interrupted calls; false (with
    /// `errno` set) when the system refuses (a full disk, say).
    package static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// Creates a new file (it must not exist) holding `bytes`, flushed to disk and made
    /// read-only; nothing is left behind when it fails.
    package static func createReadOnly(_ path: String, _ bytes: [UInt8]) throws(DFCError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DFCError.storeIO(path: path, reason: "cannot create: \(errnoDescription())") }
        defer { close(fd) }
        guard writeAll(fd, bytes) else {
            unlink(path)
            throw DFCError.storeIO(path: path, reason: "cannot write: \(errnoDescription())")
        }
        guard fsync(fd) == 0, fchmod(fd, 0o444) == 0 else {
            unlink(path)
            throw DFCError.storeIO(path: path, reason: "cannot flush: \(errnoDescription())")
        }
    }

    /// Every regular file under `root`, as paths relative to it, sorted.
    package static func regularFiles(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let entry = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + entry, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(entry)
            }
        }
        return files.sorted()
    }

    package static func readVerified(_ path: String, sha256: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw DFCError.storeIO(path: path, reason: "cannot be read") }
        guard Hex.string(SHA256.hash(data: data)) == sha256 else {
            throw DFCError.storeIO(path: path, reason: "is not the registered picture (its SHA-256 is not \(sha256)): nothing was exported")
        }
        return Array(data)
    }

    package static func removeTree(_ path: String) {
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            while let entry = enumerator.nextObject() as? String { chmod(path + "/" + entry, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
