package import CFFmpeg
import DFCCore

/// Owns one `AVPacket`, reused for every read; freed with `av_packet_free`.
package final class Packet {
    package let pointer: UnsafeMutablePointer<AVPacket>

    package init() {
        guard let packet = av_packet_alloc() else { fatalError("av_packet_alloc: out of memory") }
        pointer = packet
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }

    /// Drops the reference to the payload so the packet can be read into again.
    package func unref() { av_packet_unref(pointer) }

    /// The compressed payload, valid until the next `unref`.
    package var payload: UnsafeRawBufferPointer {
        guard let data = pointer.pointee.data, pointer.pointee.size > 0 else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: data, count: Int(pointer.pointee.size))
    }
}
