import DFCCore

/// Turning a packed RGB24 picture by a quarter turn, as a player obeying the stream's
/// display matrix would show it (ffmpeg's autorotate: `transpose=clock`, `hflip,vflip`,
/// `transpose=cclock`).
package enum PictureRotation {
    /// The clockwise turn, 0, 90, 180 or 270, that shows a stream upright, from the
    /// counter-clockwise angle its display matrix gives (`av_display_rotation_get`). Angles
    /// that are not a quarter turn are rounded to the nearest one.
    package static func clockwise(fromCounterClockwise degrees: Double?) -> Int {
        guard let degrees, degrees.isFinite else { return 0 }
        let turns = Int((-degrees / 90).rounded()) % 4
        return (turns + 4) % 4 * 90
    }

    /// `pixels` (width × height × 3 bytes) turned `degrees` clockwise, with its new size.
    package static func rotate(_ pixels: [UInt8], width: Int, height: Int, clockwise degrees: Int) -> (pixels: [UInt8], width: Int, height: Int) {
        guard degrees == 90 || degrees == 180 || degrees == 270 else { return (pixels, width, height) }
        var out = [UInt8](repeating: 0, count: pixels.count)
        let (newWidth, newHeight) = degrees == 180 ? (width, height) : (height, width)
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                for y in 0..<height {
                    for x in 0..<width {
                        let (nx, ny): (Int, Int)
                        switch degrees {
                        case 90: (nx, ny) = (height - 1 - y, x)
                        case 180: (nx, ny) = (width - 1 - x, height - 1 - y)
                        default: (nx, ny) = (y, width - 1 - x)
                        }
                        let from = (y * width + x) * 3, to = (ny * newWidth + nx) * 3
                        destination[to] = source[from]
                        destination[to + 1] = source[from + 1]
                        destination[to + 2] = source[from + 2]
                    }
                }
            }
        }
        return (out, newWidth, newHeight)
    }
}
