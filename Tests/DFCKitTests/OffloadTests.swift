@testable import DFCKit
import Foundation
import Synchronization
import Testing

/// The async entry points' blocking work runs on a fixed pool of the library's threads: a burst of
/// calls is worked a pool's width at a time, never a thread each.
@Suite struct OffloadTests {
    final class Gauge: Sendable {
        let running = Mutex(0), most = Mutex(0)
    }

    @Test func aBurstOfCallsRunsAPoolsWidthAtATime() async throws {
        let gauge = Gauge()
        let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<(width * 6) {
                group.addTask {
                    try await Offload.offload {
                        let now = gauge.running.withLock { $0 += 1; return $0 }
                        gauge.most.withLock { $0 = max($0, now) }
                        Thread.sleep(forTimeInterval: 0.05)
                        gauge.running.withLock { $0 -= 1 }
                        return index
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<(width * 6)))
        let peak = gauge.most.withLock { $0 }
        // At most the pool's width at once. Not at least two: the pool is the library's one (StorePool), which
        // the other suites' listings and async calls use beside this one, so it may have had one thread free.
        #expect(peak >= 1 && peak <= width, "\(peak) ran at once; the pool has \(width) threads")
    }
}
