
/// A row of `exhibit`: one original file, kept once in the vault.
struct ExhibitRecord: Codable, Sendable, Equatable, CatalogRecord {
    static let table = "exhibit"
    static let key = "id"

    var id: Int64?
    var caseID: String
    var source: String?
    var sha256: String
    var sha512: String
    var size: Int64
    var originalName: String
    var originalPath: String
    var vaultPath: String
    var format: String?
    var containerJSON: String?
    var libraries: String
    var packetCount: Int
    var frameCount: Int
    var packetsDigest: String
    var framesDigest: String
    var ingestedAt: String
    var ingestedBy: String

    enum CodingKeys: String, CodingKey {
        case id, source, sha256, sha512, size, format, libraries
        case caseID = "case_id", originalName = "original_name", originalPath = "original_path"
        case vaultPath = "vault_path", containerJSON = "container_json"
        case packetCount = "packet_count", frameCount = "frame_count"
        case packetsDigest = "packets_digest", framesDigest = "frames_digest"
        case ingestedAt = "ingested_at", ingestedBy = "ingested_by"
    }


    var exhibitID: ExhibitID { ExhibitID(id ?? 0) }
}
