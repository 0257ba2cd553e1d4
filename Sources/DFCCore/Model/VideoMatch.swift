/// One exhibit that matches a query clip by vPDQ's rule, with how much of each matched and where.
public struct VideoMatch: Sendable, Codable, Equatable {
    /// The exhibit.
    public var exhibit: ExhibitID
    /// Its case, as it stands.
    public var caseID: String
    /// The file's name when it was ingested.
    public var originalName: String
    /// The video stream of the exhibit that matched.
    public var stream: Int
    /// The share of the query's hashes (of enough quality) with a hash of this stream within the distance, in percent.
    public var queryPercent: Double
    /// The share of this stream's hashes (of enough quality) with a query hash within the distance, in percent.
    public var exhibitPercent: Double
    /// The times in the query, in seconds, of its first and last matching pictures.
    public var queryRange: ClosedRange<Double>
    /// The times in the exhibit, in seconds, of its first and last matching pictures.
    public var exhibitRange: ClosedRange<Double>
    /// The exhibit's time minus the query's, in seconds, that most matching pictures agree on
    /// (the median over the query's pictures of their nearest match): where the query sits in the exhibit.
    public var offsetSeconds: Double

    package enum CodingKeys: String, CodingKey {
        case exhibit, caseID = "case", originalName, stream, queryPercent, exhibitPercent, queryRange, exhibitRange, offsetSeconds
    }

    package init(exhibit: ExhibitID, caseID: String, originalName: String, stream: Int, queryPercent: Double, exhibitPercent: Double, queryRange: ClosedRange<Double>, exhibitRange: ClosedRange<Double>, offsetSeconds: Double) {
        self.exhibit = exhibit
        self.caseID = caseID
        self.originalName = originalName
        self.stream = stream
        self.queryPercent = queryPercent
        self.exhibitPercent = exhibitPercent
        self.queryRange = queryRange
        self.exhibitRange = exhibitRange
        self.offsetSeconds = offsetSeconds
    }
}
