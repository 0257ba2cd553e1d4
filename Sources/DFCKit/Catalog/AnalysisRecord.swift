
/// A row of `analysis`: an exhibit analysed again after ingest, from its vault copy. Made in
/// the same transaction as the signed `reanalysed` event that names its id; never updated
/// or deleted (SQLite triggers refuse it).
struct AnalysisRecord: Codable, Sendable, Equatable, CatalogRecord {
    static let table = "analysis"
    static let key = "id"

    var id: Int64?
    var exhibitID: Int64
    var format: String?
    var containerJSON: String?
    var libraries: String
    var packetCount: Int
    var frameCount: Int
    var analysedAt: String
    var analysedBy: String
    var reason: String

    enum CodingKeys: String, CodingKey {
        case id, format, libraries, reason
        case exhibitID = "exhibit_id", containerJSON = "container_json"
        case packetCount = "packet_count", frameCount = "frame_count"
        case analysedAt = "analysed_at", analysedBy = "analysed_by"
    }

}
