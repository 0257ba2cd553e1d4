/// Whether a file in front of the court is bit-identical to a registered exhibit.
public struct FileVerification: Sendable, Codable, Equatable {
    /// The path as given.
    public var path: String
    /// The file's size, SHA-256 and SHA-512.
    public var digest: FileDigest
    /// The exhibit it is identical to (same size, SHA-256 and SHA-512), if any.
    public var exhibit: ExhibitID?
    /// That exhibit's case.
    public var caseID: String?
    /// The registered extracted pictures it is identical to (a PNG that `dfc extract` wrote):
    /// derived evidence, each naming its parent exhibit, frame and extraction.
    public var derived: [DerivedEvidence] = []
    /// When the exhibit it is identical to is itself derived (a redacted release): from what, and how.
    public var derivation: Derivation?
    /// Whether it is identical to a registered exhibit.
    public var identical: Bool { exhibit != nil }
    /// Whether it is a registered exhibit or a registered extracted picture.
    public var registered: Bool { exhibit != nil || !derived.isEmpty }

    package enum CodingKeys: String, CodingKey { case path, digest, exhibit, caseID = "case", derived, derivation }

    package init(path: String, digest: FileDigest, exhibit: ExhibitID? = nil, caseID: String? = nil, derived: [DerivedEvidence] = []) {
        self.path = path
        self.digest = digest
        self.exhibit = exhibit
        self.caseID = caseID
        self.derived = derived
    }
}
