/// PDQ's blur and decimation (two rounds of box filters along the rows then the columns,
/// then one pixel per cell of a 64×64 grid), computed as a stream over the picture's rows
/// so that a full-HD picture is read once and the work stays in the processor's cache.
///
/// Every value the grid takes is computed with exactly the floating-point operations the
/// reference applies to it, in the same order: each box filter is a running sum along its
/// row or column, started at the row's or column's beginning. What changes is only what is
/// not needed: the second round's row filter divides only at the 64 columns the grid takes,
/// and its column filter runs only on those 64 columns. Rows are filtered eight at a time,
/// one SIMD lane each, so that eight independent running sums are in flight; the eight rows
/// are kept interleaved (column `x` of row `lane` at `8x + lane`) so each step is one load.
package enum PDQFilter {
    /// The 64×64 grid of the filtered luminance of an RGB24 picture (`stride` bytes a row).
    package static func grid(rgb: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int) -> [Float] {
        let pixels = rgb.bindMemory(to: UInt8.self)
        let rowWindow = (width + 127) / 128, columnWindow = (height + 127) / 128
        let sampleRows = (0..<64).map { Int((Double($0) + 0.5) * Double(height) / 64) }
        let sampleColumns = (0..<64).map { Int((Double($0) + 0.5) * Double(width) / 64) }

        // Round 1, rows: luminance eight rows at a time, filtered into a ring of rows that the
        // column filter reads (it needs rows `oldest` to `read`, at most a window apart).
        let capacity = columnWindow + 16
        var ring = [Float](repeating: 0, count: capacity * width)
        var luma = [Float](repeating: 0, count: 8 * width)
        var produced = 0
        // Round 1, columns: one running sum per column; each row it emits goes to a block of
        // eight, which round 2's row filter takes whole.
        var sums = [Float](repeating: 0, count: width)
        var block = [Float](repeating: 0, count: 8 * width)
        var blockRows = 0, blockFirst = 0
        // Round 2's row filter output at the 64 grid columns, every row.
        var sampled = [Float](repeating: 0, count: height * 64)

        ring.withUnsafeMutableBufferPointer { ring in
            luma.withUnsafeMutableBufferPointer { luma in
                sums.withUnsafeMutableBufferPointer { sums in
                    block.withUnsafeMutableBufferPointer { block in
                        sampled.withUnsafeMutableBufferPointer { sampled in
                            func produce(through row: Int) {
                                while produced <= row {
                                    let rows = min(8, height - produced)
                                    // Column x of the eight rows at once; rows past the end repeat the last (their lanes are never used).
                                    let starts = (0..<8).map { (produced + min($0, rows - 1)) * stride }
                                    let (s0, s1, s2, s3, s4, s5, s6, s7) = (starts[0], starts[1], starts[2], starts[3], starts[4], starts[5], starts[6], starts[7])
                                    let out = UnsafeMutableRawPointer(luma.baseAddress!)
                                    for x in 0..<width {
                                        let i = 3 * x
                                        @inline(__always) func channel(_ c: Int) -> SIMD8<Float> {
                                            SIMD8<Float>(SIMD8<UInt8>(pixels[s0 + i + c], pixels[s1 + i + c], pixels[s2 + i + c], pixels[s3 + i + c],
                                                                      pixels[s4 + i + c], pixels[s5 + i + c], pixels[s6 + i + c], pixels[s7 + i + c]))
                                        }
                                        let value = SIMD8<Float>(repeating: 0.299) * channel(0) + SIMD8<Float>(repeating: 0.587) * channel(1)
                                            + SIMD8<Float>(repeating: 0.114) * channel(2)
                                        out.storeBytes(of: value, toByteOffset: 32 * x, as: SIMD8<Float>.self)
                                    }
                                    let targets = (0..<rows).map { ring.baseAddress! + ((produced + $0) % capacity) * width }
                                    targets.withUnsafeBufferPointer { targets in
                                        boxRows(UnsafePointer(luma.baseAddress!), width: width, window: rowWindow) { x, values in
                                            for lane in 0..<rows { targets[lane][x] = values[lane] }
                                        }
                                    }
                                    produced += rows
                                }
                            }
                            func flushBlock() {
                                guard blockRows > 0 else { return }
                                if blockRows < 8 { for x in 0..<width { for lane in blockRows..<8 { block[8 * x + lane] = 0 } } }
                                let first = blockFirst, rows = blockRows
                                var next = 0
                                boxRows(UnsafePointer(block.baseAddress!), width: width, window: rowWindow) { x, values in
                                    guard next < 64, x == sampleColumns[next] else { return }
                                    // Several grid columns can fall on one picture column in a narrow picture.
                                    while next < 64 && sampleColumns[next] == x {
                                        for lane in 0..<rows { sampled[(first + lane) * 64 + next] = values[lane] }
                                        next += 1
                                    }
                                }
                                blockRows = 0
                            }
                            // The column filter, as `boxColumns` runs it, pulling rows as it needs them.
                            let half = (columnWindow + 2) / 2
                            var inCount = 0, read = 0, oldest = 0, write = 0
                            func add() {
                                produce(through: read)
                                let row = ring.baseAddress! + (read % capacity) * width
                                for x in 0..<width { sums[x] += row[x] }
                                read += 1
                            }
                            func subtract() {
                                let row = ring.baseAddress! + (oldest % capacity) * width
                                for x in 0..<width { sums[x] -= row[x] }
                                oldest += 1
                            }
                            func emit() {
                                if blockRows == 0 { blockFirst = write }
                                let count = Float(inCount)
                                for x in 0..<width { block[8 * x + blockRows] = sums[x] / count }
                                blockRows += 1
                                write += 1
                                if blockRows == 8 { flushBlock() }
                            }
                            for _ in 0..<(half - 1) { add(); inCount += 1 }
                            for _ in 0..<(columnWindow - half + 1) { add(); inCount += 1; emit() }
                            for _ in 0..<(height - columnWindow) { add(); subtract(); emit() }
                            for _ in 0..<(half - 1) { subtract(); inCount -= 1; emit() }
                            flushBlock()
                        }
                    }
                }
            }
        }

        // Round 2, columns, on the 64 grid columns only; then the 64 grid rows.
        var filtered = [Float](repeating: 0, count: height * 64)
        sampled.withUnsafeBufferPointer { input in
            filtered.withUnsafeMutableBufferPointer { output in
                boxColumns(input, output, width: 64, height: height, window: columnWindow)
            }
        }
        var grid = [Float](repeating: 0, count: 64 * 64)
        for i in 0..<64 { for j in 0..<64 { grid[i * 64 + j] = filtered[sampleRows[i] * 64 + j] } }
        return grid
    }

    /// The reference's one-dimensional box filter along eight interleaved rows of `width`
    /// at once (one SIMD lane each), handing each output column's eight values to `emit` in
    /// column order.
    @inline(__always)
    private static func boxRows(_ input: UnsafePointer<Float>, width: Int, window: Int, _ emit: (Int, SIMD8<Float>) -> Void) {
        let half = (window + 2) / 2
        let vectors = UnsafeRawPointer(input)
        @inline(__always) func load(_ x: Int) -> SIMD8<Float> { vectors.loadUnaligned(fromByteOffset: 32 * x, as: SIMD8<Float>.self) }
        var sum = SIMD8<Float>(repeating: 0)
        var inCount = 0
        var read = 0, oldest = 0, write = 0
        for _ in 0..<(half - 1) {
            sum += load(read); read += 1; inCount += 1
        }
        for _ in 0..<(window - half + 1) {
            sum += load(read); read += 1; inCount += 1
            emit(write, sum / SIMD8(repeating: Float(inCount))); write += 1
        }
        let full = SIMD8<Float>(repeating: Float(inCount))
        for _ in 0..<(width - window) {
            sum += load(read); read += 1
            sum -= load(oldest); oldest += 1
            emit(write, sum / full); write += 1
        }
        for _ in 0..<(half - 1) {
            sum -= load(oldest); oldest += 1; inCount -= 1
            emit(write, sum / SIMD8(repeating: Float(inCount))); write += 1
        }
    }

    /// The same filter down every column of a `width` × `height` picture, a row at a time.
    private static func boxColumns(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, window: Int
    ) {
        let half = (window + 2) / 2
        var sums = [Float](repeating: 0, count: width)
        sums.withUnsafeMutableBufferPointer { sums in
            var inCount = 0
            var read = 0, oldest = 0, write = 0
            func add() { for x in 0..<width { sums[x] += input[read + x] }; read += width }
            func subtract() { for x in 0..<width { sums[x] -= input[oldest + x] }; oldest += width }
            func emit() {
                let count = Float(inCount)
                for x in 0..<width { output[write + x] = sums[x] / count }
                write += width
            }
            for _ in 0..<(half - 1) { add(); inCount += 1 }
            for _ in 0..<(window - half + 1) { add(); inCount += 1; emit() }
            for _ in 0..<(height - window) { add(); subtract(); emit() }
            for _ in 0..<(half - 1) { subtract(); inCount -= 1; emit() }
        }
    }
}
