/// Walks two analyses' pictures (and packets) side by side, each in (stream, index) order
/// (read order for packets), and counts and hands out where they disagree. It holds one
/// row of each at a time, so footage of any length compares in flat memory.
struct AnalysisComparer {
    var comparison: AnalysisComparison

    /// Compares two picture sequences, each sorted by (stream, index).
    mutating func compareFrames(
        first nextFirst: () throws -> FrameEntry?, second nextSecond: () throws -> FrameEntry?,
        _ body: (FrameDifference) throws -> Void
    ) throws {
        var a = try nextFirst()
        var b = try nextSecond()
        while a != nil || b != nil {
            if let x = a, b == nil || (x.stream, x.index) < (b!.stream, b!.index) {
                comparison.framesOnlyInFirst += 1
                try body(FrameDifference(kind: .onlyInFirst, stream: x.stream, index: x.index, first: x, second: nil))
                a = try nextFirst()
            } else if let y = b, a == nil || (y.stream, y.index) < (a!.stream, a!.index) {
                comparison.framesOnlyInSecond += 1
                try body(FrameDifference(kind: .onlyInSecond, stream: y.stream, index: y.index, first: nil, second: y))
                b = try nextSecond()
            } else {
                let (x, y) = (a!, b!)
                comparison.framesCompared += 1
                if x.sha256 != y.sha256 {
                    comparison.framesWithDifferentHash += 1
                    try body(FrameDifference(kind: .hash, stream: x.stream, index: x.index, first: x, second: y))
                } else if x != y {
                    comparison.framesWithDifferentAttributes += 1
                    try body(FrameDifference(kind: .attributes, stream: x.stream, index: x.index, first: x, second: y))
                }
                a = try nextFirst()
                b = try nextSecond()
            }
        }
    }

    /// Compares two packet sequences, each in read order from index 0.
    mutating func comparePackets(first nextFirst: () throws -> PacketEntry?, second nextSecond: () throws -> PacketEntry?) throws {
        var a = try nextFirst()
        var b = try nextSecond()
        while let x = a, let y = b {
            comparison.packetsCompared += 1
            if x != y { comparison.packetsDiffering += 1 }
            a = try nextFirst()
            b = try nextSecond()
        }
        while a != nil {
            comparison.packetsInOneOnly += 1
            a = try nextFirst()
        }
        while b != nil {
            comparison.packetsInOneOnly += 1
            b = try nextSecond()
        }
    }
}
