import Crypto
import Foundation

/// The SHA-256, SHA-512 and size of a file's bytes.
public struct FileDigest: Sendable, Equatable, Codable {
    /// SHA-256 of the bytes, lower-case hex.
    public let sha256: String
    /// SHA-512 of the bytes, lower-case hex.
    public let sha512: String
    /// The number of bytes.
    public let size: Int64
}

extension FileDigest {
    static let chunkSize = 1 << 20

    /// Reads the file once, front to back, in fixed chunks (memory stays flat whatever its size),
    /// hashing it and, when `destination` is an open file descriptor, writing every byte there.
    static func compute(path: String, copyingTo destination: Int32? = nil, destinationPath: String = "") throws(DFCError) -> FileDigest {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DFCError.inputUnreadable(path: path, reason: errnoDescription()) }
        defer { close(fd) }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        var sha256 = SHA256()
        var sha512 = SHA512()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw DFCError.inputUnreadable(path: path, reason: errnoDescription())
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            sha256.update(bufferPointer: chunk)
            sha512.update(bufferPointer: chunk)
            if let destination { try writeAll(chunk, to: destination, path: destinationPath) }
            size += Int64(count)
        }
        return FileDigest(sha256: Hex.string(sha256.finalize()), sha512: Hex.string(sha512.finalize()), size: size)
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
