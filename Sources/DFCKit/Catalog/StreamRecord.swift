import Foundation
internal import GRDB

/// A row of `stream`: one stream of an exhibit, its parameters kept as JSON.
struct StreamRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stream"

    var exhibitID: Int64
    var idx: Int
    var type: String
    var codec: String
    var frameCount: Int
    var framehashTB: String?
    var infoJSON: String

    enum CodingKeys: String, CodingKey {
        case idx, type, codec
        case exhibitID = "exhibit_id", frameCount = "frame_count", framehashTB = "framehash_tb", infoJSON = "info_json"
    }

    init(exhibitID: Int64, info: StreamInfo, framehashTimeBase: String?) throws {
        self.exhibitID = exhibitID
        idx = info.index
        type = info.type
        codec = info.codec
        frameCount = info.frameCount
        framehashTB = framehashTimeBase
        infoJSON = try CanonicalJSON.string(info)
    }

    func info() throws -> StreamInfo { try JSONDecoder().decode(StreamInfo.self, from: Data(infoJSON.utf8)) }
}
