/// A redacted release: the derived exhibit a plan version was rendered into, where its file and
/// its redaction log were written, and the events that authorised and recorded it.
public struct RedactionRelease: Sendable, Codable, Equatable {
    /// The exhibit redacted, and the derived exhibit the release is (new, or the same bytes rendered before).
    public var parent: ExhibitID
    public var derived: ExhibitID
    public var sha256: String
    public var size: Int64
    public var planVersion: Int
    public var planDigest: String
    public var authorizedBy: String
    /// The `redaction_authorized` and `redaction_rendered` custody events.
    public var authorizationEvent: Int64
    public var event: Int64
    /// The MP4, and the redaction log as CSV and JSON.
    public var file: String
    public var logCSV: String
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
