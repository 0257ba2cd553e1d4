package import CFFmpeg
import Foundation
import DFCCore

/// Owns the `AVIOContext` through which a muxer writes exactly one file, a descriptor DFC
/// opened itself (the worker's output): the muxer never sees a path or a URL.
package final class OutputIO {
    private let fd: Int32
    package private(set) var context: UnsafeMutablePointer<AVIOContext>?
    /// The first write error, if any: the muxer's own error may say less.
    package private(set) var failure: String?

    private static let bufferSize: Int32 = 1 << 16

    /// Writes to `descriptor` (not taken over: the caller closes it).
    package init(descriptor: Int32) throws(FFmpegError) {
        fd = descriptor
        guard let buffer = av_malloc(Int(Self.bufferSize)) else { throw FFmpegError(code: dfc_averror(ENOMEM)) }
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        context = avio_alloc_context(buffer.assumingMemoryBound(to: UInt8.self), Self.bufferSize, 1, opaque, nil,
                                     { opaque, buffer, size in OutputIO.from(opaque).write(buffer, size) },
                                     { opaque, offset, whence in OutputIO.from(opaque).seek(offset, whence) })
        guard context != nil else {
            var owned: UnsafeMutableRawPointer? = buffer
            av_freep(&owned)
            throw FFmpegError(code: dfc_averror(ENOMEM))
        }
    }

    deinit {
        if let context {
            av_freep(&context.pointee.buffer)
            var owned: UnsafeMutablePointer<AVIOContext>? = context
            avio_context_free(&owned)
        }
    }

    private static func from(_ opaque: UnsafeMutableRawPointer?) -> OutputIO {
        Unmanaged<OutputIO>.fromOpaque(opaque!).takeUnretainedValue()
    }

    private func write(_ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int32) -> Int32 {
        guard let buffer, size > 0 else { return 0 }
        var offset = 0
        while offset < Int(size) {
            let written = Foundation.write(fd, buffer + offset, Int(size) - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                failure = failure ?? "cannot write the release: \(errnoDescription())"
                return dfc_averror(written < 0 ? errno : EIO)
            }
            offset += written
        }
        return size
    }

    private func seek(_ offset: Int64, _ whence: Int32) -> Int64 {
        if whence & AVSEEK_SIZE != 0 {
            var info = stat()
            return fstat(fd, &info) == 0 ? Int64(info.st_size) : Int64(dfc_averror(errno))
        }
        let position = lseek(fd, off_t(offset), whence & ~AVSEEK_FORCE)
        return position < 0 ? Int64(dfc_averror(errno)) : Int64(position)
    }
}
