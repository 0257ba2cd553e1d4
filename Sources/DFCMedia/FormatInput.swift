package import CFFmpeg
import DFCCore

/// Owns an opened `AVFormatContext`: the demuxer over one file.
///
/// The demuxer reads only through a `FileIO` over the one file DFC opened itself. Its
/// format must be one of the camera and video containers DFC reads (`allowedFormats`),
/// recognised from the bytes alone; playlists, concat lists and every other format that
/// points elsewhere are refused before a demuxer runs. Should a demuxer still ask to
/// open another file or URL, its `io_open` refuses and the request becomes a finding; and
/// nested demuxers inherit a format whitelist and a protocol whitelist that allows nothing.
package final class FormatInput {
    package let context: UnsafeMutablePointer<AVFormatContext>
    /// Kept alive for as long as the context may log into it.
    private let diagnostics: MediaDiagnostics
    /// The file the context reads; freed after the context.
    private let io: FileIO
    /// Whether `avformat_find_stream_info` succeeded; when it did not, stream parameters may be incomplete.
    package private(set) var streamInfoError: FFmpegError?
    /// Each stream's picture size in pixels as its container declared it, before any decoding.
    package private(set) var declaredPixels: [Int] = []

    /// FFmpeg demuxer names DFC reads: camera, DVR, drone and phone containers, raw
    /// elementary streams, audio recorders' files, and still images. Stills are read by the
    /// single-image `*_pipe` demuxers, which read the one file they are given; never by
    /// `image2`, which reads numbered sequences and patterns of other files. SubRip (`srt`) is
    /// the telemetry sidecar a DJI drone writes beside its video; it names no other file.
    package static let allowedFormats = [
        "mov", "mp4", "matroska", "webm", "avi", "mpegts", "mpeg", "mpegvideo", "h264", "hevc", "mjpeg", "m4v",
        "asf", "flv", "dhav", "ivf", "dv", "mxf", "ogg", "wav", "mp3", "aac", "srt",
        "jpeg_pipe", "png_pipe", "tiff_pipe", "bmp_pipe", "webp_pipe",
    ].joined(separator: ",")

    /// Why a file could not be opened as media.
    package enum OpenError: Error {
        /// The bytes are a format DFC does not read (its FFmpeg name and description).
        case refused(format: String, description: String)
        /// FFmpeg could not open it; `detail` is what its demuxer said, if anything.
        case ffmpeg(FFmpegError, detail: String?)
    }

    /// Opens the demuxer over `descriptor` (a regular file open for reading), which it takes over.
    package init(descriptor: Int32, diagnostics: MediaDiagnostics, limits: MediaLimits = .standard) throws(OpenError) {
        self.diagnostics = diagnostics
        do {
            io = try FileIO(descriptor: descriptor)
        } catch {
            throw .ffmpeg(error, detail: nil)
        }
        var format: UnsafePointer<AVInputFormat>?
        let probed = av_probe_input_buffer2(io.context, &format, "", nil, 0, UInt32(min(limits.probeBytes, 1 << 20)))
        guard probed >= 0, let format else { throw .ffmpeg(FFmpegError(code: probed), detail: "no known media format in its first bytes") }
        guard av_match_list(format.pointee.name, Self.allowedFormats, CChar(UInt8(ascii: ","))) > 0 else {
            throw .refused(format: String(cString: format.pointee.name),
                           description: format.pointee.long_name.map { String(cString: $0) } ?? "")
        }

        guard let allocated = avformat_alloc_context() else { throw .ffmpeg(FFmpegError(code: dfc_averror(ENOMEM)), detail: nil) }
        allocated.pointee.opaque = diagnostics.opaque
        allocated.pointee.pb = io.context
        allocated.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        allocated.pointee.io_open = { context, _, url, _, _ in
            if let context, let opaque = context.pointee.opaque {
                Unmanaged<MediaDiagnostics>.fromOpaque(opaque).takeUnretainedValue()
                    .recordRefusedReference(url.map { String(cString: $0) } ?? "")
            }
            return dfc_averror(EPERM)
        }
        allocated.pointee.max_streams = Int32(limits.maxStreams)
        allocated.pointee.probesize = limits.probeBytes
        allocated.pointee.max_analyze_duration = limits.analyzeMicroseconds
        var context: UnsafeMutablePointer<AVFormatContext>? = allocated
        var options: OpaquePointer?
        av_dict_set(&options, "format_whitelist", Self.allowedFormats, 0)
        av_dict_set(&options, "protocol_whitelist", "none", 0)   // no protocol has that name: nested opens all fail
        defer { av_dict_free(&options) }
        // On failure FFmpeg frees the context and sets it to NULL.
        let status = avformat_open_input(&context, "", format, &options)
        guard status >= 0, let context else { throw .ffmpeg(FFmpegError(code: status), detail: diagnostics.firstContainerMessage) }
        self.context = context
        declaredPixels = (0..<Int(context.pointee.nb_streams)).map { index in
            let parameters = context.pointee.streams[index]!.pointee.codecpar.pointee
            return Int(max(0, parameters.width)) * Int(max(0, parameters.height))
        }
        // The decoders that find_stream_info opens get the same picture-size bound as DFC's own.
        var streamOptions = [OpaquePointer?](repeating: nil, count: declaredPixels.count)
        for index in streamOptions.indices { av_dict_set_int(&streamOptions[index], "max_pixels", Int64(limits.maxPixels), 0) }
        let info = streamOptions.withUnsafeMutableBufferPointer { avformat_find_stream_info(context, $0.baseAddress) }
        for index in streamOptions.indices { av_dict_free(&streamOptions[index]) }
        if info < 0 { streamInfoError = FFmpegError(code: info) }
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&context)
    }

    /// Every URL the demuxer asked to open and was refused.
    package var refusedReferences: [String] { diagnostics.refusedReferences }

    package var streamCount: Int { Int(context.pointee.nb_streams) }

    package func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> {
        precondition(index >= 0 && index < streamCount)
        return context.pointee.streams[index]!
    }

    /// What one `av_read_frame` call gave.
    package enum ReadResult {
        case packet
        case endOfFile
        case failed(FFmpegError)
    }

    /// Reads the next packet into `packet` (which must have been unreferenced).
    package func read(into packet: Packet) -> ReadResult {
        while true {
            let status = av_read_frame(context, packet.pointer)
            if status >= 0 { return .packet }
            let error = FFmpegError(code: status)
            if error == .tryAgain { continue }
            return error == .endOfFile ? .endOfFile : .failed(error)
        }
    }

    /// Byte position the demuxer has reached in the file.
    package var bytePosition: Int64 {
        guard let pb = context.pointee.pb else { return -1 }
        return avio_tell(pb)
    }
}
