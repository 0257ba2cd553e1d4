/// One line of a hash list that matched: which exhibit (and picture) it names, and how.
public struct HashListHit: Sendable, Codable, Equatable {
    /// What kind of hash matched.
    public enum Kind: String, Sendable, Codable {
        /// The SHA-256 of an exhibit's file.
        case fileSHA256 = "file_sha256"
        /// The framehash SHA-256 of one of its pictures.
        case frameSHA256 = "frame_sha256"
        /// The PDQ hash of one of its pictures, within the match distance.
        case pdq
    }

    /// The line of the list, from 1.
    public var line: Int
    /// The hash as the list gives it (lower case).
    public var value: String
    /// How it matched.
    public var kind: Kind
    /// The exhibit.
    public var exhibit: ExhibitID
    /// Its case, as it stands.
    public var caseID: String
    /// The file's name when it was ingested.
    public var originalName: String
    /// For a picture: the stream, frame and time.
    public var stream: Int?
    /// For a picture: its index in the stream.
    public var frame: Int?
    /// For a picture: its time in seconds.
    public var ptsSeconds: Double?
    /// For PDQ: bits in which the hashes differ.
    public var distance: Int?

    package enum CodingKeys: String, CodingKey {
        case line, value, kind, exhibit, caseID = "case", originalName, stream, frame, ptsSeconds, distance
    }

    package init(line: Int, value: String, kind: Kind, exhibit: ExhibitID, caseID: String, originalName: String, stream: Int? = nil, frame: Int? = nil, ptsSeconds: Double? = nil, distance: Int? = nil) {
        self.line = line
        self.value = value
        self.kind = kind
        self.exhibit = exhibit
        self.caseID = caseID
        self.originalName = originalName
        self.stream = stream
        self.frame = frame
        self.ptsSeconds = ptsSeconds
        self.distance = distance
    }
}
