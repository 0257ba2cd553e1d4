package import CFFmpeg
import DFCCore

/// Owns one `AVFrame`; freed (and its buffers unreferenced) with `av_frame_free`.
///
/// A decoded frame's buffers are reference-counted and never written again once
/// the decoder hands them out, so a frame made by `retainedCopy()` may move to
/// another thread: it is the only owner of that reference.
package final class Frame: @unchecked Sendable {
    package let pointer: UnsafeMutablePointer<AVFrame>

    package init() {
        guard let frame = av_frame_alloc() else { fatalError("av_frame_alloc: out of memory") }
        pointer = frame
    }

    private init(owning frame: UnsafeMutablePointer<AVFrame>) {
        pointer = frame
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    /// Drops the buffers so the frame can be decoded into again.
    package func unref() { av_frame_unref(pointer) }

    /// A new frame holding another reference to the same buffers (no pixel copy).
    package func retainedCopy() -> Frame {
        guard let copy = av_frame_clone(pointer) else { fatalError("av_frame_clone: out of memory") }
        return Frame(owning: copy)
    }
}
