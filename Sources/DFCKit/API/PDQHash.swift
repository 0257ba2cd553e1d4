/// A PDQ perceptual hash (Meta's ThreatExchange): 256 bits and the picture's quality,
/// 0–100. Pictures whose hashes are within Hamming distance 31 are the same scene by PDQ's
/// rule; hashes of quality below 50 are too flat or blurred to match on.
public struct PDQHash: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 256 bits as 16 words, bit `k` in `words[k >> 4]` at `1 << (k & 15)` (the reference's layout).
    public var words: [UInt16]
    /// How much detail the picture has, 0–100.
    public var quality: Int

    /// A hash from its 16 words (least significant first) and quality.
    public init(words: [UInt16], quality: Int) {
        precondition(words.count == 16, "a PDQ hash has 16 words")
        self.words = words
        self.quality = quality
    }

    /// A hash from the 64 hex digits ThreatExchange writes (most significant first).
    public init?(hex: String, quality: Int = 100) {
        guard hex.utf8.count == 64, let bytes = Hex.bytes(hex) else { return nil }
        words = (0..<16).map { index in
            let high = 2 * (15 - index)
            return UInt16(bytes[high]) << 8 | UInt16(bytes[high + 1])
        }
        self.quality = quality
    }

    /// The 64 hex digits, most significant word first, as ThreatExchange writes them.
    public var hex: String {
        words.reversed().map { word in
            let text = String(word, radix: 16)
            return String(repeating: "0", count: 4 - text.count) + text
        }.joined()
    }

    /// The number of bits in which two hashes differ.
    public func distance(to other: PDQHash) -> Int {
        zip(words, other.words).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount }
    }

    public var description: String { "\(hex) (quality \(quality))" }
}
