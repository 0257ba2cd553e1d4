internal import CFFmpeg
import Foundation
import DFCCore

/// Hashes decoded pictures on worker threads while the decoder goes on decoding: each
/// picture's framehash SHA-256, and for the pictures vPDQ's rule selects, its PDQ hash
/// (converted to RGB24 as vPDQ converts it).
///
/// The decoding thread hands over a new reference to each frame's buffers (no pixel
/// copy); a worker hashes it and drops the reference. At most `capacity` frames wait,
/// so memory stays bounded however long the footage.
package final class FrameHashPool: @unchecked Sendable {
    /// A frame waiting to be hashed, with everything else already known about it.
    package struct Job: Sendable {
        package let frame: Frame
        package let row: FrameRow
        /// Whether it gets a PDQ hash too.
        package let pdq: Bool

        package init(frame: Frame, row: FrameRow, pdq: Bool) {
            self.frame = frame
            self.row = row
            self.pdq = pdq
        }
    }

    private let jobs: BlockingQueue<Job>
    private let results = BlockingQueue<FrameRow>()
    private let finished = DispatchGroup()

    package init(workers: Int, capacity: Int) {
        jobs = BlockingQueue(capacity: capacity)
        for _ in 0..<max(1, workers) {
            finished.enter()
            let thread = Thread { [jobs, results, finished] in
                var scratch: [UInt8] = []
                let converter = RGBConverter()
                while let job = jobs.take() {
                    var row = job.row
                    if let digest = FrameDigest.sha256(of: job.frame.pointer, scratch: &scratch) {
                        row.sha256 = Data(digest.sha256)
                        row.size = digest.size
                    }
                    if job.pdq, converter.convert(job.frame.pointer) {
                        let (width, height) = (Int(job.frame.pointer.pointee.width), Int(job.frame.pointer.pointee.height))
                        row.pdq = converter.pixels.withUnsafeBytes { PDQ.hash(rgb: $0, width: width, height: height, stride: converter.stride) }
                    }
                    results.put(row)
                }
                finished.leave()
            }
            thread.name = "dfc.frame-hash"
            thread.start()
        }
    }

    /// Queues a frame, waiting while the workers are `capacity` frames behind.
    package func submit(_ job: Job) { jobs.put(job) }

    /// The rows hashed so far, without waiting.
    package func takeFinished() -> [FrameRow] { results.takeAll() }

    /// Waits for every queued frame to be hashed and returns the rows not yet taken.
    package func finish() -> [FrameRow] {
        jobs.close()
        finished.wait()
        return results.takeAll()
    }

    /// Stops the workers without waiting for the queued frames (after a failure).
    package func cancel() {
        jobs.close()
        while jobs.take() != nil {}
        finished.wait()
    }
}
