/// A release rendered again from its recorded plan version and settings, and compared bit for bit
/// with the derived exhibit it produced.
public struct RedactionReplay: Sendable, Codable, Equatable {
    /// The exhibit redacted.
    public var parent: ExhibitID
    /// The derived exhibit the release was registered as.
    public var derived: ExhibitID
    /// The plan version rendered again.
    public var planVersion: Int
    /// The derived exhibit's SHA-256, and the new render's.
    public var registeredSHA256: String
    /// The new render's SHA-256.
    public var renderedSHA256: String
    /// Whether the two are the same bytes.
    public var identical: Bool
    /// The `redaction_replayed` custody event.
    public var event: Int64

    package init(parent: ExhibitID, derived: ExhibitID, planVersion: Int, registeredSHA256: String, renderedSHA256: String, event: Int64) {
        self.parent = parent
        self.derived = derived
        self.planVersion = planVersion
        self.registeredSHA256 = registeredSHA256
        self.renderedSHA256 = renderedSHA256
        self.identical = registeredSHA256 == renderedSHA256
        self.event = event
    }
}
