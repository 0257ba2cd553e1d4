/// The thresholds of perceptual matching, PDQ's and vPDQ's defaults unless changed.
public struct MatchOptions: Sendable, Codable, Equatable {
    /// Two pictures match when their PDQ hashes differ in at most this many bits (31).
    public var maxDistance = 31
    /// Hashes of lower quality (flat or blurred pictures) are not matched on, on either side (50).
    public var minQuality = 50
    /// `--video`: the share of the query's hashes that must match an exhibit's, in percent
    /// (80, ThreatExchange's `VPDQ_QUERY_MATCH_THRESHOLD_PERCENT`).
    public var minQueryPercent = 80.0
    /// `--video`: the share of an exhibit's hashes that must match the query's, in percent
    /// (0, its `VPDQ_INDEX_MATCH_THRESHOLD_PERCENT`: a short clip of a long recording matches).
    public var minExhibitPercent = 0.0

    /// PDQ's and vPDQ's defaults.
    public init() {}
}
