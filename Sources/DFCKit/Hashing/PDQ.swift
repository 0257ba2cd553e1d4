import Foundation

/// Meta's PDQ perceptual image hash, computed from an RGB picture exactly as the published
/// reference does (ThreatExchange `pdq/cpp`), so that the same pixels give the same 256 bits
/// and quality: luminance, a two-round Jarosz tent filter, decimation to 64×64, the 16×16
/// corner of a DCT, and a threshold at the median. All arithmetic is 32-bit float in the
/// reference's order (Swift does not fuse multiply-adds).
enum PDQ {
    /// The hash's side: the DCT keeps 16 × 16 coefficients.
    static let side = 16
    private static let size = 64

    /// The DCT rows 1…16 of a 64-point DCT-II, scaled as the reference scales them.
    private static let dct: [Float] = {
        let scale = Float((2.0 / 64.0).squareRoot())
        var matrix = [Float](repeating: 0, count: side * size)
        for i in 0..<side {
            for j in 0..<size {
                matrix[i * size + j] = Float(Double(scale) * cos((Double.pi / 2 / 64) * Double(i + 1) * Double(2 * j + 1)))
            }
        }
        return matrix
    }()

    /// The hash of an RGB24 picture (`stride` bytes a row, 3 bytes a pixel). A picture
    /// narrower or lower than 5 pixels hashes to zeros with quality 0, as in the reference.
    static func hash(rgb: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int) -> PDQHash {
        guard width >= 5, height >= 5 else { return PDQHash(words: [UInt16](repeating: 0, count: 16), quality: 0) }
        var luma = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = y * stride
            for x in 0..<width {
                let r = Float(rgb[row + 3 * x]), g = Float(rgb[row + 3 * x + 1]), b = Float(rgb[row + 3 * x + 2])
                luma[y * width + x] = Float(0.299) * r + Float(0.587) * g + Float(0.114) * b
            }
        }
        return hash(luma: &luma, width: width, height: height)
    }

    /// The hash of a luminance picture, which it uses as scratch.
    static func hash(luma: inout [Float], width: Int, height: Int) -> PDQHash {
        let small = downscale(&luma, width: width, height: height)
        let quality = quality(small)
        let coefficients = dct16(small)
        let median = coefficients.sorted()[127]
        var words = [UInt16](repeating: 0, count: 16)
        for k in 0..<256 where coefficients[k] > median { words[k >> 4] |= 1 << (k & 15) }
        return PDQHash(words: words, quality: quality)
    }

    /// Two rounds of box filters along the rows then the columns (window about 1/128 of the
    /// side), then one pixel taken per cell of a 64×64 grid.
    private static func downscale(_ luma: inout [Float], width: Int, height: Int) -> [Float] {
        if width != size || height != size {
            var scratch = [Float](repeating: 0, count: width * height)
            let alongRows = (width + 127) / 128, alongColumns = (height + 127) / 128
            for _ in 0..<2 {
                luma.withUnsafeBufferPointer { input in
                    scratch.withUnsafeMutableBufferPointer { output in
                        for y in 0..<height { box(input, output, start: y * width, count: width, step: 1, window: alongRows) }
                    }
                }
                scratch.withUnsafeBufferPointer { input in
                    luma.withUnsafeMutableBufferPointer { output in
                        for x in 0..<width { box(input, output, start: x, count: height, step: width, window: alongColumns) }
                    }
                }
            }
        }
        var small = [Float](repeating: 0, count: size * size)
        for i in 0..<size {
            let y = Int((Double(i) + 0.5) * Double(height) / Double(size))
            for j in 0..<size {
                let x = Int((Double(j) + 0.5) * Double(width) / Double(size))
                small[i * size + j] = luma[y * width + x]
            }
        }
        return small
    }

    /// The reference's one-dimensional box filter: a running sum over a window centred on
    /// each sample, shortened at both ends.
    private static func box(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
        start: Int, count: Int, step: Int, window: Int
    ) {
        let half = (window + 2) / 2
        var sum: Float = 0
        var inCount = 0
        var read = start, oldest = start, write = start
        for _ in 0..<(half - 1) {
            sum += input[read]; read += step; inCount += 1
        }
        for _ in 0..<(window - half + 1) {
            sum += input[read]; read += step; inCount += 1
            output[write] = sum / Float(inCount); write += step
        }
        for _ in 0..<(count - window) {
            sum += input[read]; read += step
            sum -= input[oldest]; oldest += step
            output[write] = sum / Float(inCount); write += step
        }
        for _ in 0..<(half - 1) {
            sum -= input[oldest]; oldest += step; inCount -= 1
            output[write] = sum / Float(inCount); write += step
        }
    }

    /// The sum of the vertical and horizontal steps of the 64×64 picture, scaled to 0…100.
    private static func quality(_ small: [Float]) -> Int {
        var gradients = 0
        for i in 0..<(size - 1) {
            for j in 0..<size {
                gradients += abs(Int(Int32(((small[i * size + j] - small[(i + 1) * size + j]) * 100) / 255)))
            }
        }
        for i in 0..<size {
            for j in 0..<(size - 1) {
                gradients += abs(Int(Int32(((small[i * size + j] - small[i * size + j + 1]) * 100) / 255)))
            }
        }
        return min(100, gradients / 90)
    }

    /// B = D · A · Dᵀ: the 16×16 low-frequency corner of the 64×64 DCT, DC excluded.
    private static func dct16(_ a: [Float]) -> [Float] {
        var t = [Float](repeating: 0, count: side * size)
        for i in 0..<side {
            for j in 0..<size {
                var sum: Float = 0
                for k in 0..<size { sum += dct[i * size + k] * a[k * size + j] }
                t[i * size + j] = sum
            }
        }
        var b = [Float](repeating: 0, count: side * side)
        for i in 0..<side {
            for j in 0..<side {
                var sum: Float = 0
                for k in 0..<size { sum += t[i * size + k] * dct[j * size + k] }
                b[i * side + j] = sum
            }
        }
        return b
    }
}
