/// Hamming search over many PDQ hashes by multi-index hashing, as Meta's own PDQ index
/// does: each 256-bit hash is cut into 16 segments of 16 bits (its 16 words), and each
/// segment gets a table from its 65,536 possible values to the hashes that have it.
///
/// Two hashes within distance `r` differ in at most `r / 16` bits in at least one segment
/// (pigeonhole), so a query looks up, in every segment, each value within that many bits
/// of its own, and checks the full distance of only the hashes it finds there. For PDQ's
/// radius of 31 that is 17 lookups a segment, instead of a pass over every hash. Beyond a
/// radius of 63 it compares with every hash.
///
/// Built once, then read-only: safe to search from many threads at once.
package struct PDQIndex: Sendable {
    /// Every hash as four 64-bit words, entry `i` at `4i ..< 4i + 4`.
    private let bits: [UInt64]
    /// Per segment, where each of the 65,536 values' entries start in `members` (65,537 offsets).
    private let offsets: [[UInt32]]
    /// Per segment, the entries ordered by that segment's value.
    private let members: [[UInt32]]

    /// How many hashes it holds.
    package var count: Int { bits.count / 4 }

    /// The radius beyond which a query compares with every hash.
    package static let largestIndexedRadius = 63

    package init(_ hashes: [PDQHash]) {
        precondition(hashes.count < Int(UInt32.max), "too many hashes for one index")
        var bits = [UInt64](repeating: 0, count: hashes.count * 4)
        for (index, hash) in hashes.enumerated() {
            for lane in 0..<4 { bits[index * 4 + lane] = hash.lanes[lane] }
        }
        self.bits = bits
        var offsets: [[UInt32]] = []
        var members: [[UInt32]] = []
        for segment in 0..<16 {
            // A counting sort of the entries by the segment's value.
            var start = [UInt32](repeating: 0, count: 65_537)
            for index in 0..<hashes.count { start[Int(Self.segment(bits, index, segment)) + 1] += 1 }
            for value in 0..<65_536 { start[value + 1] += start[value] }
            var next = start
            var list = [UInt32](repeating: 0, count: hashes.count)
            for index in 0..<hashes.count {
                let value = Int(Self.segment(bits, index, segment))
                list[Int(next[value])] = UInt32(index)
                next[value] += 1
            }
            offsets.append(start)
            members.append(list)
        }
        self.offsets = offsets
        self.members = members
    }

    /// Every entry within `radius` bits of `query`, with its distance, in entry order.
    package func search(_ query: PDQHash, within radius: Int) -> [(entry: Int, distance: Int)] {
        let words = [query.lanes[0], query.lanes[1], query.lanes[2], query.lanes[3]]
        guard radius >= 0 else { return [] }
        if radius > Self.largestIndexedRadius {
            return (0..<count).compactMap { index in
                let distance = distance(words, index)
                return distance <= radius ? (index, distance) : nil
            }
        }
        var candidates: [UInt32] = []
        let masks = Self.masks(bits: radius / 16)
        for segment in 0..<16 {
            let value = UInt16(truncatingIfNeeded: words[segment / 4] >> (16 * (segment % 4)))
            for mask in masks {
                let probe = Int(value ^ mask)
                let from = Int(offsets[segment][probe]), to = Int(offsets[segment][probe + 1])
                if from < to { candidates += members[segment][from..<to] }
            }
        }
        candidates.sort()
        var found: [(entry: Int, distance: Int)] = []
        var previous: UInt32?
        for candidate in candidates where candidate != previous {
            previous = candidate
            let distance = distance(words, Int(candidate))
            if distance <= radius { found.append((Int(candidate), distance)) }
        }
        return found
    }

    private func distance(_ words: [UInt64], _ index: Int) -> Int {
        (bits[4 * index] ^ words[0]).nonzeroBitCount + (bits[4 * index + 1] ^ words[1]).nonzeroBitCount
            + (bits[4 * index + 2] ^ words[2]).nonzeroBitCount + (bits[4 * index + 3] ^ words[3]).nonzeroBitCount
    }

    private static func segment(_ bits: [UInt64], _ index: Int, _ segment: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: bits[4 * index + segment / 4] >> (16 * (segment % 4)))
    }

    /// Every 16-bit mask with at most `bits` bits set (0 first).
    private static func masks(bits: Int) -> [UInt16] {
        var masks: [UInt16] = [0]
        if bits >= 1 { masks += (0..<16).map { UInt16(1) << $0 } }
        if bits >= 2 {
            for a in 0..<16 { for b in (a + 1)..<16 { masks.append(UInt16(1) << a | UInt16(1) << b) } }
        }
        if bits >= 3 {
            for a in 0..<16 { for b in (a + 1)..<16 { for c in (b + 1)..<16 { masks.append(UInt16(1) << a | UInt16(1) << b | UInt16(1) << c) } } }
        }
        return masks
    }
}
