internal import Crypto
import Foundation

/// The SHA-256, SHA-512 and size of a file's bytes.
public struct FileDigest: Sendable, Equatable, Codable {
    /// SHA-256 of the bytes, lower-case hex.
    public let sha256: String
    /// SHA-512 of the bytes, lower-case hex.
    public let sha512: String
    /// The number of bytes.
    public let size: Int64

    package init(sha256: String, sha512: String, size: Int64) {
        self.sha256 = sha256
        self.sha512 = sha512
        self.size = size
    }
}

extension FileDigest {
    package static let chunkSize = 1 << 20

    /// Reads the file once, front to back, in fixed chunks (memory stays flat whatever its size),
    /// hashing it and, when `destination` is an open file descriptor, writing every byte there.
    /// SHA-512 runs on a second thread, a chunk behind the reading, SHA-256 and the copy: it is
    /// the slowest of them, and the file is read once whatever its size.
    package static func compute(path: String, copyingTo destination: Int32? = nil, destinationPath: String = "") throws(DFCError) -> FileDigest {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DFCError.inputUnreadable(path: path, reason: errnoDescription()) }
        defer { close(fd) }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        var sha256 = SHA256()
        let sha512 = ChunkHasher()
        var size: Int64 = 0
        let buffers = (0..<2).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64) }
        let free = buffers.map { _ in DispatchSemaphore(value: 1) }
        defer {
            sha512.waitUntilIdle()
            for buffer in buffers { buffer.deallocate() }
        }
        var current = 0
        while true {
            free[current].wait()   // its previous chunk has been through SHA-512
            let count = read(fd, buffers[current].baseAddress, chunkSize)
            if count <= 0 {
                free[current].signal()
                if count < 0 && errno == EINTR { continue }
                if count < 0 { throw DFCError.inputUnreadable(path: path, reason: errnoDescription()) }
                break
            }
            let chunk = UnsafeRawBufferPointer(rebasing: buffers[current][..<count])
            sha512.update(chunk, then: free[current])
            sha256.update(bufferPointer: chunk)
            if let destination { try writeAll(chunk, to: destination, path: destinationPath) }
            size += Int64(count)
            current ^= 1
        }
        return FileDigest(sha256: Hex.string(sha256.finalize()), sha512: sha512.finish(), size: size)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(DFCError) {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw DFCError.storeIO(path: path, reason: "write failed: \(errnoDescription())")
            }
            offset += written
        }
    }
}
