import Foundation
import DFCCore

/// The one loop that takes decoded pictures out of a video decoder, and so numbers them: the
/// analysis (`StreamDecoding`) and extraction (`FrameExtractor`) both drain through it, so a
/// picture's index is the same in the catalog's frame rows and in `dfc extract --frames N`,
/// however damaged the stream. A picture the decoder cannot return is not counted; after
/// `failureLimit` such failures in a row the decoder is taken to be stuck and the drain ends.
package final class PictureLoop {
    package let decoder: VideoDecoder
    private let frame = Frame()
    /// Pictures taken so far: the index the next one gets.
    package private(set) var count = 0
    /// Failed receives in a row after which the decoder is taken to be stuck.
    package static let failureLimit = 64

    package init(_ decoder: VideoDecoder) { self.decoder = decoder }

    /// What ended a drain.
    package enum End {
        /// The decoder wants another packet, or has finished, or is stuck.
        case drained
        /// `picture` asked to stop.
        case stopped
    }

    /// Hands every picture the decoder has ready to `picture`, with its index (the frame is
    /// unreferenced after it returns, so keep a `retainedCopy()` to hold on to it), and every
    /// picture it could not return to `failed`, with the index the next one will get. Stops
    /// when `picture` returns false.
    @discardableResult
    package func drain(picture: (Frame, Int) throws -> Bool, failed: (FFmpegError, Int) -> Void) rethrows -> End {
        var failuresInARow = 0
        while true {
            switch decoder.receive(into: frame) {
            case .needsInput, .endOfStream:
                return .drained
            case .failed(let error):
                // An error here is about one picture (with frame threads, one of several in
                // flight): the pictures after it still come, as FFmpeg's own tools keep them.
                failed(error, count)
                failuresInARow += 1
                if failuresInARow >= Self.failureLimit { return .drained }
            case .frame:
                failuresInARow = 0
                let index = count
                defer {
                    frame.unref()
                    count += 1
                }
                if try !picture(frame, index) { return .stopped }
            }
        }
    }
}
