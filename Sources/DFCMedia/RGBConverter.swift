package import CFFmpeg
import DFCCore

/// Owns a libswscale context that converts decoded pictures to packed RGB24 at their own
/// size, with area averaging and swscale's default colour handling: the conversion vPDQ
/// makes before it hashes a frame, so that DFC's PDQ hashes equal the reference's. The
/// context is made again when a picture's size or pixel format changes. One thread at a time.
package final class RGBConverter {
    private var context: OpaquePointer?
    private var geometry: (width: Int32, height: Int32, format: Int32)?
    /// The converted picture, rows of `stride` bytes.
    package private(set) var pixels: [UInt8] = []
    package private(set) var stride = 0

    deinit { sws_freeContext(context) }

    /// Converts `frame`; false when swscale cannot (a hardware or unknown format).
    package func convert(_ frame: UnsafePointer<AVFrame>) -> Bool {
        let width = frame.pointee.width, height = frame.pointee.height, format = frame.pointee.format
        guard width > 0, height > 0 else { return false }
        if geometry == nil || geometry! != (width, height, format) {
            sws_freeContext(context)
            context = sws_getContext(width, height, AVPixelFormat(rawValue: format), width, height, AV_PIX_FMT_RGB24,
                                     Int32(SWS_AREA), nil, nil, nil)
            geometry = (width, height, format)
        }
        guard let context else { return false }
        stride = (Int(width) * 3 + 63) & ~63
        let size = stride * Int(height)
        if pixels.count < size { pixels = [UInt8](repeating: 0, count: size) }
        var sourceData = frame.pointee.data
        var sourceLines = frame.pointee.linesize
        let lines = pixels.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var destination: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
            var destinationLines: [Int32] = [Int32(stride), 0, 0, 0]
            return withUnsafePointer(to: &sourceData) { data in
                withUnsafePointer(to: &sourceLines) { lines in
                    data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { planes in
                        lines.withMemoryRebound(to: Int32.self, capacity: 8) { strides in
                            sws_scale(context, planes, strides, 0, height, &destination, &destinationLines)
                        }
                    }
                }
            }
        }
        return lines == height
    }
}
