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

    /// The C2SP signed-note key name the actor signs checkpoints under (`dfc.invalid/actor/…`).
    public var noteKeyName: String { SignedNote.keyName(actor: name) }

    /// The actor's checkpoint-verifying key in the form Go's `sumdb/note` package reads:
    /// `<key name>+<key ID>+<base64 of 0x01 and the public key>`.
    public var verifierKey: String {
        SignedNote.verifierKey(keyName: noteKeyName, publicKey: Hex.bytes(publicKey) ?? [])
    }
}
