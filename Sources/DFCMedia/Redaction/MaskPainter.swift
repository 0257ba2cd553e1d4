package import CFFmpeg
import DFCCore

/// Paints a plan's regions over a YUV 4:2:0 picture (limited range) before it is encoded: solid
/// black by default, or pixelated or blurred when the plan asks. Each region is first grown and
/// aligned (`RedactionPlan.paintedArea`), so no pixel of it survives the encoder's filters.
package struct MaskPainter {
    package let style: RedactionPlan.Style
    package let width: Int
    package let height: Int

    package init(style: RedactionPlan.Style, width: Int, height: Int) {
        self.style = style
        self.width = width
        self.height = height
    }

    /// Paints every region `tracks` have on picture `index` into `frame` (writable, yuv420p).
    package func paint(_ tracks: [RedactionPlan.Track], index: Int, into frame: UnsafeMutablePointer<AVFrame>) {
        for track in tracks {
            guard let region = track.region(at: index) else { continue }
            let area = RedactionPlan.paintedArea(region, shape: track.shape, width: width, height: height)
            guard area.width > 0, area.height > 0 else { continue }
            let planes = [(frame.pointee.data.0, Int(frame.pointee.linesize.0), 1, UInt8(16)),
                          (frame.pointee.data.1, Int(frame.pointee.linesize.1), 2, UInt8(128)),
                          (frame.pointee.data.2, Int(frame.pointee.linesize.2), 2, UInt8(128))]
            for (data, lineSize, scale, black) in planes {
                guard let data else { continue }
                let left = area.x / scale, top = area.y / scale
                let right = (area.x + area.width + scale - 1) / scale, bottom = (area.y + area.height + scale - 1) / scale
                let inside: (Int, Int) -> Bool
                if track.shape == .ellipse {
                    // The ellipse inscribed in the area, tested at each sample's centre.
                    let cx = Double(area.x) + Double(area.width) / 2, cy = Double(area.y) + Double(area.height) / 2
                    let rx = Double(area.width) / 2, ry = Double(area.height) / 2
                    inside = { column, row in
                        let dx = (Double(column * scale) + Double(scale) / 2 - cx) / rx, dy = (Double(row * scale) + Double(scale) / 2 - cy) / ry
                        return dx * dx + dy * dy <= 1
                    }
                } else {
                    inside = { _, _ in true }
                }
                switch style {
                case .solid:
                    for row in top..<bottom {
                        let line = data + row * lineSize
                        for column in left..<right where inside(column, row) { line[column] = black }
                    }
                case .pixelate:
                    let block = 16 / scale
                    for blockTop in stride(from: top, to: bottom, by: block) {
                        for blockLeft in stride(from: left, to: right, by: block) {
                            let rows = blockTop..<min(bottom, blockTop + block), columns = blockLeft..<min(right, blockLeft + block)
                            var sum = 0
                            for row in rows { for column in columns { sum += Int(data[row * lineSize + column]) } }
                            let mean = UInt8(sum / max(1, rows.count * columns.count))
                            for row in rows { for column in columns where inside(column, row) { data[row * lineSize + column] = mean } }
                        }
                    }
                case .blur:
                    blur(data, stride: lineSize, left: left, top: top, right: right, bottom: bottom, radius: max(4, (bottom - top) / 6), inside: inside)
                }
            }
        }
    }

    /// Three passes of a box blur over the area, rows then columns, each sample read from the area only.
    private func blur(_ data: UnsafeMutablePointer<UInt8>, stride: Int, left: Int, top: Int, right: Int, bottom: Int, radius: Int,
                      inside: (Int, Int) -> Bool) {
        let width = right - left, height = bottom - top
        var values = [Int](repeating: 0, count: width * height)
        for row in 0..<height { for column in 0..<width { values[row * width + column] = Int(data[(top + row) * stride + left + column]) } }
        func pass(_ count: Int, _ length: Int, _ at: (Int, Int) -> Int) {
            var line = [Int](repeating: 0, count: length)
            for outer in 0..<count {
                for inner in 0..<length { line[inner] = values[at(outer, inner)] }
                for inner in 0..<length {
                    let low = max(0, inner - radius), high = min(length - 1, inner + radius)
                    var sum = 0
                    for k in low...high { sum += line[k] }
                    values[at(outer, inner)] = sum / (high - low + 1)
                }
            }
        }
        for _ in 0..<3 {
            pass(height, width) { $0 * width + $1 }
            pass(width, height) { $1 * width + $0 }
        }
        for row in 0..<height {
            for column in 0..<width where inside(left + column, top + row) {
                data[(top + row) * stride + left + column] = UInt8(values[row * width + column])
            }
        }
    }
}
