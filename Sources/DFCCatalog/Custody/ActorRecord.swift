import DFCCore
import DFCLedger

/// A row of `actor`. Rows are never updated or deleted (SQLite triggers refuse it);
/// each must agree with the `actor_registered` event that created it.
package struct ActorRecord: Codable, Sendable, CatalogRecord {
    package static let table = "actor"
    package static let key = "name"

    package var name: String
    package var role: String
    package var publicKey: String
    package var registeredSeq: Int64
    package var registeredAt: String

    package enum CodingKeys: String, CodingKey {
        case name, role
        case publicKey = "public_key", registeredSeq = "registered_seq", registeredAt = "registered_at"
    }

    package var info: ActorInfo {
        ActorInfo(name: name, role: ActorRole(rawValue: role) ?? .analyst, publicKey: publicKey,
                  registeredBy: registeredSeq, registeredAt: registeredAt)
    }

    package init(name: String, role: String, publicKey: String, registeredSeq: Int64, registeredAt: String) {
        self.name = name
        self.role = role
        self.publicKey = publicKey
        self.registeredSeq = registeredSeq
        self.registeredAt = registeredAt
    }
}
