package import CFFmpeg
import DFCCore

/// Owns an opened `AVCodecContext` decoding one video stream.
///
/// Confined to one thread at a time; FFmpeg's own frame and slice threads run inside it.
package final class VideoDecoder {
    package let context: UnsafeMutablePointer<AVCodecContext>
    private let diagnostics: MediaDiagnostics

    /// What `receive` found.
    package enum Output {
        case frame
        case needsInput
        case endOfStream
        case failed(FFmpegError)
    }

    /// Why a decoder could not be opened.
    package enum OpenError: Error {
        case noDecoder(codec: String)
        case ffmpeg(FFmpegError)
    }

    package init(stream: UnsafeMutablePointer<AVStream>, diagnostics: MediaDiagnostics, threads: Int = 0, maxPixels: Int) throws(OpenError) {
        self.diagnostics = diagnostics
        let parameters = stream.pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw .noDecoder(codec: String(cString: avcodec_get_name(parameters.pointee.codec_id)))
        }
        guard let allocated = avcodec_alloc_context3(codec) else { throw .ffmpeg(FFmpegError(code: dfc_averror(ENOMEM))) }
        var owned: UnsafeMutablePointer<AVCodecContext>? = allocated
        let copied = avcodec_parameters_to_context(allocated, parameters)
        guard copied >= 0 else {
            avcodec_free_context(&owned)
            throw .ffmpeg(FFmpegError(code: copied))
        }
        allocated.pointee.opaque = diagnostics.opaque
        allocated.pointee.pkt_timebase = stream.pointee.time_base
        allocated.pointee.thread_count = Int32(threads)          // 0: one per core
        allocated.pointee.thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE
        allocated.pointee.max_pixels = Int64(maxPixels)          // a bigger picture is refused, not allocated
        let opened = avcodec_open2(allocated, codec, nil)
        guard opened >= 0 else {
            avcodec_free_context(&owned)
            throw .ffmpeg(FFmpegError(code: opened))
        }
        context = allocated
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&context)
    }

    /// Hands the decoder a packet, or `nil` to drain it at the end of the stream.
    /// Returns the error FFmpeg reported for a packet it could not take.
    package func send(_ packet: Packet?) -> FFmpegError? {
        let status = avcodec_send_packet(context, packet?.pointer)
        guard status < 0 else { return nil }
        let error = FFmpegError(code: status)
        if packet == nil && error == .endOfFile { return nil }
        return error
    }

    /// Takes the next decoded frame, if one is ready, into `frame` (which must have been unreferenced).
    package func receive(into frame: Frame) -> Output {
        let status = avcodec_receive_frame(context, frame.pointer)
        if status >= 0 { return .frame }
        let error = FFmpegError(code: status)
        if error == .tryAgain { return .needsInput }
        if error == .endOfFile { return .endOfStream }
        return .failed(error)
    }
}
