/// What `ingest` did with one file.
public struct IngestResult: Sendable, Codable, Equatable {
    /// `ingested`: a new exhibit; `duplicate`: the same bytes were already an exhibit (an `acquired`
    /// event was recorded on it); `rejected`: nothing was recorded (see `error`).
    public enum Status: String, Sendable, Codable { case ingested, duplicate, rejected }

    /// The path as given.
    public var path: String
    /// The exhibit the file is (nil when rejected).
    public var exhibit: ExhibitID?
    /// SHA-256 of the file's bytes (nil when rejected before hashing).
    public var sha256: String?
    /// What happened.
    public var status: Status
    /// What the examiner must know about the footage.
    public var findings: [Finding]
    /// Why it was rejected.
    public var error: String?
    /// Pictures decoded (0 for a duplicate or a rejected file).
    public var frameCount: Int = 0

    package init(path: String, exhibit: ExhibitID? = nil, sha256: String? = nil, status: Status, findings: [Finding], error: String? = nil, frameCount: Int = 0) {
        self.path = path
        self.exhibit = exhibit
        self.sha256 = sha256
        self.status = status
        self.findings = findings
        self.error = error
        self.frameCount = frameCount
    }
}
