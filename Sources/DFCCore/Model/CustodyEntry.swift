/// One event of an exhibit's chain of custody, with the check of its signature.
public struct CustodyEntry: Sendable, Codable, Equatable {
    /// Position in the store's custody log.
    public var seq: Int64
    /// The exhibit concerned, if one.
    public var exhibit: ExhibitID?
    /// What happened: `actor_registered`, `ingested`, `acquired`, `accessed`, `verified`,
    /// `audited`, `checkpointed`, `proved`.
    public var action: String
    /// Who did it.
    public var actor: String
    /// The actor's role when it acted.
    public var role: String?
    /// When (RFC 3339, UTC).
    public var at: String
    /// Hashes, paths, host, DFC version, command.
    public var details: [String: String]
    /// This event's hash (SHA-256 of `payload`).
    public var hash: String
    /// The previous event's hash.
    public var prevHash: String
    /// The exact bytes that were hashed, signed and made a Merkle leaf (canonical JSON).
    public var payload: String
    /// The Ed25519 public key that signed it, hex.
    public var publicKey: String?
    /// The Ed25519 signature of `payload`, hex.
    public var signature: String?
    /// `valid`, or why not: `invalid`, `unsigned`, `unknown actor`, `not the actor's key`,
    /// `before the actor was registered`.
    public var signatureStatus: String
    /// Whether the signature is valid and made with the actor's registered key.
    public var signatureValid: Bool { signatureStatus == "valid" }

    package init(seq: Int64, exhibit: ExhibitID? = nil, action: String, actor: String, role: String? = nil, at: String, details: [String: String], hash: String, prevHash: String, payload: String, publicKey: String? = nil, signature: String? = nil, signatureStatus: String) {
        self.seq = seq
        self.exhibit = exhibit
        self.action = action
        self.actor = actor
        self.role = role
        self.at = at
        self.details = details
        self.hash = hash
        self.prevHash = prevHash
        self.payload = payload
        self.publicKey = publicKey
        self.signature = signature
        self.signatureStatus = signatureStatus
    }
}
