/// One event of an exhibit's chain of custody.
public struct CustodyEntry: Sendable, Codable, Equatable {
    /// Position in the store's custody log.
    public var seq: Int64
    /// The exhibit concerned, if one.
    public var exhibit: ExhibitID?
    /// What happened: `ingested`, `acquired`, `accessed`, `verified`, `audited`.
    public var action: String
    /// Who did it.
    public var actor: String
    /// When (RFC 3339, UTC).
    public var at: String
    /// Hashes, paths, host, DFC version, command.
    public var details: [String: String]
    /// This event's hash (SHA-256 of its canonical payload).
    public var hash: String
    /// The previous event's hash.
    public var prevHash: String
}
