/// A redacted release: the derived exhibit a plan version was rendered into, where its file and
/// its redaction log were written, and the events that authorised and recorded it.
public struct RedactionRelease: Sendable, Codable, Equatable {
    /// The exhibit redacted, and the derived exhibit the release is (new, or the same bytes rendered before).
    public var parent: ExhibitID
    /// The derived exhibit.
    public var derived: ExhibitID
    /// The release's SHA-256.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int64
    /// The plan version rendered.
    public var planVersion: Int
    /// That version's digest.
    public var planDigest: String
    /// The custodian or supervisor who authorised it.
    public var authorizedBy: String
    /// The `redaction_authorized` and `redaction_rendered` custody events.
    public var authorizationEvent: Int64
    /// The `redaction_rendered` custody event.
    public var event: Int64
    /// The MP4, and the redaction log as CSV and JSON.
    public var file: String
    /// The redaction log as CSV.
    public var logCSV: String
    /// The redaction log as JSON.
    public var logJSON: String
    /// What the release leaves out or keeps that a records officer must know (a blur or pixelation, dropped sound).
    public var warnings: [String]

    package init(parent: ExhibitID, derived: ExhibitID, sha256: String, size: Int64, planVersion: Int, planDigest: String, authorizedBy: String,
                 authorizationEvent: Int64, event: Int64, file: String, logCSV: String, logJSON: String, warnings: [String]) {
        self.parent = parent
        self.derived = derived
        self.sha256 = sha256
        self.size = size
        self.planVersion = planVersion
        self.planDigest = planDigest
        self.authorizedBy = authorizedBy
        self.authorizationEvent = authorizationEvent
        self.event = event
        self.file = file
        self.logCSV = logCSV
        self.logJSON = logJSON
        self.warnings = warnings
    }
}
