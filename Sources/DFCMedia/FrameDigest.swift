package import CFFmpeg
package import Crypto
import DFCCore

/// The SHA-256 of a decoded picture exactly as FFmpeg's `framehash` muxer computes it:
/// the frame in its decoded pixel format, planes one after the other, rows packed with
/// alignment 1 and no line padding (the bytes `av_image_copy_to_buffer(..., align: 1)`
/// writes, which is what the `rawvideo` encoder hands the muxer).
package enum FrameDigest {
    /// The digest and the number of bytes hashed (the packed picture's size).
    package struct Result {
        package let sha256: SHA256Digest
        package let size: Int

        package init(sha256: SHA256Digest, size: Int) {
            self.sha256 = sha256
            self.size = size
        }
    }

    /// Hashes the planes straight from the frame's buffers, row by row, without copying them.
    /// Paletted formats (whose palette `av_image_copy_to_buffer` appends, aligned) go through
    /// FFmpeg's own packing into `scratch`.
    package static func sha256(of frame: UnsafePointer<AVFrame>, scratch: inout [UInt8]) -> Result? {
        let format = AVPixelFormat(rawValue: frame.pointee.format)
        let width = frame.pointee.width
        let height = frame.pointee.height
        guard let descriptor = av_pix_fmt_desc_get(format), width > 0, height > 0 else { return nil }
        let size = av_image_get_buffer_size(format, width, height, 1)
        guard size > 0 else { return nil }
        if descriptor.pointee.flags & (dfc_pix_fmt_flag_pal() | dfc_pix_fmt_flag_hwaccel()) != 0 {
            return packedDigest(of: frame, format: format, size: Int(size), scratch: &scratch)
        }
        var hasher = SHA256()
        let planes = Int(av_pix_fmt_count_planes(format))
        withPlanePointers(of: frame) { data, linesizes in
            for plane in 0..<planes {
                let rowBytes = Int(av_image_get_linesize(format, width, Int32(plane)))
                let shift = (plane == 1 || plane == 2) ? Int32(descriptor.pointee.log2_chroma_h) : 0
                let rows = Int((height + (1 << shift) - 1) >> shift)
                guard var row = UnsafePointer(data[plane]), rowBytes > 0 else { continue }
                let stride = Int(linesizes[plane])
                for _ in 0..<rows {
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(start: row, count: rowBytes))
                    row = row.advanced(by: stride)
                }
            }
        }
        return Result(sha256: hasher.finalize(), size: Int(size))
    }

    private static func packedDigest(
        of frame: UnsafePointer<AVFrame>, format: AVPixelFormat, size: Int, scratch: inout [UInt8]
    ) -> Result? {
        if scratch.count < size { scratch = [UInt8](repeating: 0, count: size) }
        let written = withPlanePointers(of: frame) { data, linesizes in
            scratch.withUnsafeMutableBufferPointer { buffer in
                data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 4) { planes in
                    av_image_copy_to_buffer(
                        buffer.baseAddress, Int32(size), planes, linesizes, format,
                        frame.pointee.width, frame.pointee.height, 1)
                }
            }
        }
        guard written == size else { return nil }
        let digest = scratch.withUnsafeBytes { SHA256.hash(data: UnsafeRawBufferPointer(rebasing: $0[..<size])) }
        return Result(sha256: digest, size: size)
    }

    /// The frame's `data` and `linesize` arrays as C arrays.
    private static func withPlanePointers<R>(
        of frame: UnsafePointer<AVFrame>,
        _ body: (UnsafePointer<UnsafeMutablePointer<UInt8>?>, UnsafePointer<Int32>) -> R
    ) -> R {
        var data = frame.pointee.data
        var linesize = frame.pointee.linesize
        return withUnsafePointer(to: &data) { dataTuple in
            withUnsafePointer(to: &linesize) { linesizeTuple in
                dataTuple.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { planes in
                    linesizeTuple.withMemoryRebound(to: Int32.self, capacity: 8) { body(planes, $0) }
                }
            }
        }
    }
}
