internal import Crypto
import Foundation
package import NIOCore
import DFCCore

/// A `FileDigest` of bytes that arrive in pieces (an object read from S3), fed from any
/// thread, one piece at a time.
package final class StreamingDigest: @unchecked Sendable {
    private let lock = NSLock()
    private var sha256 = SHA256()   // guarded by `lock`
    private var sha512 = SHA512()
    private var size: Int64 = 0

    /// Hashes the buffer's readable bytes after those before it.
    package func update(_ buffer: ByteBuffer) {
        lock.lock()
        defer { lock.unlock() }
        buffer.withUnsafeReadableBytes { bytes in
            sha256.update(bufferPointer: bytes)
            sha512.update(bufferPointer: bytes)
        }
        size += Int64(buffer.readableBytes)
    }

    /// The digest of everything fed so far.
    package func finish() -> FileDigest {
        lock.lock()
        defer { lock.unlock() }
        return FileDigest(sha256: Hex.string(sha256.finalize()), sha512: Hex.string(sha512.finalize()), size: size)
    }
}
