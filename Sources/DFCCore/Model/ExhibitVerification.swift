/// The vault copy of one exhibit, hashed again and compared with what was registered.
public struct ExhibitVerification: Sendable, Codable, Equatable {
    /// The exhibit number.
    public var exhibit: ExhibitID
    /// Whether the vault copy's size, SHA-256 and SHA-512 all equal the registered ones.
    public var ok: Bool
    /// SHA-256 registered at ingest.
    public var registeredSHA256: String
    /// SHA-256 of the vault copy now (nil when it cannot be read).
    public var actualSHA256: String?
    /// What is wrong, when something is.
    public var problem: String?

    package enum CodingKeys: String, CodingKey {
        case exhibit, ok, registeredSHA256 = "registered_sha256", actualSHA256 = "actual_sha256", problem
    }

    package init(exhibit: ExhibitID, ok: Bool, registeredSHA256: String, actualSHA256: String? = nil, problem: String? = nil) {
        self.exhibit = exhibit
        self.ok = ok
        self.registeredSHA256 = registeredSHA256
        self.actualSHA256 = actualSHA256
        self.problem = problem
    }
}
