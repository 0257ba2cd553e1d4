import Foundation

extension Exhibits {
    /// Corrects an exhibit's clock by `offset` (`±HH:MM:SS[.fff]`, added to the time its best
    /// layer gives): a signed `clock_corrected` event naming who, why, the layer corrected and
    /// the times before and after, with its row in `clock_correction`. Corrections stack; the
    /// file's own layers are never changed. Everyone who handles evidence may correct a clock.
    /// An exhibit with no time on the UTC timeline (no layer names its zone) has nothing to correct.
    public func correctClock(_ reference: String, offset: String, reason: String, actor: String) throws -> ExhibitReport {
        let signer = try Ledger.requireHandling(try ledger.signer(for: actor), command: "clock")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a clock correction needs a reason: the reference it was checked against (--reason TEXT)") }
        guard let milliseconds = ClockCorrection.milliseconds(parsing: offset) else {
            throw DFCError.invalidArgument("--offset \(offset): give ±HH:MM:SS or ±HH:MM:SS.fff (-01:00:00, +00:00:05.250)")
        }
        guard milliseconds != 0 else { throw DFCError.invalidArgument("--offset \(offset): a correction of nothing") }
        return try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                guard let id = record.id else { throw DFCError.exhibitNotFound(reference) }
                guard let span = try Catalog.span(exhibit: id, db) else {
                    let layers = try Catalog.timeLayers(exhibit: id, db)
                    throw DFCError.invalidArgument("\(record.exhibitID) has no time on the UTC timeline to correct: "
                        + (layers.isEmpty ? "the file gives no time at all" : "none of its time layers places the recording in a known zone (a file-system time is the copy's)"))
                }
                let layers = try Catalog.timeLayers(exhibit: id, db)
                let before = try clockCorrections(id, db).total
                let (total, overflow) = before.addingReportingOverflow(milliseconds)
                guard !overflow, let earlier = Self.shifted(span.startMilliseconds, by: before),
                      let corrected = Self.shifted(span.startMilliseconds, by: total) else {
                    throw DFCError.invalidArgument("--offset \(offset): the corrected time would be past any calendar")
                }
                var details = [
                    "command": "clock", "offset": ClockCorrection.text(milliseconds: milliseconds), "offset_ms": String(milliseconds),
                    "reason": reason, "start_before": CivilTime.text(earlier, zone: "Z"),
                    "start_after": CivilTime.text(corrected, zone: "Z"),
                ]
                if span.layer >= 0, span.layer < layers.count { details["layer"] = layers[span.layer].kind.rawValue }
                let event = try CustodyLog.append(db, action: "clock_corrected", signer: signer, exhibit: record.exhibitID, details: details)
                try Catalog.insert(ClockCorrectionRow(seq: event.seq, exhibit: id, offsetMilliseconds: milliseconds, reason: reason), db)
                return try report(record, db)
            }
        }
    }

    /// An exhibit's clock corrections as they were signed, oldest first, and their sum in milliseconds.
    func clockCorrections(_ exhibit: Int64, _ db: CatalogDB) throws -> (corrections: [ClockCorrection], total: Int64) {
        var total: Int64 = 0
        let corrections = try Catalog.clockCorrections(exhibit: exhibit, db).map { row in
            let event = try CustodyEventRecord.fetchOne(db, key: row.seq)
            total = total &+ row.offsetMilliseconds
            return ClockCorrection(event: row.seq, at: event?.recordedAt ?? "", actor: event?.actor ?? "",
                                   offset: ClockCorrection.text(milliseconds: row.offsetMilliseconds),
                                   offsetSeconds: Double(row.offsetMilliseconds) / 1000, reason: row.reason)
        }
        return (corrections, total)
    }

    /// `ms` moved by `offset`, when the result is a time between the years 1 and 9999.
    static func shifted(_ ms: Int64, by offset: Int64) -> Int64? {
        let (value, overflow) = ms.addingReportingOverflow(offset)
        guard !overflow, value >= -62_135_596_800_000, value <= 253_402_300_799_999 else { return nil }
        return value
    }
}
