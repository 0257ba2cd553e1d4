import CFFmpeg

/// Owns an opened `AVFormatContext`: the demuxer over one file.
///
/// Opens exactly the path it is given through FFmpeg's `file` protocol, with
/// every other protocol refused, so a playlist or reference inside a file
/// cannot make FFmpeg open a network connection.
final class FormatInput {
    let context: UnsafeMutablePointer<AVFormatContext>
    /// Kept alive for as long as the context may log into it.
    private let diagnostics: MediaDiagnostics
    /// Whether `avformat_find_stream_info` succeeded; when it did not, stream parameters may be incomplete.
    private(set) var streamInfoError: FFmpegError?

    init(path: String, diagnostics: MediaDiagnostics) throws(FFmpegError) {
        self.diagnostics = diagnostics
        guard let allocated = avformat_alloc_context() else { throw FFmpegError(code: dfc_averror(ENOMEM)) }
        allocated.pointee.opaque = diagnostics.opaque
        var context: UnsafeMutablePointer<AVFormatContext>? = allocated
        var options: OpaquePointer?
        av_dict_set(&options, "protocol_whitelist", "file", 0)
        defer { av_dict_free(&options) }
        // On failure FFmpeg frees the context and sets it to NULL.
        let status = avformat_open_input(&context, "file:" + path, nil, &options)
        guard status >= 0, let context else { throw FFmpegError(code: status) }
        self.context = context
        let info = avformat_find_stream_info(context, nil)
        if info < 0 { streamInfoError = FFmpegError(code: info) }
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&context)
    }

    var streamCount: Int { Int(context.pointee.nb_streams) }

    func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> {
        precondition(index >= 0 && index < streamCount)
        return context.pointee.streams[index]!
    }

    /// What one `av_read_frame` call gave.
    enum ReadResult {
        case packet
        case endOfFile
        case failed(FFmpegError)
    }

    /// Reads the next packet into `packet` (which must have been unreferenced).
    func read(into packet: Packet) -> ReadResult {
        while true {
            let status = av_read_frame(context, packet.pointer)
            if status >= 0 { return .packet }
            let error = FFmpegError(code: status)
            if error == .tryAgain { continue }
            return error == .endOfFile ? .endOfFile : .failed(error)
        }
    }

    /// Byte position the demuxer has reached in the file.
    var bytePosition: Int64 {
        guard let pb = context.pointee.pb else { return -1 }
        return avio_tell(pb)
    }
}
