import Foundation

/// Meta's PDQ perceptual image hash, computed from an RGB picture exactly as the published
/// reference does (ThreatExchange `pdq/cpp`), so that the same pixels give the same 256 bits
/// and quality: luminance, a two-round Jarosz tent filter and decimation to 64×64
/// (`PDQFilter`), the 16×16 corner of a DCT, and a threshold at the median. All arithmetic
/// is 32-bit float in the reference's order (Swift does not fuse multiply-adds).
package enum PDQ {
    /// The hash's side: the DCT keeps 16 × 16 coefficients.
    package static let side = 16
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
    package static func hash(rgb: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int) -> PDQHash {
        guard width >= 5, height >= 5 else { return PDQHash(words: [UInt16](repeating: 0, count: 16), quality: 0) }
        precondition(rgb.count >= stride * (height - 1) + 3 * width, "the picture is smaller than its size says")
        let grid: [Float]
        if width == size && height == size {
            // The reference takes a 64×64 picture's luminance as it is, unfiltered.
            let pixels = rgb.bindMemory(to: UInt8.self)
            grid = (0..<(size * size)).map { k in
                let i = (k / size) * stride + (k % size) * 3
                return Float(0.299) * Float(pixels[i]) + Float(0.587) * Float(pixels[i + 1]) + Float(0.114) * Float(pixels[i + 2])
            }
        } else {
            grid = PDQFilter.grid(rgb: rgb, width: width, height: height, stride: stride)
        }
        let coefficients = dct16(grid)
        let median = coefficients.sorted()[127]
        var words = [UInt16](repeating: 0, count: 16)
        for k in 0..<256 where coefficients[k] > median { words[k >> 4] |= 1 << (k & 15) }
        return PDQHash(words: words, quality: quality(grid))
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
