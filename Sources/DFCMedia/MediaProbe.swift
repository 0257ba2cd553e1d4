package import CFFmpeg
import DFCCore

/// Reads container and stream parameters off an opened input into value types.
package enum MediaProbe {
    package static func container(_ input: FormatInput) -> ContainerInfo {
        let context = input.context.pointee
        let format = context.iformat.pointee
        return ContainerInfo(
            format: formatName(input),
            formatLongName: format.long_name.map { String(cString: $0) } ?? "",
            durationSeconds: seconds(context.duration, timeBase: AVRational(num: 1, den: dfc_time_base())),
            startSeconds: startSeconds(input),
            bitRate: context.bit_rate > 0 ? context.bit_rate : nil,
            tags: tags(context.metadata))
    }

    package static func stream(_ stream: UnsafeMutablePointer<AVStream>, index: Int) -> StreamInfo {
        let st = stream.pointee
        let parameters = st.codecpar.pointee
        let isVideo = parameters.codec_type == AVMEDIA_TYPE_VIDEO
        let isAudio = parameters.codec_type == AVMEDIA_TYPE_AUDIO
        let pixelFormat = isVideo && parameters.format >= 0
            ? av_get_pix_fmt_name(AVPixelFormat(rawValue: parameters.format)).map { String(cString: $0) } : nil
        return StreamInfo(
            index: index,
            type: av_get_media_type_string(parameters.codec_type).map { String(cString: $0) } ?? "unknown",
            codec: String(cString: avcodec_get_name(parameters.codec_id)),
            profile: avcodec_profile_name(parameters.codec_id, parameters.profile).map { String(cString: $0) },
            width: isVideo && parameters.width > 0 ? Int(parameters.width) : nil,
            height: isVideo && parameters.height > 0 ? Int(parameters.height) : nil,
            pixelFormat: pixelFormat,
            sampleAspectRatio: isVideo ? knownFraction(parameters.sample_aspect_ratio) : nil,
            frameRate: isVideo ? knownFraction(st.r_frame_rate) : nil,
            averageFrameRate: isVideo ? knownFraction(st.avg_frame_rate) : nil,
            timeBase: fraction(st.time_base),
            rotation: isVideo ? rotation(of: stream) : nil,
            sampleRate: isAudio && parameters.sample_rate > 0 ? Int(parameters.sample_rate) : nil,
            channels: isAudio && parameters.ch_layout.nb_channels > 0 ? Int(parameters.ch_layout.nb_channels) : nil,
            bitRate: parameters.bit_rate > 0 ? parameters.bit_rate : nil,
            durationSeconds: seconds(st.duration, timeBase: st.time_base),
            declaredFrameCount: st.nb_frames > 0 ? Int(st.nb_frames) : nil,
            packetCount: 0,
            frameCount: 0,
            tags: tags(st.metadata))
    }

    /// When the container's first stream starts, in seconds; nil when FFmpeg does not know.
    package static func startSeconds(_ input: FormatInput) -> Double? {
        seconds(input.context.pointee.start_time, timeBase: AVRational(num: 1, den: dfc_time_base()))
    }

    /// The demuxer's short name (`mov,mp4,m4a,3gp,3g2,mj2`, `dhav`, `mpegts`).
    package static func formatName(_ input: FormatInput) -> String {
        String(cString: input.context.pointee.iformat.pointee.name)
    }

    /// Whether the stream is GoPro's GPMF telemetry: a `gpmd` sample entry in MP4/MOV.
    package static func isGPMF(_ stream: UnsafeMutablePointer<AVStream>) -> Bool {
        stream.pointee.codecpar.pointee.codec_tag == UInt32(ascii: "g", "p", "m", "d")
    }

    /// The time base FFmpeg's command-line tool gives a `framehash` of this stream
    /// (the inverse of its guessed frame rate, else the stream's own time base).
    package static func framehashTimeBase(_ input: FormatInput, stream: UnsafeMutablePointer<AVStream>) -> AVRational {
        let rate = av_guess_frame_rate(input.context, stream, nil)
        guard rate.num > 0, rate.den > 0 else { return stream.pointee.time_base }
        return AVRational(num: rate.den, den: rate.num)
    }

    /// Every key and value of an `AVDictionary`.
    package static func tags(_ dictionary: OpaquePointer?) -> [String: String] {
        var result: [String: String] = [:]
        var entry: UnsafeMutablePointer<AVDictionaryEntry>?
        while let next = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
            result[String(cString: next.pointee.key)] = String(cString: next.pointee.value)
            entry = next
        }
        return result
    }

    package static func seconds(_ value: Int64, timeBase: AVRational) -> Double? {
        guard value != dfc_nopts_value(), timeBase.den != 0 else { return nil }
        return Double(value) * Double(timeBase.num) / Double(timeBase.den)
    }

    /// `num/den`, or nil for FFmpeg's "unknown" 0/0.
    package static func knownFraction(_ rational: AVRational) -> String? {
        rational.den == 0 && rational.num == 0 ? nil : fraction(rational)
    }

    /// `num/den`.
    package static func fraction(_ rational: AVRational) -> String {
        "\(rational.num)/\(rational.den)"
    }

    package static func rotation(of stream: UnsafeMutablePointer<AVStream>) -> Double? {
        var size: Int = 0
        if let matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size), size >= 36 {
            let degrees = matrix.withMemoryRebound(to: Int32.self, capacity: 9) { av_display_rotation_get($0) }
            if degrees.isFinite { return degrees == 0 ? 0 : degrees }
        }
        return nil
    }
}

private extension UInt32 {
    /// A FourCC as FFmpeg's `MKTAG` packs it (first character in the low byte).
    init(ascii a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, _ d: Unicode.Scalar) {
        self = UInt32(a.value) | UInt32(b.value) << 8 | UInt32(c.value) << 16 | UInt32(d.value) << 24
    }
}
