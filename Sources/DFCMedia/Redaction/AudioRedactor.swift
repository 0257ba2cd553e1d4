internal import CFFmpeg
import Foundation
import DFCCore

/// The sound of a redacted release: one audio stream decoded, resampled to planar float (mono
/// stays mono, anything more becomes stereo), its planned ranges muted or replaced by a 1 kHz
/// tone, and encoded as AAC in frames of the encoder's size. Sample times count from the start of
/// the file's timeline, as the plan's ranges do.
final class AudioRedactor {
    let index: Int
    private let stream: UnsafeMutablePointer<AVStream>
    private let muxer: UnsafeMutablePointer<AVFormatContext>
    private let output: UnsafeMutablePointer<AVStream>
    private var decoder: UnsafeMutablePointer<AVCodecContext>?
    private var encoder: UnsafeMutablePointer<AVCodecContext>?
    private var resampler: OpaquePointer?
    private var fifo: OpaquePointer?
    private let ranges: [RedactionPlan.AudioRange]
    private let start: Double
    private let rate: Int32
    private let channels: Int32
    private let frameSize: Int32
    /// The output sample the next encoded frame starts at, on the stream's clock; nil before the first decoded frame.
    private var nextSample: Int64?
    private let decoded = Frame()
    private let encoded = Packet()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(stream: UnsafeMutablePointer<AVStream>, index: Int, muxer: UnsafeMutablePointer<AVFormatContext>, settings: RedactionRenderSettings,
         ranges: [RedactionPlan.AudioRange], start: Double) throws(RedactionRenderer.Failure) {
        self.index = index
        self.stream = stream
        self.muxer = muxer
        self.ranges = ranges
        self.start = start
        let parameters = stream.pointee.codecpar!
        let refuse = { (why: String) in RedactionRenderer.Failure("audio stream \(index) \(why); a plan whose \"audio\" is \"drop\" releases the pictures without it") }
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id), let context = avcodec_alloc_context3(codec) else {
            throw refuse("has no decoder")
        }
        decoder = context
        guard avcodec_parameters_to_context(context, parameters) >= 0, avcodec_open2(context, codec, nil) >= 0,
              context.pointee.sample_rate > 0, context.pointee.ch_layout.nb_channels > 0 else { throw refuse("cannot be decoded") }
        guard let aac = avcodec_find_encoder_by_name(settings.audioEncoder), let encoding = avcodec_alloc_context3(aac) else {
            throw refuse("cannot be encoded: FFmpeg has no \(settings.audioEncoder) encoder")
        }
        encoder = encoding
        let supported: Set<Int32> = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000]
        rate = supported.contains(context.pointee.sample_rate) ? context.pointee.sample_rate : 48000
        channels = context.pointee.ch_layout.nb_channels == 1 ? 1 : 2
        av_channel_layout_default(&encoding.pointee.ch_layout, channels)
        encoding.pointee.sample_rate = rate
        encoding.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        encoding.pointee.bit_rate = Int64(settings.audioBitRate)
        encoding.pointee.time_base = AVRational(num: 1, den: rate)
        encoding.pointee.thread_count = 1
        encoding.pointee.flags |= AV_CODEC_FLAG_BITEXACT | AV_CODEC_FLAG_GLOBAL_HEADER
        guard avcodec_open2(encoding, aac, nil) >= 0 else { throw refuse("cannot be encoded as \(settings.audioEncoder)") }
        frameSize = encoding.pointee.frame_size > 0 ? encoding.pointee.frame_size : 1024
        guard let out = avformat_new_stream(muxer, nil) else { throw RedactionRenderer.Failure("out of memory") }
        output = out
        avcodec_parameters_from_context(out.pointee.codecpar, encoding)
        out.pointee.time_base = encoding.pointee.time_base
        var swr: OpaquePointer?
        guard swr_alloc_set_opts2(&swr, &encoding.pointee.ch_layout, AV_SAMPLE_FMT_FLTP, rate, &context.pointee.ch_layout,
                                  context.pointee.sample_fmt, context.pointee.sample_rate, 0, nil) >= 0, let swr, swr_init(swr) >= 0 else {
            throw refuse("cannot be resampled")
        }
        resampler = swr
        guard let queue = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, channels, frameSize * 4) else { throw RedactionRenderer.Failure("out of memory") }
        fifo = queue
    }

    deinit {
        avcodec_free_context(&decoder)
        avcodec_free_context(&encoder)
        swr_free(&resampler)
        if let fifo { av_audio_fifo_free(fifo) }
    }

    /// Decodes one packet of the stream; a packet the decoder refuses is skipped (its time stays silent).
    func decode(_ packet: Packet) throws(Failure) {
        guard let decoder, avcodec_send_packet(decoder, packet.pointer) >= 0 else { return }
        try drainDecoder()
    }

    /// Flushes the decoder, the resampler and the encoder.
    func finish() throws(Failure) {
        if let decoder, avcodec_send_packet(decoder, nil) >= 0 { try drainDecoder() }
        try resample(nil)
        try encodeQueued(all: true)
        try send(nil)
    }

    private func drainDecoder() throws(Failure) {
        guard let decoder else { return }
        while avcodec_receive_frame(decoder, decoded.pointer) >= 0 {
            defer { decoded.unref() }
            if nextSample == nil {
                let pts = decoded.pointer.pointee.best_effort_timestamp
                let seconds = pts == dfc_nopts_value() ? start : Double(pts) * Double(stream.pointee.time_base.num) / Double(stream.pointee.time_base.den)
                nextSample = Int64((max(0, seconds) * Double(rate)).rounded())
            }
            try resample(decoded.pointer)
        }
    }

    private func resample(_ frame: UnsafeMutablePointer<AVFrame>?) throws(Failure) {
        guard let resampler, let fifo else { return }
        let room = swr_get_out_samples(resampler, frame?.pointee.nb_samples ?? 0)
        guard room > 0 else { return }
        let converted = Frame()
        converted.pointer.pointee.nb_samples = room
        converted.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        converted.pointer.pointee.sample_rate = rate
        av_channel_layout_default(&converted.pointer.pointee.ch_layout, channels)
        guard av_frame_get_buffer(converted.pointer, 0) >= 0 else { throw Failure(description: "out of memory") }
        let count = frame.map { input in
            input.pointee.extended_data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: Int(channels)) { source in
                swr_convert(resampler, converted.pointer.pointee.extended_data, room, source, input.pointee.nb_samples)
            }
        } ?? swr_convert(resampler, converted.pointer.pointee.extended_data, room, nil, 0)
        guard count >= 0 else { return }   // a frame the resampler refuses stays silent, as a damaged one
        if count > 0 {
            _ = converted.pointer.pointee.extended_data.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: Int(channels)) {
                av_audio_fifo_write(fifo, $0, count)
            }
        }
        try encodeQueued(all: false)
    }

    private func encodeQueued(all: Bool) throws(Failure) {
        guard let fifo, var sample = nextSample else { return }
        while av_audio_fifo_size(fifo) >= frameSize || (all && av_audio_fifo_size(fifo) > 0) {
            let frame = Frame()
            frame.pointer.pointee.nb_samples = min(frameSize, av_audio_fifo_size(fifo))
            frame.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
            frame.pointer.pointee.sample_rate = rate
            av_channel_layout_default(&frame.pointer.pointee.ch_layout, channels)
            guard av_frame_get_buffer(frame.pointer, 0) >= 0 else { throw Failure(description: "out of memory") }
            let count = frame.pointer.pointee.extended_data.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: Int(channels)) {
                av_audio_fifo_read(fifo, $0, frame.pointer.pointee.nb_samples)
            }
            guard count > 0 else { break }
            silence(frame.pointer, firstSample: sample, count: Int(count))
            frame.pointer.pointee.pts = sample
            sample += Int64(count)
            try send(frame.pointer)
        }
        nextSample = sample
    }

    /// Mutes or bleeps the samples of `frame` that fall inside a planned range.
    private func silence(_ frame: UnsafeMutablePointer<AVFrame>, firstSample: Int64, count: Int) {
        for range in ranges {
            let low = Int64(((range.start + start) * Double(rate)).rounded(.down)) - firstSample
            let high = Int64(((range.end + start) * Double(rate)).rounded(.up)) - firstSample
            let from = Int(max(0, low)), to = Int(min(Int64(count), high))
            guard from < to else { continue }
            for channel in 0..<Int(channels) {
                guard let plane = frame.pointee.extended_data[channel] else { continue }
                let samples = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
                for offset in from..<to {
                    samples[offset] = range.action == .mute ? 0
                        : Float(0.1 * sin(2 * Double.pi * 1000 * Double(firstSample + Int64(offset)) / Double(rate)))
                }
            }
        }
    }

    private func send(_ frame: UnsafeMutablePointer<AVFrame>?) throws(Failure) {
        guard let encoder else { return }
        let sent = avcodec_send_frame(encoder, frame)
        guard sent >= 0 || frame == nil else { throw Failure(description: "the audio encoder refused a frame: \(FFmpegError(code: sent))") }
        while avcodec_receive_packet(encoder, encoded.pointer) >= 0 {
            av_packet_rescale_ts(encoded.pointer, encoder.pointee.time_base, output.pointee.time_base)
            encoded.pointer.pointee.stream_index = output.pointee.index
            let written = av_interleaved_write_frame(muxer, encoded.pointer)
            guard written >= 0 else { throw Failure(description: "an audio packet cannot be written: \(FFmpegError(code: written))") }
        }
    }
}
