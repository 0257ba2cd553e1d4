internal import Crypto
import Foundation

/// SHA-512 over chunks handed over one by one, computed on its own serial queue. The caller
/// keeps each chunk's memory unchanged until the chunk's semaphore is signalled.
package final class ChunkHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "dfc.sha512")
    private var hasher = SHA512()   // touched only on `queue`

    /// Hashes `chunk` after those before it, then signals `done`.
    package func update(_ chunk: UnsafeRawBufferPointer, then done: DispatchSemaphore) {
        nonisolated(unsafe) let chunk = chunk
        queue.async {
            self.hasher.update(bufferPointer: chunk)
            done.signal()
        }
    }

    /// Waits for every chunk handed over so far.
    package func waitUntilIdle() { queue.sync {} }

    /// The digest of every chunk, lower-case hex.
    package func finish() -> String { queue.sync { Hex.string(hasher.finalize()) } }
}
