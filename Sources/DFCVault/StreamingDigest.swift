internal import Crypto
import Foundation
import Synchronization
package import NIOCore
import DFCCore

/// A `FileDigest` of bytes that arrive in pieces (an object read from S3), fed from any
/// thread, one piece at a time.
package final class StreamingDigest: Sendable {
    private struct State {
        var sha256 = SHA256()
        var sha512 = SHA512()
        var size: Int64 = 0
    }
    private let state = Mutex(State())

    package init() {}

    /// Hashes the buffer's readable bytes after those before it.
    package func update(_ buffer: ByteBuffer) {
        state.withLock { state in
            buffer.withUnsafeReadableBytes { bytes in
                state.sha256.update(bufferPointer: bytes)
                state.sha512.update(bufferPointer: bytes)
            }
            state.size += Int64(buffer.readableBytes)
        }
    }

    /// The digest of everything fed so far.
    package func finish() -> FileDigest {
        state.withLock { state in
            FileDigest(sha256: Hex.string(state.sha256.finalize()), sha512: Hex.string(state.sha512.finalize()), size: state.size)
        }
    }
}
