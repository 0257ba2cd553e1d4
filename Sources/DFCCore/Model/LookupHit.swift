/// One exhibit (and, for a frame lookup, one frame of it) that matched a lookup.
public struct LookupHit: Sendable, Codable, Equatable {
    /// The exhibit number.
    public var exhibit: ExhibitID
    /// Its case.
    public var caseID: String
    /// Its source.
    public var source: String?
    /// SHA-256 of the original's bytes.
    public var sha256: String
    /// The file's name when it was ingested.
    public var originalName: String
    /// Size in bytes.
    public var size: Int64
    /// For a frame lookup: the stream, frame index and time of the matching picture.
    public var stream: Int?
    /// For a frame lookup: the frame's index in its stream.
    public var frame: Int?
    /// For a frame lookup: the frame's time in seconds.
    public var ptsSeconds: Double?

    /// For a lookup by SHA-256 that matched an extracted PNG rather than an original: that
    /// picture as derived evidence (the other fields describe its parent exhibit).
    public var derived: DerivedEvidence?
    package enum CodingKeys: String, CodingKey {
        case exhibit, caseID = "case", source, sha256, originalName, size, stream, frame, ptsSeconds, derived
    }

    package init(exhibit: ExhibitID, caseID: String, source: String? = nil, sha256: String, originalName: String, size: Int64, stream: Int? = nil, frame: Int? = nil, ptsSeconds: Double? = nil, derived: DerivedEvidence? = nil) {
        self.exhibit = exhibit
        self.caseID = caseID
        self.source = source
        self.sha256 = sha256
        self.originalName = originalName
        self.size = size
        self.stream = stream
        self.frame = frame
        self.ptsSeconds = ptsSeconds
        self.derived = derived
    }
}
