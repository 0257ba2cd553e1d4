internal import CFFmpeg
import Foundation
import DFCCore

/// Encodes RGB24 pictures as PNG with libavcodec's encoder, bit-exact (no encoder
/// name written), one thread: the same pixels give the same file, byte for byte.
/// The PNG carries no colour or aspect chunk. One thread at a time.
package final class PNGEncoder {
    package struct EncodeError: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var size: (width: Int, height: Int)?
    private let frame: UnsafeMutablePointer<AVFrame>
    private let packet: UnsafeMutablePointer<AVPacket>

    package init() {
        guard let frame = av_frame_alloc(), let packet = av_packet_alloc() else { fatalError("av_frame_alloc: out of memory") }
        self.frame = frame
        self.packet = packet
    }

    deinit {
        avcodec_free_context(&context)
        var frame: UnsafeMutablePointer<AVFrame>? = frame
        av_frame_free(&frame)
        var packet: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&packet)
    }

    /// The PNG file of a tightly packed RGB24 picture.
    package func encode(rgb pixels: [UInt8], width: Int, height: Int) throws(EncodeError) -> [UInt8] {
        guard pixels.count == width * height * 3, width > 0, height > 0 else { throw EncodeError(description: "not an RGB24 picture") }
        if size == nil || size! != (width, height) { try open(width: width, height: height) }
        av_frame_unref(frame)
        frame.pointee.format = AV_PIX_FMT_RGB24.rawValue
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.pts = 0
        var status = av_frame_get_buffer(frame, 0)
        guard status >= 0, let base = frame.pointee.data.0 else { throw EncodeError(description: "no frame buffer: \(FFmpegError(code: status))") }
        let stride = Int(frame.pointee.linesize.0)
        pixels.withUnsafeBytes { source in
            for row in 0..<height {
                (base + row * stride).update(from: source.baseAddress!.assumingMemoryBound(to: UInt8.self) + row * width * 3, count: width * 3)
            }
        }
        status = avcodec_send_frame(context, frame)
        guard status >= 0 else { throw EncodeError(description: "the PNG encoder refused the picture: \(FFmpegError(code: status))") }
        status = avcodec_receive_packet(context, packet)
        guard status >= 0, let data = packet.pointee.data else { throw EncodeError(description: "the PNG encoder gave nothing: \(FFmpegError(code: status))") }
        defer { av_packet_unref(packet) }
        return Array(UnsafeBufferPointer(start: data, count: Int(packet.pointee.size)))
    }

    private func open(width: Int, height: Int) throws(EncodeError) {
        avcodec_free_context(&context)
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_PNG), let context = avcodec_alloc_context3(codec) else {
            throw EncodeError(description: "this FFmpeg has no PNG encoder")
        }
        self.context = context
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.pix_fmt = AV_PIX_FMT_RGB24
        context.pointee.time_base = AVRational(num: 1, den: 25)
        context.pointee.thread_count = 1
        context.pointee.flags |= AV_CODEC_FLAG_BITEXACT
        let status = avcodec_open2(context, codec, nil)
        guard status >= 0 else { throw EncodeError(description: "the PNG encoder would not open: \(FFmpegError(code: status))") }
        size = (width, height)
    }
}
