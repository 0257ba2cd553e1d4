/// One picture of an exhibit whose PDQ hash is within the match distance of a query's.
public struct PictureMatch: Sendable, Codable, Equatable {
    /// The exhibit.
    public var exhibit: ExhibitID
    /// Its case, as it stands.
    public var caseID: String
    /// Its source, as it stands.
    public var source: String?
    /// The file's name when it was ingested.
    public var originalName: String
    /// The video stream.
    public var stream: Int
    /// The picture's index in the stream's decoded order.
    public var frame: Int
    /// The picture's presentation time in seconds, when known.
    public var ptsSeconds: Double?
    /// Bits in which its PDQ hash differs from the query's.
    public var distance: Int
    /// Its PDQ hash and quality.
    public var hash: PDQHash

    package enum CodingKeys: String, CodingKey {
        case exhibit, caseID = "case", source, originalName, stream, frame, ptsSeconds, distance, hash
    }

    package init(exhibit: ExhibitID, caseID: String, source: String? = nil, originalName: String, stream: Int, frame: Int, ptsSeconds: Double? = nil, distance: Int, hash: PDQHash) {
        self.exhibit = exhibit
        self.caseID = caseID
        self.source = source
        self.originalName = originalName
        self.stream = stream
        self.frame = frame
        self.ptsSeconds = ptsSeconds
        self.distance = distance
        self.hash = hash
    }
}
