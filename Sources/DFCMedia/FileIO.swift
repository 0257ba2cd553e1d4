package import CFFmpeg
import Foundation
import DFCCore

/// Owns the `AVIOContext` through which a demuxer reads exactly one file, opened here by
/// DFC itself. The demuxer never sees a path or a URL, so no protocol (file, http, tcp,
/// subfile, …) is ever asked to open anything on the file's behalf.
package final class FileIO {
    private let fd: Int32
    package let size: Int64
    package private(set) var context: UnsafeMutablePointer<AVIOContext>?

    private static let bufferSize: Int32 = 1 << 16

    /// Takes over `descriptor`, a file opened for reading, and closes it when done.
    package init(descriptor: Int32) throws(FFmpegError) {
        fd = descriptor
        guard fd >= 0 else { throw FFmpegError(code: dfc_averror(EBADF)) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw FFmpegError(code: dfc_averror(EINVAL))
        }
        size = Int64(info.st_size)
        guard let buffer = av_malloc(Int(Self.bufferSize)) else {
            close(fd)
            throw FFmpegError(code: dfc_averror(ENOMEM))
        }
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        context = avio_alloc_context(buffer.assumingMemoryBound(to: UInt8.self), Self.bufferSize, 0, opaque,
                                     { opaque, buffer, size in FileIO.from(opaque).read(buffer, size) },
                                     nil,
                                     { opaque, offset, whence in FileIO.from(opaque).seek(offset, whence) })
        guard context != nil else {
            var owned: UnsafeMutableRawPointer? = buffer
            av_freep(&owned)
            close(fd)
            throw FFmpegError(code: dfc_averror(ENOMEM))
        }
    }

    deinit {
        if let context {
            // FFmpeg may have replaced the buffer it was given: free the one it holds now.
            av_freep(&context.pointee.buffer)
            var owned: UnsafeMutablePointer<AVIOContext>? = context
            avio_context_free(&owned)
        }
        close(fd)
    }

    private static func from(_ opaque: UnsafeMutableRawPointer?) -> FileIO {
        Unmanaged<FileIO>.fromOpaque(opaque!).takeUnretainedValue()
    }

    private func read(_ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int32) -> Int32 {
        while true {
            let count = Foundation.read(fd, buffer, Int(size))
            if count > 0 { return Int32(count) }
            if count == 0 { return dfc_averror_eof() }
            if errno != EINTR { return dfc_averror(errno) }
        }
    }

    private func seek(_ offset: Int64, _ whence: Int32) -> Int64 {
        if whence & AVSEEK_SIZE != 0 { return size }
        let position = lseek(fd, off_t(offset), whence & ~AVSEEK_FORCE)
        return position < 0 ? Int64(dfc_averror(errno)) : Int64(position)
    }
}
