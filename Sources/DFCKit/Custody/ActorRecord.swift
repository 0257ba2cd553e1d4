
/// A row of `actor`. Rows are never updated or deleted (SQLite triggers refuse it);
/// each must agree with the `actor_registered` event that created it.
struct ActorRecord: Codable, Sendable, CatalogRecord {
    static let table = "actor"
    static let key = "name"

    var name: String
    var role: String
    var publicKey: String
    var registeredSeq: Int64
    var registeredAt: String

    enum CodingKeys: String, CodingKey {
        case name, role
        case publicKey = "public_key", registeredSeq = "registered_seq", registeredAt = "registered_at"
    }

    var info: ActorInfo {
        ActorInfo(name: name, role: ActorRole(rawValue: role) ?? .analyst, publicKey: publicKey,
                  registeredBy: registeredSeq, registeredAt: registeredAt)
    }
}
