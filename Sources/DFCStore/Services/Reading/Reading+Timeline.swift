import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Reading {
    /// Every exhibit of `caseID` (as amended) on one corrected UTC timeline, earliest first, optionally
    /// only those overlapping `from...to` (ISO 8601 with a zone); with the gaps no exhibit covers and
    /// the overlaps between exhibits. Every exhibit listed is recorded as an `accessed` event.
    public func timeline(caseID: String, from: String? = nil, to: String? = nil, actor: String) throws -> Timeline {
        var range: (Int64, Int64)?
        if from != nil || to != nil {
            guard let from, let to else { throw DFCError.invalidArgument("give both --from and --to, or neither") }
            range = try Self.range(TimeQuery(from: from, to: to))
        }
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                var placed: [(entry: Timeline.Entry, start: Int64, end: Int64)] = []
                var unplaced: [ExhibitID] = []
                var listed: [ExhibitRecord] = []
                for record in try Catalog.exhibits(inCase: caseID, db) {
                    guard let id = record.id else { continue }
                    let layers = try Catalog.timeLayers(exhibit: id, db)
                    guard let span = try Catalog.span(exhibit: id, db), span.layer >= 0, span.layer < layers.count else {
                        if range == nil { unplaced.append(record.exhibitID); listed.append(record) }
                        continue
                    }
                    let (corrections, total) = try exhibits.clockCorrections(id, db)
                    guard let start = Exhibits.shifted(span.startMilliseconds, by: total), let end = Exhibits.shifted(span.endMilliseconds, by: total) else { continue }
                    if let range, start > range.1 || end < range.0 { continue }
                    let now = try exhibits.current(record, db)
                    placed.append((Timeline.Entry(exhibit: record.exhibitID, source: now.source, originalName: record.originalName,
                                                  start: CivilTime.text(start, zone: "Z"), end: CivilTime.text(end, zone: "Z"),
                                                  layer: layers[span.layer], corrections: corrections), start, end))
                    listed.append(record)
                }
                placed.sort { ($0.start, $0.entry.exhibit.rawValue) < ($1.start, $1.entry.exhibit.rawValue) }
                var gaps: [Timeline.Gap] = []
                var overlaps: [Timeline.Overlap] = []
                var coveredUntil: Int64?
                for (index, item) in placed.enumerated() {
                    if let until = coveredUntil, item.start > until {
                        gaps.append(Timeline.Gap(from: CivilTime.text(until, zone: "Z"), to: CivilTime.text(item.start, zone: "Z"),
                                                 seconds: Double(item.start - until) / 1000))
                    }
                    for other in placed[..<index] where other.end > item.start {
                        let end = min(other.end, item.end)
                        overlaps.append(Timeline.Overlap(first: other.entry.exhibit, second: item.entry.exhibit, from: CivilTime.text(item.start, zone: "Z"),
                                                         to: CivilTime.text(end, zone: "Z"), seconds: Double(end - item.start) / 1000))
                    }
                    coveredUntil = max(coveredUntil ?? item.end, item.end)
                }
                try ledger.recordAccess(db, listed, signer: signer, command: "timeline", extra: ["case": caseID])
                return Timeline(caseID: caseID, entries: placed.map(\.entry), gaps: gaps, overlaps: overlaps, unplaced: unplaced)
            }
        }
    }
}
