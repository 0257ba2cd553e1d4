import DFCCore
import DFCLedger

/// A row of `analysis`: an exhibit analysed again after ingest, from its vault copy. Made in
/// the same transaction as the signed `reanalysed` event that names its id; never updated
/// or deleted (SQLite triggers refuse it).
package struct AnalysisRecord: Codable, Sendable, Equatable, CatalogRecord {
    package static let table = "analysis"
    package static let key = "id"

    package var id: Int64?
    package var exhibitID: Int64
    package var format: String?
    package var containerJSON: String?
    package var libraries: String
    package var packetCount: Int
    package var frameCount: Int
    package var analysedAt: String
    package var analysedBy: String
    package var reason: String

    package enum CodingKeys: String, CodingKey {
        case id, format, libraries, reason
        case exhibitID = "exhibit_id", containerJSON = "container_json"
        case packetCount = "packet_count", frameCount = "frame_count"
        case analysedAt = "analysed_at", analysedBy = "analysed_by"
    }

    package init(id: Int64? = nil, exhibitID: Int64, format: String? = nil, containerJSON: String? = nil, libraries: String, packetCount: Int, frameCount: Int, analysedAt: String, analysedBy: String, reason: String) {
        self.id = id
        self.exhibitID = exhibitID
        self.format = format
        self.containerJSON = containerJSON
        self.libraries = libraries
        self.packetCount = packetCount
        self.frameCount = frameCount
        self.analysedAt = analysedAt
        self.analysedBy = analysedBy
        self.reason = reason
    }
}
