import Foundation
import DFCCore
import DFCLedger

/// One analysis of an exhibit as the catalog holds it: where its rows are, and its summary.
package struct StoredAnalysis: Sendable {
    package var location: AnalysisLocation
    package var format: String?
    package var containerJSON: String?
    package var libraries: String
    package var info: AnalysisInfo

    package var container: ContainerInfo? {
        get throws { try containerJSON.map { try JSONDecoder().decode(ContainerInfo.self, from: Data($0.utf8)) } }
    }

    package init(location: AnalysisLocation, format: String? = nil, containerJSON: String? = nil, libraries: String, info: AnalysisInfo) {
        self.location = location
        self.format = format
        self.containerJSON = containerJSON
        self.libraries = libraries
        self.info = info
    }
}

extension Catalog {
    /// Every analysis of an exhibit, oldest (the one made at ingest) first, the current one
    /// marked: the latest that finished, or the latest of all when none did.
    package static func analyses(of exhibit: ExhibitRecord, _ db: CatalogDB) throws -> [StoredAnalysis] {
        let events = try SQLRow.fetchAll(db, sql: """
            SELECT seq, action, payload FROM custody_event WHERE exhibit_id = ? AND action IN ('ingested', 'reanalysed') ORDER BY seq
            """, arguments: [exhibit.id!])
        var ingestedEvent: Int64?
        var reanalysedEvents: [String: Int64] = [:]
        let decoder = JSONDecoder()
        for row in events {
            let seq: Int64 = try row.at(0)
            if try row.at(1) as String == "ingested" {
                ingestedEvent = ingestedEvent ?? seq
            } else if let payload = try? decoder.decode(CustodyPayload.self, from: Data((try row.at(2) as String).utf8)),
                      let id = payload.details["analysis_id"] {
                reanalysedEvents[id] = seq
            }
        }
        let ingest = AnalysisLocation.ingest(exhibit: exhibit.id!)
        var list = [StoredAnalysis(
            location: ingest, format: exhibit.format, containerJSON: exhibit.containerJSON, libraries: exhibit.libraries,
            info: AnalysisInfo(
                number: 1, event: ingestedEvent, at: exhibit.ingestedAt, actor: exhibit.ingestedBy, reason: nil,
                libraries: exhibit.libraries, container: exhibit.format, packetCount: exhibit.packetCount,
                frameCount: exhibit.frameCount, findingCount: 0, finished: true, current: false))]
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM analysis WHERE exhibit_id = ? ORDER BY id", arguments: [exhibit.id])
        for record in try ids.compactMap({ try AnalysisRecord.fetchOne(db, key: $0) }) where record.exhibitID == exhibit.id {
            list.append(StoredAnalysis(
                location: .reanalysis(record.id!), format: record.format, containerJSON: record.containerJSON, libraries: record.libraries,
                info: AnalysisInfo(
                    number: list.count + 1, event: reanalysedEvents[String(record.id!)], at: record.analysedAt, actor: record.analysedBy,
                    reason: record.reason, libraries: record.libraries, container: record.format, packetCount: record.packetCount,
                    frameCount: record.frameCount, findingCount: 0, finished: true, current: false)))
        }
        for index in list.indices {
            let location = list[index].location
            list[index].info.findingCount = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(location.findings) WHERE \(location.keyColumn) = ?
                """, arguments: [location.key]) ?? 0
            list[index].info.finished = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(location.findings) WHERE \(location.keyColumn) = ? AND kind = ?
                """, arguments: [location.key, Finding.Kind.analysisFailed.rawValue]) == 0
        }
        let current = list.lastIndex(where: \.info.finished) ?? list.count - 1
        list[current].info.current = true
        return list
    }

    /// The analysis `show`, `frames`, `packets` and `lookup` answer from (see `analyses(of:_:)`).
    package static func currentAnalysis(of exhibit: ExhibitRecord, _ db: CatalogDB) throws -> StoredAnalysis {
        current(in: try analyses(of: exhibit, db))
    }

    /// The current one of an exhibit's analyses (`analyses(of:_:)` marks one, and always
    /// lists the ingest's first).
    package static func current(in analyses: [StoredAnalysis]) -> StoredAnalysis {
        analyses.first { $0.info.current } ?? analyses[analyses.count - 1]
    }
}
