internal import CFFmpeg
import DFCCore

/// An error code returned by an FFmpeg function, with FFmpeg's own words for it.
package struct FFmpegError: Error, Equatable, CustomStringConvertible {
    /// The negative `AVERROR` code.
    package let code: Int32

    package static let endOfFile = FFmpegError(code: dfc_averror_eof())
    package static let tryAgain = FFmpegError(code: dfc_averror_eagain())

    package var description: String {
        var buffer = [CChar](repeating: 0, count: 256)
        if av_strerror(code, &buffer, buffer.count) < 0 {
            return "FFmpeg error \(code)"
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package init(code: Int32) {
        self.code = code
    }
}
