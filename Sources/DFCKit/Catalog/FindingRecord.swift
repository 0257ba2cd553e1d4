internal import GRDB

/// A row of `finding`.
struct FindingRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "finding"

    var id: Int64?
    var exhibitID: Int64
    var kind: String
    var severity: String
    var message: String
    var stream: Int?
    var packet: Int?
    var frame: Int?
    var seconds: Double?

    enum CodingKeys: String, CodingKey {
        case id, kind, severity, message, stream, packet, frame, seconds
        case exhibitID = "exhibit_id"
    }

    init(exhibitID: Int64, finding: Finding) {
        self.exhibitID = exhibitID
        kind = finding.kind.rawValue
        severity = finding.severity.rawValue
        message = finding.message
        stream = finding.stream
        packet = finding.packet
        frame = finding.frame
        seconds = finding.seconds
    }

    var finding: Finding {
        Finding(kind: Finding.Kind(rawValue: kind) ?? .moreFindings, severity: Finding.Severity(rawValue: severity) ?? .info,
                message: message, stream: stream, packet: packet, frame: frame, seconds: seconds)
    }
}
