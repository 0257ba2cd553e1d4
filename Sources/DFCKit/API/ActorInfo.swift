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
}
