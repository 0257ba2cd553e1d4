/// How two analyses of one exhibit compare, picture by picture and packet by packet: the
/// summary of a validation report (the differing pictures themselves are handed out one by
/// one, as `FrameDifference`s).
public struct AnalysisComparison: Sendable, Codable, Equatable {
    /// The exhibit.
    public var exhibit: ExhibitID
    /// The earlier analysis (its number and libraries).
    public var first: AnalysisInfo
    /// The later analysis.
    public var second: AnalysisInfo
    /// Pictures both analyses decoded (same stream and index).
    public var framesCompared = 0
    /// Of those, how many have a different SHA-256.
    public var framesWithDifferentHash = 0
    /// Of those, how many have the same SHA-256 but a different time, type, key flag or size.
    public var framesWithDifferentAttributes = 0
    /// Pictures only the first analysis decoded.
    public var framesOnlyInFirst = 0
    /// Pictures only the second analysis decoded.
    public var framesOnlyInSecond = 0
    /// Packets both analyses read (same read index).
    public var packetsCompared = 0
    /// Of those, how many differ in stream, timestamps, size, key flag, position or SHA-256.
    public var packetsDiffering = 0
    /// Packets only one of the analyses read.
    public var packetsInOneOnly = 0
    /// Whether the two analyses have the same findings, kind by kind and message by message.
    public var sameFindings = true

    /// Whether the two analyses agree on every picture and every packet.
    public var identical: Bool {
        framesWithDifferentHash == 0 && framesWithDifferentAttributes == 0 && framesOnlyInFirst == 0 && framesOnlyInSecond == 0
            && packetsDiffering == 0 && packetsInOneOnly == 0
    }

    package enum CodingKeys: String, CodingKey {
        case exhibit, first, second, framesCompared, framesWithDifferentHash, framesWithDifferentAttributes
        case framesOnlyInFirst, framesOnlyInSecond, packetsCompared, packetsDiffering, packetsInOneOnly, sameFindings
    }

    package init(exhibit: ExhibitID, first: AnalysisInfo, second: AnalysisInfo) {
        self.exhibit = exhibit
        self.first = first
        self.second = second
    }
}
