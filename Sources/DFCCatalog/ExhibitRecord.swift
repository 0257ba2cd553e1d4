import DFCCore
import DFCLedger

/// A row of `exhibit`: one original file, kept once in the vault.
package struct ExhibitRecord: Codable, Sendable, Equatable, CatalogRecord {
    package static let table = "exhibit"
    package static let key = "id"

    package var id: Int64?
    package var caseID: String
    package var source: String?
    package var sha256: String
    package var sha512: String
    package var size: Int64
    package var originalName: String
    package var originalPath: String
    package var vaultPath: String
    package var format: String?
    package var containerJSON: String?
    package var libraries: String
    package var packetCount: Int
    package var frameCount: Int
    package var packetsDigest: String
    package var framesDigest: String
    package var ingestedAt: String
    package var ingestedBy: String

    package enum CodingKeys: String, CodingKey {
        case id, source, sha256, sha512, size, format, libraries
        case caseID = "case_id", originalName = "original_name", originalPath = "original_path"
        case vaultPath = "vault_path", containerJSON = "container_json"
        case packetCount = "packet_count", frameCount = "frame_count"
        case packetsDigest = "packets_digest", framesDigest = "frames_digest"
        case ingestedAt = "ingested_at", ingestedBy = "ingested_by"
    }


    package var exhibitID: ExhibitID { ExhibitID(id ?? 0) }

    package init(id: Int64? = nil, caseID: String, source: String? = nil, sha256: String, sha512: String, size: Int64, originalName: String, originalPath: String, vaultPath: String, format: String? = nil, containerJSON: String? = nil, libraries: String, packetCount: Int, frameCount: Int, packetsDigest: String, framesDigest: String, ingestedAt: String, ingestedBy: String) {
        self.id = id
        self.caseID = caseID
        self.source = source
        self.sha256 = sha256
        self.sha512 = sha512
        self.size = size
        self.originalName = originalName
        self.originalPath = originalPath
        self.vaultPath = vaultPath
        self.format = format
        self.containerJSON = containerJSON
        self.libraries = libraries
        self.packetCount = packetCount
        self.frameCount = frameCount
        self.packetsDigest = packetsDigest
        self.framesDigest = framesDigest
        self.ingestedAt = ingestedAt
        self.ingestedBy = ingestedBy
    }
}
