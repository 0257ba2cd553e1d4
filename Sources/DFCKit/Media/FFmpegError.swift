internal import CFFmpeg

/// An error code returned by an FFmpeg function, with FFmpeg's own words for it.
struct FFmpegError: Error, Equatable, CustomStringConvertible {
    /// The negative `AVERROR` code.
    let code: Int32

    static let endOfFile = FFmpegError(code: dfc_averror_eof())
    static let tryAgain = FFmpegError(code: dfc_averror_eagain())

    var description: String {
        var buffer = [CChar](repeating: 0, count: 256)
        if av_strerror(code, &buffer, buffer.count) < 0 {
            return "FFmpeg error \(code)"
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
