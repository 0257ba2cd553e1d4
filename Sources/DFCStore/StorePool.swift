import Foundation
package import NIOPosix

/// The library's threads for blocking work called from async code (a catalog read, a worker's
/// wait, an fsync): a fixed pool, one thread per core and at least two, never a thread per call.
/// A server that asks for 200 listings at once has them read a page at a time on these threads.
/// Work run here must not wait for other work queued on it.
package enum StorePool {
    package static let shared: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(2, ProcessInfo.processInfo.activeProcessorCount))
        pool.start()
        return pool
    }()
}
