import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Exhibits {
    /// Corrects an exhibit's clock by `offset` (`±HH:MM:SS[.fff]`, added to the time its best
    /// layer gives): a signed `clock_corrected` event naming who, why, the layer corrected and
    /// the times before and after, with its row in `clock_correction`. Corrections stack; the
    /// file's own layers are never changed. Everyone who handles evidence may correct a clock.
    /// An exhibit with no time on the UTC timeline (no layer names its zone) has nothing to correct.
    ///
    /// With `zone` (an IANA name), the clock is said to show local time there although its layer
    /// says otherwise (an action camera's or DVR's local time labelled UTC): its reading, as
    /// corrected so far, is read in the zone, and that zone's offset at that moment (summer or
    /// winter) is the correction, with `offset` added when given. A reading the zone repeats or
    /// skips is refused, naming both instants or none.
    public func correctClock(_ reference: String, offset: String?, zone: String? = nil, reason: String, actor: String) throws -> ExhibitReport {
        let (signer, milliseconds, reason, zone) = try correctionArguments(offset: offset, zone: zone, reason: reason, actor: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                try appendCorrection(record, milliseconds: milliseconds, zone: zone, reason: reason, details: [:], signer: signer, db)
                return try report(record, db)
            }
        }
    }

    /// Corrects the clock of the camera `source` (its source as amended, exactly) over `from...to`
    /// (ISO 8601 with a zone): a signed `camera_clock_corrected` event that stands for the camera
    /// over the range, then one signed `clock_corrected` event per exhibit of it already there (its
    /// span, with the corrections it has, overlaps the range), each naming the standing event, all in
    /// one transaction. Footage of the camera ingested later over the range gets its own
    /// `clock_corrected` event following the standing one as it is ingested (`standingCorrections`).
    /// With `zone`, each exhibit's own reading is read in it (so footage from before and after a
    /// daylight-saving change each gets its own offset); one reading the zone cannot place
    /// refuses the whole correction. With `zone`, the camera's exhibits that are not on the
    /// timeline at all are placed too, each whose best zone-less reading, read in the zone, falls
    /// in the range (a reading the zone cannot tell apart near the range refuses it all). A camera
    /// with no exhibit there and no entry in the register is refused (a mistyped name), nothing recorded.
    public func correctClock(source: String, from: String, to: String, offset: String?, zone: String? = nil, reason: String, actor: String) throws -> [ExhibitReport] {
        let (signer, milliseconds, reason, zone) = try correctionArguments(offset: offset, zone: zone, reason: reason, actor: actor)
        let (low, high) = try Reading.range(TimeQuery(from: from, to: to))
        return try withCatalog {
            try catalog.write { db in
                // Every span in the range, a page at a time: a camera's footage is never cut at a count.
                var records: [ExhibitRecord] = []
                var after: (start: Int64, exhibit: Int64)?
                repeat {
                    let (spans, rows, last) = try correctedSpans(overlapping: low, high, limit: 10_000, after: after, db)
                    for placed in spans {
                        if let record = rows.records[placed.span.exhibit], try current(record, db).source == source { records.append(record) }
                    }
                    after = last
                } while after != nil
                if let zone {
                    for record in try Catalog.unplacedExhibits(source: source, db) {
                        guard let id = record.id, let placement = try Self.placement(record, layers: try Catalog.timeLayers(exhibit: id, db)) else { continue }
                        switch Self.reach(placement.startMilliseconds, placement.endMilliseconds, zone: zone.zone, low: low, high: high) {
                        case .outside: continue
                        case .at: records.append(record)
                        case .ambiguous(let instants):
                            throw DFCError.invalidArgument("\(record.exhibitID), not yet on the timeline, reads \(CivilTime.text(placement.startMilliseconds)), "
                                + "which in \(zone.name) " + Self.ambiguity(instants) + ", near the range; nothing was corrected (place it alone once its "
                                + "instant is known, or give a range that leaves it out)")
                        }
                    }
                }
                let registered = try !Catalog.cameraSources(named: source, db).isEmpty
                guard !records.isEmpty || registered else {
                    throw DFCError.invalidArgument("no exhibit of the source \"\(source)\" is on the timeline between \(from) and \(to), and no camera "
                        + "of that name is in the register (dfc source list): nothing was corrected")
                }
                var standing = ["command": "clock", "source": source, "range_from": from, "range_to": to, "range_from_ms": String(low),
                                "range_to_ms": String(high), "offset_ms": String(milliseconds), "reason": reason]
                if milliseconds != 0 { standing["offset"] = ClockCorrection.text(milliseconds: milliseconds) }
                if let zone { standing["zone"] = zone.name }
                let event = try CustodyLog.append(db, action: "camera_clock_corrected", signer: signer, exhibit: nil, details: standing)
                return try records.map { record in
                    try appendCorrection(record, milliseconds: milliseconds, zone: zone, reason: reason,
                                         details: ["source": source, "range_from": from, "range_to": to, "standing": String(event.seq)], signer: signer, db)
                    return try report(record, db)
                }
            }
        }
    }

    /// The standing corrections of the camera `source` (its `camera_clock_corrected` events, oldest
    /// first) that reach an exhibit of it being ingested with `span` (UTC milliseconds): each whose
    /// range the span overlaps, as corrected by those before it. A zone correction whose zone
    /// cannot place the exhibit's reading (an hour it skips or repeats) is a finding instead, never
    /// a guess. The events are found by action; what is applied is checked by the audit against them.
    package func standingCorrections(source: String, span: (start: Int64, end: Int64), unplaced: Bool, _ db: CatalogDB) throws
        -> (apply: [(seq: Int64, details: [String: String])], findings: [Finding]) {
        let events = try Catalog.events(action: "camera_clock_corrected", db).compactMap { event in
            CustodyLog.decode(event).map { (seq: event.seq, details: $0.details) }
        }
        return Self.reached(by: events, source: source, span: span, unplaced: unplaced)
    }

    /// `standingCorrections` over the standing `events` given (oldest first): what the audit
    /// recomputes from the log for each exhibit ingested after them.
    package static func reached(by events: [(seq: Int64, details: [String: String])], source: String, span: (start: Int64, end: Int64), unplaced: Bool)
        -> (apply: [(seq: Int64, details: [String: String])], findings: [Finding]) {
        var apply: [(seq: Int64, details: [String: String])] = [], findings: [Finding] = []
        var total: Int64 = 0, unplaced = unplaced
        for event in events {
            let details = event.details
            guard details["source"] == source,
                  let low = details["range_from_ms"].flatMap(Int64.init), let high = details["range_to_ms"].flatMap(Int64.init),
                  var milliseconds = details["offset_ms"].flatMap(Int64.init),
                  let start = Self.shifted(span.start, by: total), let end = Self.shifted(span.end, by: total) else { continue }
            func unclear(_ name: String, _ instants: [Int64]) {
                findings.append(Finding(kind: .localTimeAmbiguous, severity: .warning, message: "the camera's clock correction by custody event "
                    + "\(event.seq) reads its clock as \(name) time, but \(CivilTime.text(start)) " + Self.ambiguity(instants) + " there; not applied"))
            }
            if unplaced {
                // Only a zone places a reading of unknown zone; an offset alone has nothing to move.
                guard let name = details["zone"], let zone = CameraSource.zone(named: name) else { continue }
                switch Self.reach(start, end, zone: zone, low: low, high: high) {
                case .outside: continue
                case .ambiguous(let instants): unclear(name, instants); continue
                case .at(let utc): milliseconds = milliseconds &+ (utc - start)
                }
                unplaced = false
            } else {
                guard start <= high, end >= low else { continue }
                if let name = details["zone"] {
                    let instants = CameraSource.zone(named: name).map { CameraSource.instants(local: start, in: $0) } ?? []
                    guard instants.count == 1, let utc = instants.first else { unclear(name, instants); continue }
                    milliseconds = milliseconds &+ (utc - start)
                }
            }
            // Its end as well as its start stays on the calendar, or the recording would leave the timeline unseen.
            guard Self.shifted(span.start, by: total &+ milliseconds) != nil, Self.shifted(span.end, by: total &+ milliseconds) != nil else { continue }
            total = total &+ milliseconds
            apply.append((event.seq, details))
        }
        return (apply, findings)
    }

    /// Where a clock's reading `start...end` (local milliseconds), read in `zone`, lies against the
    /// range `low...high` (UTC): outside it, at one instant overlapping it, or unclear: the zone
    /// skips or repeats that hour and the reading is near enough the range for either.
    package enum Reach { case outside, at(Int64), ambiguous([Int64]) }

    package static func reach(_ start: Int64, _ end: Int64, zone: TimeZone, low: Int64, high: Int64) -> Reach {
        let instants = CameraSource.instants(local: start, in: zone)
        if instants.count == 1, let utc = instants.first { return utc <= high && utc + (end - start) >= low ? .at(utc) : .outside }
        return start - TimeLayers.widestZone <= high && end + TimeLayers.widestZone >= low ? .ambiguous(instants) : .outside
    }

    /// Why a zone cannot place a reading, in words: the instants it names, or none.
    package static func ambiguity(_ instants: [Int64]) -> String {
        instants.isEmpty ? "never happened (the clocks skipped that hour)"
            : "happened twice (the clocks went back): at " + instants.map { CivilTime.text($0, zone: "Z") }.joined(separator: " and at ")
    }

    /// Appends, for the exhibit `record` just ingested, one `clock_corrected` event (signed by
    /// its ingest's `signer`, with `extra` details such as the batch it was recorded for)
    /// following each standing correction `standingCorrections` found.
    package func applyStanding(_ corrections: [(seq: Int64, details: [String: String])], to record: ExhibitRecord, extra: [String: String],
                       signer: Signer, _ db: CatalogDB) throws {
        for (seq, details) in corrections {
            let zone = details["zone"].flatMap { name in CameraSource.zone(named: name).map { (name: name, zone: $0) } }
            var more = extra
            for key in ["source", "range_from", "range_to"] { more[key] = details[key] }
            more["standing"] = String(seq)
            more["command"] = "ingest"
            try appendCorrection(record, milliseconds: details["offset_ms"].flatMap(Int64.init) ?? 0, zone: zone, reason: details["reason"] ?? "",
                                 details: more, signer: signer, db)
        }
    }

    /// The spans whose exhibits, with their clock corrections, overlap `from...to` (milliseconds
    /// since 1970 UTC), in the index's order, each with its corrected first and last millisecond,
    /// and the rows read for them (`Catalog.timeRows`). The index holds the spans as the files gave
    /// them, so it is asked for the range widened by the widest correction of any exhibit.
    package func correctedSpans(overlapping from: Int64, _ to: Int64, limit: Int, after: (start: Int64, exhibit: Int64)? = nil, _ db: CatalogDB) throws
        -> (spans: [(span: SpanRow, start: Int64, end: Int64)], rows: TimeRows, last: (start: Int64, exhibit: Int64)?) {
        let widest = try Catalog.widestClockCorrection(db)
        let low = from.subtractingReportingOverflow(widest), high = to.addingReportingOverflow(widest)
        let candidates = try Catalog.spans(overlapping: low.overflow ? .min : low.partialValue, high.overflow ? .max : high.partialValue,
                                           limit: limit, after: after, db)
        let rows = try Catalog.timeRows(of: candidates.map(\.exhibit), db)
        let spans = candidates.compactMap { span -> (span: SpanRow, start: Int64, end: Int64)? in
            let total = (rows.corrections[span.exhibit] ?? []).reduce(Int64(0)) { $0 &+ $1.offsetMilliseconds }
            guard let start = Self.shifted(span.startMilliseconds, by: total), let end = Self.shifted(span.endMilliseconds, by: total),
                  start <= to, end >= from else { return nil }
            return (span, start, end)
        }
        // The last candidate read (the next page starts after it), or nil when fewer than `limit` were left.
        let last = candidates.count < limit ? nil : candidates.last.map { (start: $0.startMilliseconds, exhibit: $0.exhibit) }
        return (spans, rows, last)
    }

    /// The signer, the offset in milliseconds (0 with a zone alone), the trimmed reason and the
    /// zone of a correction, or a clear error.
    private func correctionArguments(offset: String?, zone: String?, reason: String, actor: String) throws
        -> (Signer, Int64, String, (name: String, zone: TimeZone)?) {
        let signer = try Ledger.requireHandling(try ledger.signer(for: actor), command: "clock")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a clock correction needs a reason: the reference it was checked against (--reason TEXT)") }
        guard offset != nil || zone != nil else { throw DFCError.invalidArgument("give --offset ±HH:MM:SS, --zone Area/City, or both") }
        var milliseconds: Int64 = 0
        if let offset {
            guard let value = ClockCorrection.milliseconds(parsing: offset) else {
                throw DFCError.invalidArgument("--offset \(offset): give ±HH:MM:SS or ±HH:MM:SS.fff (-01:00:00, +00:00:05.250)")
            }
            guard value != 0 else { throw DFCError.invalidArgument("--offset \(offset): a correction of nothing") }
            milliseconds = value
        }
        let named = try zone.map { name -> (name: String, zone: TimeZone) in
            guard let found = CameraSource.zone(named: name) else {
                throw DFCError.invalidArgument("--zone \(name): not a zone this system's zone database knows (give an IANA name such as Asia/Karachi)")
            }
            return (name, found)
        }
        return (signer, milliseconds, reason, named)
    }

    /// Appends one exhibit's `clock_corrected` event (with `details` added) and its row. An exhibit
    /// with no span, given a zone, is placed: its best clock reading of unknown zone (`placement`)
    /// is read in the zone, and the event's `exhibit_placement` row puts it on the timeline.
    package func appendCorrection(_ record: ExhibitRecord, milliseconds explicit: Int64, zone: (name: String, zone: TimeZone)?, reason: String,
                          details extra: [String: String], signer: Signer, _ db: CatalogDB) throws {
        guard let id = record.id else { throw DFCError.exhibitNotFound(record.exhibitID.description) }
        let layers = try Catalog.timeLayers(exhibit: id, db)
        var placing: SpanRow?
        if try Catalog.span(exhibit: id, db) == nil {
            let nothing = "\(record.exhibitID) has no time on the UTC timeline to correct: "
                + (layers.isEmpty ? "the file gives no time at all" : "none of its time layers places the recording in a known zone (a file-system time is the copy's)")
            guard let found = try Self.placement(record, layers: layers) else { throw DFCError.invalidArgument(nothing) }
            guard zone != nil else {
                throw DFCError.invalidArgument(nothing + "; give --zone Area/City to place it by its \(layers[found.layer].kind.rawValue) reading, "
                    + "read as that zone's local time")
            }
            placing = found
        }
        guard let span = try placing ?? Catalog.span(exhibit: id, db) else { throw DFCError.exhibitNotFound(record.exhibitID.description) }
        let before = try clockCorrections(id, db).total
        guard let earlier = Self.shifted(span.startMilliseconds, by: before) else {
            throw DFCError.invalidArgument("the corrected time of \(record.exhibitID) is past any calendar")
        }
        var milliseconds = explicit
        var zoneDetails: [String: String] = [:]
        if let zone {
            // The clock's reading, as corrected so far, is local time in the zone.
            let instants = CameraSource.instants(local: earlier, in: zone.zone)
            guard instants.count == 1, let utc = instants.first else {
                throw DFCError.invalidArgument("\(record.exhibitID): its clock reads \(CivilTime.text(earlier)), which in \(zone.name) " + Self.ambiguity(instants)
                    + (placing == nil ? "; give the offset instead (--offset)" : "; it is not placed by a reading that zone cannot tell apart"))
            }
            let (sum, overflow) = (utc - earlier).addingReportingOverflow(explicit)
            guard !overflow else { throw DFCError.invalidArgument("the corrected time of \(record.exhibitID) would be past any calendar") }
            milliseconds = sum
            zoneDetails = ["zone": zone.name, "zone_offset": ClockCorrection.text(milliseconds: utc - earlier)]
        }
        let (total, overflow) = before.addingReportingOverflow(milliseconds)
        // The end too: a recording whose corrected end passed the year 9999 would leave the timeline unseen.
        guard !overflow, let corrected = Self.shifted(span.startMilliseconds, by: total), Self.shifted(span.endMilliseconds, by: total) != nil else {
            throw DFCError.invalidArgument("--offset \(ClockCorrection.text(milliseconds: milliseconds)): the corrected time of \(record.exhibitID) "
                + "would be past any calendar (its start or its end outside the years 1 to 9999)")
        }
        var details = [
            "command": "clock", "offset": ClockCorrection.text(milliseconds: milliseconds), "offset_ms": String(milliseconds),
            "reason": reason, "start_before": CivilTime.text(earlier, zone: "Z"),
            "start_after": CivilTime.text(corrected, zone: "Z"),
        ]
        details.merge(zoneDetails) { $1 }
        details.merge(extra) { $1 }
        if span.layer >= 0, span.layer < layers.count { details["layer"] = layers[span.layer].kind.rawValue }
        if let placing {
            details["placed"] = "true"
            details["placed_layer"] = String(placing.layer)
            details["placed_start_ms"] = String(placing.startMilliseconds)
            details["placed_end_ms"] = String(placing.endMilliseconds)
        }
        let event = try CustodyLog.append(db, action: "clock_corrected", signer: signer, exhibit: record.exhibitID, details: details)
        if let placing { try Catalog.insertPlacement(placing, seq: event.seq, db) }
        try Catalog.insert(ClockCorrectionRow(seq: event.seq, exhibit: id, offsetMilliseconds: milliseconds, reason: reason), db)
    }

    /// The layers an exhibit with no span may be placed by, best first: the recorder's own
    /// clocks (a DVR's packet dates, a drone's telemetry), then the file's dates without a zone,
    /// then the time in its name.
    package static let placementOrder: [TimeLayer.Kind] = [.dvrWallClock, .droneTelemetry, .exifOriginal, .quicktimeCreation, .containerCreation, .fileName]

    /// Where an exhibit with no span would sit with its best zone-less reading taken as UTC (as a
    /// span from a clock of unknown zone is, before the zone's offset is added): from that
    /// reading for the recording's duration. Nil when no layer gives such a reading.
    package static func placement(_ record: ExhibitRecord, layers: [TimeLayer]) throws -> SpanRow? {
        guard let id = record.id else { return nil }
        let readings = layers.map { $0.utc == nil ? CivilTime(parsing: $0.local)?.localMilliseconds : nil }
        guard let index = Self.placementOrder.lazy.compactMap({ kind in layers.indices.first { layers[$0].kind == kind && readings[$0] != nil } }).first,
              let start = readings[index] else { return nil }
        let container = try? record.containerJSON.map { try JSONDecoder().decode(ContainerInfo.self, from: Data($0.utf8)) }
        let duration = TimeLayers.duration(seconds: container?.durationSeconds, tags: container?.tags ?? [:])
        return SpanRow(exhibit: id, startMilliseconds: start, endMilliseconds: start + duration, layer: index, placed: true)
    }

    /// An exhibit's clock corrections as they were signed, oldest first, and their sum in milliseconds.
    package func clockCorrections(_ exhibit: Int64, _ db: CatalogDB) throws -> (corrections: [ClockCorrection], total: Int64) {
        var total: Int64 = 0
        let corrections = try Catalog.clockCorrections(exhibit: exhibit, db).map { row in
            let event = try CustodyEventRecord.fetchOne(db, key: row.seq)
            let details = event.flatMap { CustodyLog.decode($0)?.details }
            total = total &+ row.offsetMilliseconds
            return ClockCorrection(event: row.seq, at: event?.recordedAt ?? "", actor: event?.actor ?? "",
                                   offset: ClockCorrection.text(milliseconds: row.offsetMilliseconds),
                                   offsetSeconds: Double(row.offsetMilliseconds) / 1000, reason: row.reason,
                                   zone: details?["zone"], standing: details?["standing"].flatMap(Int64.init),
                                   placed: details?["placed"] == "true" ? true : nil)
        }
        return (corrections, total)
    }

    /// `ms` moved by `offset`, when the result is a time between the years 1 and 9999.
    package static func shifted(_ ms: Int64, by offset: Int64) -> Int64? {
        let (value, overflow) = ms.addingReportingOverflow(offset)
        guard !overflow, value >= -62_135_596_800_000, value <= 253_402_300_799_999 else { return nil }
        return value
    }
}
