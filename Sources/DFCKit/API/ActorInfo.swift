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

    /// The actor name and public key (hex) a DFC verifier key names, or nil when it is not one
    /// (malformed, not Ed25519, a key ID that does not match, or not a DFC actor's key name).
    public static func parseVerifierKey(_ text: String) -> (name: String, publicKey: String)? {
        guard let (keyName, key) = SignedNote.parseVerifierKey(text.trimmingCharacters(in: .whitespaces)),
              let name = SignedNote.actor(keyName: keyName) else { return nil }
        return (name, Hex.string(key))
    }
}
