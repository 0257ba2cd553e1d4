package import CFFmpeg
import DFCCore

/// Owns a libswscale context that turns a decoded picture into full-range RGB24 at its
/// own size, for a PNG a person looks at: the YUV→RGB matrix is the one the stream
/// declares (BT.601, BT.709, BT.2020, SMPTE 240M, FCC), and its range (limited or full)
/// is honoured. A stream that declares no matrix is taken as BT.709 from 720 lines up and
/// BT.601 below, as players do, and the description says it was assumed. Chroma is
/// interpolated at full resolution, with swscale's bit-exact, accurately rounded code,
/// so the same FFmpeg gives the same pixels on every machine.
package final class PictureConverter {
    /// The conversion of one picture: tightly packed RGB24 rows and how they were made.
    package struct Converted {
        package var pixels: [UInt8]
        package var width: Int
        package var height: Int
        /// Source format, matrix and range, and the swscale flags: enough to repeat it with ffmpeg's scale filter.
        package var description: String

        package init(pixels: [UInt8], width: Int, height: Int, description: String) {
            self.pixels = pixels
            self.width = width
            self.height = height
            self.description = description
        }
    }

    package static let flags = SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_BITEXACT
    package static let flagNames = "bicubic+accurate_rnd+full_chroma_int+bitexact"

    private var context: OpaquePointer?
    /// Input size, format, matrix and range, and output size of the context made last.
    private var key: [Int32]?

    deinit { sws_freeContext(context) }

    /// Converts `frame`, scaled down to at most `maxWidth` (keeping its shape) when given;
    /// nil when swscale cannot (a hardware or unknown format).
    package func convert(_ frame: UnsafePointer<AVFrame>, maxWidth: Int? = nil) -> Converted? {
        let picture = frame.pointee
        let width = picture.width, height = picture.height
        var outWidth = width, outHeight = height
        if let maxWidth, maxWidth > 0, Int(width) > maxWidth {
            outWidth = Int32(maxWidth)
            outHeight = max(1, Int32((Double(height) * Double(maxWidth) / Double(width)).rounded()))
        }
        guard width > 0, height > 0, let descriptor = av_pix_fmt_desc_get(AVPixelFormat(rawValue: picture.format)) else { return nil }
        let formatName = String(cString: descriptor.pointee.name)
        let isRGB = descriptor.pointee.flags & UInt64(AV_PIX_FMT_FLAG_RGB) != 0 || descriptor.pointee.nb_components < 3
        let (space, spaceName, assumed) = Self.matrix(picture.colorspace, height: height)
        let fullRange = picture.color_range == AVCOL_RANGE_JPEG || formatName.hasPrefix("yuvj")
        let wanted = [width, height, picture.format, space, Int32(fullRange ? 1 : 0), outWidth, outHeight]
        if key != wanted {
            sws_freeContext(context)
            context = sws_getContext(width, height, AVPixelFormat(rawValue: picture.format), outWidth, outHeight, AV_PIX_FMT_RGB24,
                                     Self.flags, nil, nil, nil)
            if let context, !isRGB {
                _ = sws_setColorspaceDetails(context, sws_getCoefficients(space), fullRange ? 1 : 0,
                                             sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16)
            }
            key = wanted
        }
        guard let context else { return nil }
        var pixels = [UInt8](repeating: 0, count: Int(outWidth) * Int(outHeight) * 3)
        var sourceData = picture.data
        var sourceLines = picture.linesize
        let lines = pixels.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var destination: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
            var destinationLines: [Int32] = [outWidth * 3, 0, 0, 0]
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
        guard lines == outHeight else { return nil }
        let source = isRGB ? "\(formatName) (no YUV matrix)"
            : "\(formatName), \(spaceName) matrix\(assumed ? " (assumed: the stream declares none)" : ""), \(fullRange ? "full (pc)" : "limited (tv)") range"
        let scaled = outWidth == width ? "" : ", scaled to \(outWidth)x\(outHeight)"
        return Converted(pixels: pixels, width: Int(outWidth), height: Int(outHeight),
                         description: "\(source) -> rgb24 full range\(scaled); swscale \(Self.flagNames)")
    }

    /// The swscale matrix for a stream's colour space, its name as ffmpeg's scale filter
    /// takes it (`in_color_matrix`), and whether it was assumed.
    package static func matrix(_ space: AVColorSpace, height: Int32) -> (Int32, String, Bool) {
        switch space {
        case AVCOL_SPC_BT709: return (SWS_CS_ITU709, "bt709", false)
        case AVCOL_SPC_FCC: return (SWS_CS_FCC, "fcc", false)
        case AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M: return (SWS_CS_ITU601, "bt601", false)
        case AVCOL_SPC_SMPTE240M: return (SWS_CS_SMPTE240M, "smpte240m", false)
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL: return (SWS_CS_BT2020, "bt2020", false)
        default: return height >= 720 ? (SWS_CS_ITU709, "bt709", true) : (SWS_CS_ITU601, "bt601", true)
        }
    }
}
