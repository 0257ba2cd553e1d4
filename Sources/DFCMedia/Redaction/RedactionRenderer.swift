internal import CFFmpeg
import Foundation
import DFCCore

/// The worker's side of `dfc redact --render`: decodes the plan's video stream of the staged
/// original, numbering pictures as the analysis did (`PictureLoop`), converts each to YUV 4:2:0,
/// paints the accepted tracks' regions (`MaskPainter`), and encodes it with libx264; the first
/// audio stream is decoded, its planned ranges muted or bleeped, and encoded as AAC (or dropped,
/// as the plan says). Everything else — other streams, chapters, every tag the plan does not keep
/// — is left out. The MP4 is written with FFmpeg's bit-exact flags and fixed encoder threads, so
/// the same plan, original and libraries give the same bytes.
///
/// A picture the plan does not describe (an index past its `frameCount`) stops the render: a
/// release never carries a frame nobody planned for.
package struct RedactionRenderer {
    package let descriptor: Int32
    package let limits: MediaLimits
    package let decoderThreads: Int
    package let request: RenderRequest

    package init(descriptor: Int32, limits: MediaLimits, decoderThreads: Int, request: RenderRequest) {
        self.descriptor = descriptor
        self.limits = limits
        self.decoderThreads = decoderThreads
        self.request = request
    }

    /// Why a render stopped: the reason, naming the stream or picture.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
        init(_ description: String) { self.description = description }
    }

    /// The FFmpeg libraries a render uses (for the settings recorded with a release; x264's own
    /// version is in the stream it writes, as its SEI says).
    package static var libraries: String {
        let resample = swresample_version()
        return FFmpegLog.libraryVersions + ", libswresample \(resample >> 16).\((resample >> 8) & 0xFF).\(resample & 0xFF)"
    }

    /// Renders into `output` (a new, empty file open for writing).
    package func run(into output: Int32) throws(Failure) {
        let plan = request.plan
        let settings = request.settings
        let (input, decoder): (FormatInput, VideoDecoder)
        do {
            (input, decoder) = try FormatInput.openVideo(descriptor: descriptor, stream: plan.stream, limits: limits, decoderThreads: decoderThreads)
        } catch {
            throw Failure("the original: \(error.description)")
        }
        let source = input.stream(plan.stream)
        let width = (plan.width + 1) / 2 * 2, height = (plan.height + 1) / 2 * 2

        // The muxer.
        var allocated: UnsafeMutablePointer<AVFormatContext>?
        guard avformat_alloc_output_context2(&allocated, nil, "mp4", nil) >= 0, let muxer = allocated else { throw Failure("FFmpeg has no MP4 muxer") }
        defer { avformat_free_context(muxer) }
        let io: OutputIO
        do { io = try OutputIO(descriptor: output) } catch { throw Failure("cannot write: \(error)") }
        muxer.pointee.pb = io.context
        muxer.pointee.flags |= AVFMT_FLAG_BITEXACT
        for tag in plan.keepTags {
            if let entry = av_dict_get(input.context.pointee.metadata, tag, nil, AV_DICT_MATCH_CASE) {
                av_dict_set(&muxer.pointee.metadata, tag, entry.pointee.value, 0)
            }
        }

        // The video encoder.
        guard let x264 = avcodec_find_encoder_by_name(settings.videoEncoder) else { throw Failure("FFmpeg has no \(settings.videoEncoder) encoder") }
        guard let encoderContext = avcodec_alloc_context3(x264) else { throw Failure("out of memory") }
        var video: UnsafeMutablePointer<AVCodecContext>? = encoderContext
        defer { avcodec_free_context(&video) }
        let timeBase = source.pointee.time_base
        encoderContext.pointee.width = Int32(width)
        encoderContext.pointee.height = Int32(height)
        encoderContext.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        encoderContext.pointee.time_base = timeBase.num > 0 && timeBase.den > 0 ? timeBase : AVRational(num: 1, den: 90000)
        let rate = source.pointee.avg_frame_rate.num > 0 ? source.pointee.avg_frame_rate : source.pointee.r_frame_rate
        if rate.num > 0 && rate.den > 0 { encoderContext.pointee.framerate = rate }
        encoderContext.pointee.sample_aspect_ratio = source.pointee.codecpar.pointee.sample_aspect_ratio
        encoderContext.pointee.gop_size = Int32(settings.keyframeInterval)
        encoderContext.pointee.thread_count = Int32(settings.threads)
        encoderContext.pointee.flags |= AV_CODEC_FLAG_BITEXACT | AV_CODEC_FLAG_GLOBAL_HEADER
        encoderContext.pointee.color_range = AVCOL_RANGE_MPEG
        let (matrix, _, _) = PictureConverter.matrix(source.pointee.codecpar.pointee.color_space, height: Int32(plan.height))
        encoderContext.pointee.colorspace = Self.colorSpace(matrix)
        av_opt_set(encoderContext.pointee.priv_data, "preset", settings.preset, 0)
        av_opt_set(encoderContext.pointee.priv_data, "crf", String(settings.crf), 0)
        guard avcodec_open2(encoderContext, x264, nil) >= 0 else { throw Failure("\(settings.videoEncoder) refused the settings") }
        guard let videoOut = avformat_new_stream(muxer, nil) else { throw Failure("out of memory") }
        avcodec_parameters_from_context(videoOut.pointee.codecpar, encoderContext)
        videoOut.pointee.time_base = encoderContext.pointee.time_base
        var matrixSize: Int = 0
        if let display = av_stream_get_side_data(source, AV_PKT_DATA_DISPLAYMATRIX, &matrixSize), matrixSize == 36,
           let copy = av_stream_new_side_data(videoOut, AV_PKT_DATA_DISPLAYMATRIX, matrixSize) {
            copy.update(from: display, count: matrixSize)
        }

        // The sound.
        var audio: AudioRedactor?
        if plan.audio == .keep, let index = (0..<input.streamCount).first(where: {
            input.stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO
        }) {
            audio = try AudioRedactor(stream: input.stream(index), index: index, muxer: muxer, settings: settings, ranges: plan.audioRanges,
                                      start: input.context.pointee.start_time == dfc_nopts_value() ? 0
                                          : Double(input.context.pointee.start_time) / Double(dfc_time_base()))
        }

        var options: OpaquePointer?
        defer { av_dict_free(&options) }
        let header = avformat_write_header(muxer, &options)
        guard header >= 0 else { throw Failure(io.failure ?? "the MP4 header cannot be written: \(FFmpegError(code: header))") }

        let packet = Packet()
        let encoded = Packet()
        // Each picture's duration, by its pts: the encoder's packets carry none, and without it the MP4's
        // edit list would leave the last picture out.
        var durations: [Int64: Int64] = [:]
        let nominal = rate.num > 0 && rate.den > 0
            ? max(1, av_rescale_q(1, AVRational(num: rate.den, den: rate.num), encoderContext.pointee.time_base)) : 1
        func writeVideo(_ frame: UnsafeMutablePointer<AVFrame>?) throws(Failure) {
            let sent = avcodec_send_frame(encoderContext, frame)
            guard sent >= 0 else { throw Failure("the encoder refused a picture: \(FFmpegError(code: sent))") }
            while avcodec_receive_packet(encoderContext, encoded.pointer) >= 0 {
                if encoded.pointer.pointee.duration <= 0 {
                    encoded.pointer.pointee.duration = durations.removeValue(forKey: encoded.pointer.pointee.pts) ?? nominal
                }
                av_packet_rescale_ts(encoded.pointer, encoderContext.pointee.time_base, videoOut.pointee.time_base)
                encoded.pointer.pointee.stream_index = videoOut.pointee.index
                let written = av_interleaved_write_frame(muxer, encoded.pointer)
                guard written >= 0 else { throw Failure(io.failure ?? "a packet cannot be written: \(FFmpegError(code: written))") }
            }
        }

        let painter = MaskPainter(style: plan.style, width: plan.width, height: plan.height)
        let tracks = plan.accepted
        let converter = PlanarConverter(width: width, height: height, matrix: matrix)
        let pictures = PictureLoop(decoder)
        var lastPTS = Int64.min
        let started = ContinuousClock.now
        func render(_ frame: Frame, _ index: Int) throws -> Bool {
            guard index < plan.frameCount else {
                throw Failure("stream \(plan.stream) decodes to more pictures than the plan's \(plan.frameCount) (picture \(index)): "
                    + "nothing it does not describe is released")
            }
            guard let picture = converter.convert(frame.pointer) else { throw Failure("picture \(index) cannot be converted to YUV 4:2:0") }
            painter.paint(tracks, index: index, into: picture.pointer)
            var pts = frame.pointer.pointee.best_effort_timestamp
            if pts == dfc_nopts_value() || pts <= lastPTS { pts = lastPTS == Int64.min ? 0 : lastPTS + 1 }
            lastPTS = pts
            picture.pointer.pointee.pts = pts
            let duration = frame.pointer.pointee.pkt_duration
            durations[pts] = duration > 0 ? duration : nominal
            try writeVideo(picture.pointer)
            return true
        }

        do {
            reading: while true {
                switch input.read(into: packet) {
                case .endOfFile, .failed: break reading
                case .packet: break
                }
                defer { packet.unref() }
                if started.duration(to: .now) > .seconds(limits.maxSeconds) {
                    throw Failure("the render took more than \(Int(limits.maxSeconds)) s")
                }
                let stream = Int(packet.pointer.pointee.stream_index)
                if stream == plan.stream {
                    _ = decoder.send(packet)
                    try pictures.drain(picture: render, failed: { _, _ in })
                } else if stream == audio?.index {
                    try audio?.decode(packet)
                }
            }
            _ = decoder.send(nil)
            try pictures.drain(picture: render, failed: { _, _ in })
            guard pictures.count == plan.frameCount else {
                throw Failure("stream \(plan.stream) decoded to \(pictures.count) pictures, but the plan describes \(plan.frameCount): "
                    + "the decode differs from the analysis's, so nothing is released")
            }
            try writeVideo(nil)
            try audio?.finish()
        } catch let failure as Failure {
            throw failure
        } catch let failure as AudioRedactor.Failure {
            throw Failure(failure.description)
        } catch {
            throw Failure("\(error)")
        }
        let trailer = av_write_trailer(muxer)
        guard trailer >= 0, io.failure == nil else { throw Failure(io.failure ?? "the MP4 cannot be finished: \(FFmpegError(code: trailer))") }
        avio_flush(io.context)
    }

    private static func colorSpace(_ matrix: Int32) -> AVColorSpace {
        switch matrix {
        case SWS_CS_ITU709: AVCOL_SPC_BT709
        case SWS_CS_FCC: AVCOL_SPC_FCC
        case SWS_CS_SMPTE240M: AVCOL_SPC_SMPTE240M
        case SWS_CS_BT2020: AVCOL_SPC_BT2020_NCL
        default: AVCOL_SPC_SMPTE170M
        }
    }
}

