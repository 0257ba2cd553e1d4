/// A PDQ perceptual hash (Meta's ThreatExchange): 256 bits and the picture's quality,
/// 0–100. Pictures whose hashes are within Hamming distance 31 are the same scene by PDQ's
/// rule; hashes of quality below 50 are too flat or blurred to match on.
///
/// Kept inline (no allocation), so that a million of them fit in 40 MB. In JSON it is
/// `{"hex": "…", "quality": N}`.
public struct PDQHash: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 256 bits, word `w` of `words` at bits `16 × (w % 4)` of lane `w / 4`.
    package var lanes: SIMD4<UInt64>
    /// How much detail the picture has, 0–100.
    public var quality: Int

    package init(lanes: SIMD4<UInt64>, quality: Int) {
        self.lanes = lanes
        self.quality = quality
    }

    /// A hash from its 16 words (least significant first) and quality.
    public init(words: [UInt16], quality: Int) {
        self.init(lanes: .zero, quality: quality)
        self.words = words
    }

    /// A hash from the 64 hex digits ThreatExchange writes (most significant first).
    public init?(hex: String, quality: Int = 100) {
        guard hex.utf8.count == 64, let bytes = Hex.bytes(hex) else { return nil }
        self.init(bytes: bytes, quality: quality)
    }

    /// A hash from its 32 bytes, most significant first (the order of its hex digits).
    public init?(bytes: [UInt8], quality: Int) {
        guard bytes.count == 32 else { return nil }
        self.init(words: (0..<16).map { index in UInt16(bytes[2 * (15 - index)]) << 8 | UInt16(bytes[2 * (15 - index) + 1]) },
                  quality: quality)
    }

    /// The 256 bits as 16 words, bit `k` in `words[k >> 4]` at `1 << (k & 15)` (the reference's layout).
    /// Set from any other count, the words past the 16th are left out and missing ones are zero:
    /// a caller's mistake gives a wrong hash, never a trap.
    public var words: [UInt16] {
        get { (0..<16).map { UInt16(truncatingIfNeeded: lanes[$0 / 4] >> (16 * UInt64($0 % 4))) } }
        set {
            var lanes = SIMD4<UInt64>.zero
            for (index, word) in newValue.prefix(16).enumerated() { lanes[index / 4] |= UInt64(word) << (16 * UInt64(index % 4)) }
            self.lanes = lanes
        }
    }

    /// The 32 bytes, most significant first (the order of its hex digits).
    public var bytes: [UInt8] { words.reversed().flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    /// The 64 hex digits, most significant word first, as ThreatExchange writes them.
    public var hex: String { Hex.string(bytes) }

    /// The number of bits in which two hashes differ.
    public func distance(to other: PDQHash) -> Int {
        let difference = lanes ^ other.lanes
        return difference[0].nonzeroBitCount + difference[1].nonzeroBitCount + difference[2].nonzeroBitCount + difference[3].nonzeroBitCount
    }

    public var description: String { "\(hex) (quality \(quality))" }

    package enum CodingKeys: String, CodingKey { case hex, quality }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let quality = try container.decode(Int.self, forKey: .quality)
        let hex = try container.decode(String.self, forKey: .hex)
        guard let hash = PDQHash(hex: hex, quality: quality) else {
            throw DecodingError.dataCorruptedError(forKey: .hex, in: container, debugDescription: "not 64 hex digits")
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hex, forKey: .hex)
        try container.encode(quality, forKey: .quality)
    }
}
