import DFCCore

/// A registered actor: a person (or service) with a role and an Ed25519 key pair.
/// The private key lives in the store's `keys/` folder, readable only by its owner.
public struct ActorInfo: Sendable, Codable, Equatable {
    /// The actor's name as it appears in every custody event.
    public var name: String
    /// The actor's role.
    public var role: ActorRole
    /// The Ed25519 public key, 32 bytes as 64 hex digits.
    public var publicKey: String
    /// The custody event that registered the actor.
    public var registeredBy: Int64
    /// When (RFC 3339, UTC).
    public var registeredAt: String
    /// The `actor_revoked` event that revoked the actor, if one did: it signs nothing after it.
    public var revokedBy: Int64?
    /// When it was revoked (RFC 3339, UTC).
    public var revokedAt: String?

    /// The C2SP signed-note key name the actor signs checkpoints under (`dfc.invalid/actor/…`).
    public var noteKeyName: String { SignedNote.keyName(actor: name) }

    /// The actor's checkpoint-verifying key in the form Go's `sumdb/note` package reads:
    /// `<key name>+<key ID>+<base64 of 0x01 and the public key>`.
    public var verifierKey: String { Self.verifierKey(name: name, publicKey: publicKey) }

    /// The verifier key of an actor named `name` with this public key (hex).
    public static func verifierKey(name: String, publicKey: String) -> String {
        SignedNote.verifierKey(keyName: SignedNote.keyName(actor: name), publicKey: Hex.bytes(publicKey) ?? [])
    }

    /// The line `dfc actor list --verifier-keys` prints: the verifier key and, for a revoked
    /// actor, a tab and `revoked by custody event N at TIME`, so that a verifier offline refuses
    /// whatever the key signed after its revocation (`cut -f1` leaves the bare keys).
    public var verifierKeyLine: String {
        verifierKey + (revokedBy.map { "\trevoked by custody event \($0) at \(revokedAt ?? "?")" } ?? "")
    }

    /// The actor name, public key (hex) and revoking event of one line of
    /// `dfc actor list --verifier-keys`; nil when it is not such a line.
    public static func parseVerifierKeyLine(_ text: String) -> (name: String, publicKey: String, revokedBy: Int64?)? {
        let fields = text.split(separator: "\t", maxSplits: 1).map(String.init)
        guard let first = fields.first, let (name, key) = parseVerifierKey(first) else { return nil }
        guard fields.count == 2 else { return (name, key, nil) }
        let words = fields[1].trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard words.count == 7, words[0...3] == ["revoked", "by", "custody", "event"], let seq = Int64(words[4]), seq > 0,
              words[5] == "at" else { return nil }
        return (name, key, seq)
    }

    /// The actor name and public key (hex) a DFC verifier key names, or nil when it is not one
    /// (malformed, not Ed25519, a key ID that does not match, or not a DFC actor's key name).
    public static func parseVerifierKey(_ text: String) -> (name: String, publicKey: String)? {
        guard let (keyName, key) = SignedNote.parseVerifierKey(text.trimmingCharacters(in: .whitespaces)),
              let name = SignedNote.actor(keyName: keyName) else { return nil }
        return (name, Hex.string(key))
    }

    package init(name: String, role: ActorRole, publicKey: String, registeredBy: Int64, registeredAt: String, revokedBy: Int64? = nil, revokedAt: String? = nil) {
        self.name = name
        self.role = role
        self.publicKey = publicKey
        self.registeredBy = registeredBy
        self.registeredAt = registeredAt
        self.revokedBy = revokedBy
        self.revokedAt = revokedAt
    }
}