/// Turns decoded pictures of any layout into new YUV 4:2:0 pictures (limited range, the source's
/// matrix kept) of an even size, the padding black: what libx264 takes and `MaskPainter` paints.
final class PlanarConverter {
    private let width: Int
    private let height: Int
    private let matrix: Int32
    private var context: OpaquePointer?
    private var key: [Int32]?

    init(width: Int, height: Int, matrix: Int32) {
        self.width = width
        self.height = height
        self.matrix = matrix
    }

    deinit { sws_freeContext(context) }

    func convert(_ frame: UnsafePointer<AVFrame>) -> Frame? {
        let picture = frame.pointee
        guard picture.width > 0, picture.height > 0, Int(picture.width) <= width, Int(picture.height) <= height,
              let descriptor = av_pix_fmt_desc_get(AVPixelFormat(rawValue: picture.format)) else { return nil }
        let full = picture.color_range == AVCOL_RANGE_JPEG || String(cString: descriptor.pointee.name).hasPrefix("yuvj")
        let wanted = [picture.width, picture.height, picture.format, full ? 1 : 0]
        if key != wanted {
            sws_freeContext(context)
            context = sws_getContext(picture.width, picture.height, AVPixelFormat(rawValue: picture.format), picture.width, picture.height,
                                     AV_PIX_FMT_YUV420P, PictureConverter.flags, nil, nil, nil)
            if let context {
                _ = sws_setColorspaceDetails(context, sws_getCoefficients(matrix), full ? 1 : 0, sws_getCoefficients(matrix), 0, 0, 1 << 16, 1 << 16)
            }
            key = wanted
        }
        guard let context else { return nil }
        let output = Frame()
        output.pointer.pointee.width = Int32(width)
        output.pointer.pointee.height = Int32(height)
        output.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        guard av_frame_get_buffer(output.pointer, 0) >= 0 else { return nil }
        let target = output.pointer.pointee
        for (plane, rows, value) in [(target.data.0, height, UInt8(16)), (target.data.1, height / 2, UInt8(128)), (target.data.2, height / 2, UInt8(128))] {
            let stride = plane == target.data.0 ? target.linesize.0 : plane == target.data.1 ? target.linesize.1 : target.linesize.2
            plane?.update(repeating: value, count: Int(stride) * rows)
        }
        var sourceData = picture.data
        var sourceLines = picture.linesize
        var destination: [UnsafeMutablePointer<UInt8>?] = [target.data.0, target.data.1, target.data.2, nil]
        var destinationLines: [Int32] = [target.linesize.0, target.linesize.1, target.linesize.2, 0]
        let lines = withUnsafePointer(to: &sourceData) { data in
            withUnsafePointer(to: &sourceLines) { strides in
                data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { planes in
                    strides.withMemoryRebound(to: Int32.self, capacity: 8) { lines in
                        sws_scale(context, planes, lines, 0, picture.height, &destination, &destinationLines)
                    }
                }
            }
        }
        return lines == picture.height ? output : nil
    }
}
