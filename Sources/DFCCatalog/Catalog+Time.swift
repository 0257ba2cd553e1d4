import Foundation
import DFCCore
import DFCLedger

/// One exhibit on the UTC timeline, as its `exhibit_span` row has it, or its `exhibit_placement`
/// row when an examiner placed it (its clock's reading taken as UTC; the zone's offset is a correction).
package struct SpanRow: Sendable {
    package let exhibit: Int64
    package let startMilliseconds: Int64
    package let endMilliseconds: Int64
    /// The `idx` of the time layer the start came from.
    package let layer: Int
    /// Whether the row is an examiner's placement rather than the file's own span.
    package var placed = false

    package init(exhibit: Int64, startMilliseconds: Int64, endMilliseconds: Int64, layer: Int, placed: Bool = false) {
        self.exhibit = exhibit
        self.startMilliseconds = startMilliseconds
        self.endMilliseconds = endMilliseconds
        self.layer = layer
        self.placed = placed
    }
}

/// The spans and the placements, as one table of what is on the timeline.
private let timelineRows = """
    (SELECT exhibit_id, start_ms, end_ms, layer, CAST(0 AS BIGINT) AS placed FROM exhibit_span
     UNION ALL SELECT exhibit_id, start_ms, end_ms, layer, CAST(1 AS BIGINT) AS placed FROM exhibit_placement)
    """

extension Catalog {
    /// Inserts an exhibit's time layers, places and span (see `TimeSchema`).
    package static func insert(_ time: TimeLayers, exhibit: Int64, _ rows: RowInserter) throws {
        for (index, layer) in time.layers.enumerated() {
            try rows.add("time_layer", columns: ["exhibit_id", "idx", "kind", "tag", "value", "utc_ms", "local_time", "zone"], [
                exhibit, index, layer.kind.rawValue, layer.tag, layer.value, layer.utc.flatMap { CivilTime(parsing: $0)?.utcMilliseconds },
                layer.local, layer.zone,
            ])
        }
        for (index, place) in time.places.enumerated() {
            try rows.add("place", columns: ["exhibit_id", "idx", "tag", "value", "latitude", "longitude", "altitude"], [
                exhibit, index, place.tag, place.value, place.latitude, place.longitude, place.altitude,
            ])
        }
        if let span = time.span {
            try rows.add("exhibit_span", columns: ["exhibit_id", "start_ms", "end_ms", "layer"],
                         [exhibit, span.startMilliseconds, span.endMilliseconds, span.layer], digestFrom: 0)
        }
    }

    /// An exhibit's time layers in the order read; a row whose kind this DFC does not know is left out.
    package static func timeLayers(exhibit: Int64, _ db: CatalogDB) throws -> [TimeLayer] {
        try SQLRow.fetchAll(db, sql: "SELECT kind, tag, value, utc_ms, local_time, zone FROM time_layer WHERE exhibit_id = ? ORDER BY idx",
                            arguments: [exhibit]).compactMap { try TimeLayer(row: $0, from: 0) }
    }

    /// An exhibit's places in the order read.
    package static func places(exhibit: Int64, _ db: CatalogDB) throws -> [PlaceLayer] {
        try SQLRow.fetchAll(db, sql: "SELECT tag, value, latitude, longitude, altitude FROM place WHERE exhibit_id = ? ORDER BY idx",
                            arguments: [exhibit]).map { try PlaceLayer(row: $0, from: 0) }
    }

    /// An exhibit's span, if it has one: its own, else an examiner's placement.
    package static func span(exhibit: Int64, _ db: CatalogDB) throws -> SpanRow? {
        try SQLRow.fetchOne(db, sql: "SELECT exhibit_id, start_ms, end_ms, layer, placed FROM \(timelineRows) t WHERE exhibit_id = ? ORDER BY placed LIMIT 1",
                            arguments: [exhibit]).map(SpanRow.init)
    }

    /// Records the placement made by custody event `seq`.
    package static func insertPlacement(_ span: SpanRow, seq: Int64, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO exhibit_placement (seq, exhibit_id, start_ms, end_ms, layer) VALUES (?, ?, ?, ?, ?)",
                       arguments: [seq, span.exhibit, span.startMilliseconds, span.endMilliseconds, span.layer])
    }

    /// Every placement, by the custody event that made it, oldest first.
    package static func placements(_ db: CatalogDB) throws -> [(seq: Int64, span: SpanRow)] {
        try SQLRow.fetchAll(db, sql: "SELECT seq, exhibit_id, start_ms, end_ms, layer FROM exhibit_placement ORDER BY seq").map { row in
            (try row.at(0), SpanRow(exhibit: try row.at(1), startMilliseconds: try row.at(2), endMilliseconds: try row.at(3), layer: try row.at(4), placed: true))
        }
    }

    /// The exhibits that have both a span of their own and a placement (an examiner places only
    /// what has none).
    package static func placedAndSpanned(_ db: CatalogDB) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT p.exhibit_id FROM exhibit_placement p JOIN exhibit_span s ON s.exhibit_id = p.exhibit_id ORDER BY p.exhibit_id")
    }

    /// The spans that overlap `from...to` (milliseconds since 1970 UTC), earliest first, through
    /// the engine's interval index; `caseID` narrows to one case as recorded at ingest (the
    /// caller applies amendments). The R*Tree of SQLite answers a superset (its bounds are
    /// rounded outward), so every row is checked against the exact span. `after` pages through
    /// them: only spans after that (start, exhibit) are answered.
    package static func spans(overlapping from: Int64, _ to: Int64, limit: Int, after: (start: Int64, exhibit: Int64)? = nil,
                      _ db: CatalogDB) throws -> [SpanRow] {
        let (afterStart, afterExhibit) = after ?? (Int64.min, Int64.min)
        let sql: String
        let arguments: SQLArguments
        switch db.engine {
        case .sqlite:
            sql = """
                SELECT s.exhibit_id, s.start_ms, s.end_ms, s.layer, s.placed FROM exhibit_span_index r JOIN \(timelineRows) s ON s.exhibit_id = r.id
                WHERE r.start_s <= ? AND r.end_s >= ? AND s.start_ms <= ? AND s.end_ms >= ?
                AND (s.start_ms > ? OR (s.start_ms = ? AND s.exhibit_id > ?))
                ORDER BY s.start_ms, s.exhibit_id LIMIT ?
                """
            arguments = [Double(to) / 1000, Double(from) / 1000, to, from, afterStart, afterStart, afterExhibit, limit]
        case .postgresql:
            // Each table through its own GiST index, then merged.
            sql = """
                SELECT exhibit_id, start_ms, end_ms, layer, placed FROM (
                    (SELECT exhibit_id, start_ms, end_ms, layer, CAST(0 AS BIGINT) AS placed FROM exhibit_span
                     WHERE int8range(start_ms, end_ms, '[]') && int8range(?1, ?2, '[]') AND (start_ms, exhibit_id) > (?4, ?5)
                     ORDER BY start_ms, exhibit_id LIMIT ?3)
                    UNION ALL
                    (SELECT exhibit_id, start_ms, end_ms, layer, CAST(1 AS BIGINT) AS placed FROM exhibit_placement
                     WHERE int8range(start_ms, end_ms, '[]') && int8range(?1, ?2, '[]') AND (start_ms, exhibit_id) > (?4, ?5)
                     ORDER BY start_ms, exhibit_id LIMIT ?3)
                ) t ORDER BY start_ms, exhibit_id LIMIT ?3
                """
            arguments = [from, to, limit, afterStart, afterExhibit]
        }
        return try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map(SpanRow.init)
    }

    /// The first and last frame (of the lowest-numbered stream with frame rows) that lie within
    /// `from...to` seconds of the recording, and that stream. A recording whose timestamps step
    /// (a recorder's clock changing for daylight saving, or going back: a `clock_step` or
    /// `timestamp_backwards` finding) is followed frame by frame on its own elapsed time, each
    /// step counted as one frame interval, as its span's duration is; any other by its timestamps.
    package static func frames(exhibit: Int64, within from: Double, _ to: Double, _ db: CatalogDB) throws -> (stream: Int, first: Int, last: Int)? {
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM finding WHERE exhibit_id = ? AND kind IN ('clock_step', 'timestamp_backwards')",
                            arguments: [exhibit]) ?? 0 > 0 {
            return try framesByElapsed(exhibit: exhibit, within: from, to, db)
        }
        return try framesByTimestamp(exhibit: exhibit, within: from, to, db)
    }

    /// `frames` by each frame's timestamp from the stream's earliest one.
    private static func framesByTimestamp(exhibit: Int64, within from: Double, _ to: Double, _ db: CatalogDB) throws -> (stream: Int, first: Int, last: Int)? {
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT stream, min(pts_seconds) FROM frame WHERE exhibit_id = ? AND stream = (SELECT min(stream) FROM frame WHERE exhibit_id = ?)
            GROUP BY stream
            """, arguments: [exhibit, exhibit]) else { return nil }
        let stream: Int = try row.at(0)
        let start: Double? = try row.at(1)
        let origin = start ?? 0
        guard let range = try SQLRow.fetchOne(db, sql: """
            SELECT min(idx), max(idx) FROM frame WHERE exhibit_id = ? AND stream = ? AND pts_seconds >= ? AND pts_seconds <= ?
            """, arguments: [exhibit, stream, origin + from - 0.0005, origin + to + 0.0005]),
            let first: Int = try range.at(0) as Int?, let last: Int = try range.at(1) as Int? else { return nil }
        return (stream, first, last)
    }

    /// `frames` on the recording's elapsed time, frame by frame in order: each interval between
    /// timestamps added, but a step (back by more than a second, or forward by an hour give or
    /// take two seconds, as `DVRWallClock` names them) counted as the last ordinary interval.
    private static func framesByElapsed(exhibit: Int64, within from: Double, _ to: Double, _ db: CatalogDB) throws -> (stream: Int, first: Int, last: Int)? {
        guard let stream = try Int.fetchOne(db, sql: "SELECT min(stream) FROM frame WHERE exhibit_id = ?", arguments: [exhibit]) else { return nil }
        let cursor = try db.cursor(sql: "SELECT idx, pts_seconds FROM frame WHERE exhibit_id = ? AND stream = ? ORDER BY idx", arguments: [exhibit, stream])
        var elapsed = 0.0, interval = 0.0, previous: Double?
        var first: Int?, last: Int?
        while let row = try cursor.next() {
            let idx: Int = try row.at(0)
            guard let pts: Double = try row.at(1), pts.isFinite else { continue }
            if let previous {
                let delta = pts - previous
                if delta < -1 || abs(delta - interval - 3600) <= 2 {
                    elapsed += interval
                } else {
                    elapsed += delta
                    if delta > 0, delta <= 1 { interval = delta }
                }
            }
            previous = pts
            if elapsed >= from - 0.0005, elapsed <= to + 0.0005 {
                if first == nil { first = idx }
                last = idx
            } else if elapsed > to + 0.0005 {
                break
            }
        }
        guard let first, let last else { return nil }
        return (stream, first, last)
    }

    /// Where the interval index and the spans disagree: spans the index does not hold as they
    /// are (an exhibit a lookup would miss or misplace) and index entries of no span: SQLite's
    /// R*Tree walked from its root, PostgreSQL's GiST indexes scanned whole (`gistIndexProblems`).
    package static func spanIndexProblems(_ db: CatalogDB) throws -> [String] {
        guard db.engine == .sqlite else { return try gistIndexProblems(db) }
        var problems: [String] = []
        // SQLite's integrity check does not look inside an R*Tree: its own check of the tree's
        // structure, then every entry as a lookup reaches it, walking down from the root (a
        // lookup by row number would find a cell moved where no walk reaches it).
        if let verdict = try String.fetchOne(db, sql: "SELECT rtreecheck('exhibit_span_index')"), verdict != "ok" {
            problems.append("the time index (exhibit_span_index) is damaged, says SQLite's rtreecheck: \(Catalog.bounded(verdict)): "
                + "it was altered outside DFC, and a lookup by time may miss what it holds")
        }
        var walked: [Int64: (low: Double, high: Double)] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, start_s, end_s FROM exhibit_span_index WHERE start_s <= 1e300 AND end_s >= -1e300") {
            walked[try row.at(0)] = (try row.at(1), try row.at(2))
        }
        for row in try SQLRow.fetchAll(db, sql: "SELECT s.exhibit_id, s.start_ms, s.end_ms FROM \(timelineRows) s") {
            let exhibit: Int64 = try row.at(0), start: Int64 = try row.at(1), end: Int64 = try row.at(2)
            guard let (low, high) = walked[exhibit] else {
                problems.append("\(ExhibitID(exhibit)): its span on the timeline is missing from the time index (exhibit_span_index) "
                    + "as a lookup walks it from its root: a lookup by time would not find it")
                continue
            }
            if low > Double(start) / 1000 || high < Double(end) / 1000 {
                problems.append("\(ExhibitID(exhibit)): the time index (exhibit_span_index) does not cover its span on the timeline: a lookup by time would miss it")
            }
        }
        for id in try Int64.fetchAll(db, sql: """
            SELECT id FROM exhibit_span_index WHERE id NOT IN (SELECT exhibit_id FROM exhibit_span) AND id NOT IN (SELECT exhibit_id FROM exhibit_placement)
            """) {
            problems.append("the time index (exhibit_span_index) holds an entry \(id) that is no exhibit's span: it was added by hand")
        }
        return problems
    }

    /// PostgreSQL's GiST indexes of spans and placements, which amcheck does not check: every row
    /// obtained through the index (an index scan over the whole key space, the planner allowed
    /// nothing else) against the table read whole; a row the index misses or adds is named.
    private static func gistIndexProblems(_ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        for (table, index) in [("exhibit_span", "exhibit_span_range"), ("exhibit_placement", "exhibit_placement_range")] {
            let key = "int8range(start_ms, end_ms, '[]') && '(,)'::int8range"
            try db.execute(sql: "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off")
            let plan = try String.fetchAll(db, sql: "EXPLAIN SELECT exhibit_id FROM \(table) WHERE \(key)").joined(separator: " ")
            let viaIndex = Set(try Int64.fetchAll(db, sql: "SELECT exhibit_id FROM \(table) WHERE \(key)"))
            try db.execute(sql: "SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexonlyscan = on; "
                + "SET LOCAL enable_indexscan = off")
            let inTable = Set(try Int64.fetchAll(db, sql: "SELECT exhibit_id FROM \(table)"))
            try db.execute(sql: "SET LOCAL enable_indexscan = on")
            guard plan.contains(index) else {
                problems.append("\(table): its index \(index) could not be walked (the planner chose: \(Catalog.bounded(plan)))")
                continue
            }
            for exhibit in inTable.subtracting(viaIndex).sorted() {
                problems.append("\(ExhibitID(exhibit)): its row in \(table) is missing from the index \(index) as a lookup walks it: "
                    + "a lookup by time would not find it; the index was altered outside DFC")
            }
            for exhibit in viaIndex.subtracting(inTable).sorted() {
                problems.append("\(table): its index \(index) answers exhibit \(exhibit), which the table does not hold: the index was altered outside DFC")
            }
        }
        return problems
    }

    /// How many time, place and span rows an exhibit has (for one whose event commits to none).
    package static func timeRowCount(exhibit: Int64, _ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM time_layer WHERE exhibit_id = ?) + (SELECT count(*) FROM place WHERE exhibit_id = ?)
                 + (SELECT count(*) FROM exhibit_span WHERE exhibit_id = ?)
            """, arguments: [exhibit, exhibit, exhibit]) ?? 0
    }
}

extension SpanRow {
    package init(_ row: SQLRow) throws {
        let placed: Int64 = try row.at(4)
        self.init(exhibit: try row.at(0), startMilliseconds: try row.at(1), endMilliseconds: try row.at(2), layer: try row.at(3), placed: placed != 0)
    }
}

/// A row of `clock_correction`: one examiner's correction of an exhibit's clock.
package struct ClockCorrectionRow: Sendable {
    package let seq: Int64
    package let exhibit: Int64
    package let offsetMilliseconds: Int64
    package let reason: String

    package init(seq: Int64, exhibit: Int64, offsetMilliseconds: Int64, reason: String) {
        self.seq = seq
        self.exhibit = exhibit
        self.offsetMilliseconds = offsetMilliseconds
        self.reason = reason
    }
}

extension Catalog {
    /// Records the correction made by custody event `seq`.
    package static func insert(_ correction: ClockCorrectionRow, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO clock_correction (seq, exhibit_id, offset_ms, reason) VALUES (?, ?, ?, ?)",
                       arguments: [correction.seq, correction.exhibit, correction.offsetMilliseconds, correction.reason])
    }

    /// An exhibit's clock corrections, oldest first; or every one, for the audit.
    package static func clockCorrections(exhibit: Int64?, _ db: CatalogDB) throws -> [ClockCorrectionRow] {
        let rows = if let exhibit {
            try SQLRow.fetchAll(db, sql: "SELECT seq, exhibit_id, offset_ms, reason FROM clock_correction WHERE exhibit_id = ? ORDER BY seq",
                                arguments: [exhibit])
        } else {
            try SQLRow.fetchAll(db, sql: "SELECT seq, exhibit_id, offset_ms, reason FROM clock_correction ORDER BY seq")
        }
        return try rows.map(ClockCorrectionRow.init)
    }

    /// The largest total correction of any one exhibit, in milliseconds either way: a time lookup
    /// widens its range by it in the index (which holds the spans as the files gave them).
    package static func widestClockCorrection(_ db: CatalogDB) throws -> Int64 {
        let totals = try Int64.fetchAll(db, sql: "SELECT CAST(sum(offset_ms) AS BIGINT) FROM clock_correction GROUP BY exhibit_id")
        return totals.map { $0 == .min ? .max : abs($0) }.max() ?? 0
    }
}

extension Catalog {
    /// Records the registration made by custody event `seq`.
    package static func insert(_ source: CameraSourceRow, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO camera_source (seq, name, latitude, longitude, heading, zone, file_name_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [source.seq, source.name, source.latitude, source.longitude, source.heading, source.zone, source.fileNameTime])
    }

    /// The latest registration of the camera `name`, or every registration (oldest first) for nil.
    package static func cameraSources(named name: String?, _ db: CatalogDB) throws -> [CameraSourceRow] {
        let rows = if let name {
            try SQLRow.fetchAll(db, sql: "SELECT seq, name, latitude, longitude, heading, zone, file_name_time FROM camera_source WHERE name = ? ORDER BY seq DESC LIMIT 1",
                                arguments: [name])
        } else {
            try SQLRow.fetchAll(db, sql: "SELECT seq, name, latitude, longitude, heading, zone, file_name_time FROM camera_source ORDER BY seq")
        }
        return try rows.map { row in
            CameraSourceRow(seq: try row.at(0), name: try row.at(1), latitude: try row.at(2), longitude: try row.at(3), heading: try row.at(4), zone: try row.at(5),
                            fileNameTime: try row.at(6))
        }
    }
}

/// What a time lookup reads of its candidate exhibits, each table read once for all of them.
package struct TimeRows {
    package var records: [Int64: ExhibitRecord] = [:]
    package var layers: [Int64: [TimeLayer]] = [:]
    package var places: [Int64: [PlaceLayer]] = [:]
    package var corrections: [Int64: [ClockCorrectionRow]] = [:]

    package init(records: [Int64: ExhibitRecord] = [:], layers: [Int64: [TimeLayer]] = [:], places: [Int64: [PlaceLayer]] = [:], corrections: [Int64: [ClockCorrectionRow]] = [:]) {
        self.records = records
        self.layers = layers
        self.places = places
        self.corrections = corrections
    }
}

extension Catalog {
    /// The exhibit rows, time layers, places and clock corrections of `exhibits`, one statement
    /// per table for every 500 of them (rather than a round trip per exhibit and table).
    package static func timeRows(of exhibits: [Int64], _ db: CatalogDB) throws -> TimeRows {
        var rows = TimeRows()
        var start = 0
        while start < exhibits.count {
            let chunk = Array(exhibits[start..<min(exhibits.count, start + 500)])
            start += chunk.count
            let list = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let arguments = SQLArguments(chunk.map { $0 as any SQLConvertible })
            for record in try ExhibitRecord.fetchAll(db, sql: "SELECT * FROM exhibit WHERE id IN (\(list))", arguments: arguments) {
                if let id = record.id { rows.records[id] = record }
            }
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT exhibit_id, kind, tag, value, utc_ms, local_time, zone FROM time_layer WHERE exhibit_id IN (\(list)) ORDER BY exhibit_id, idx
                """, arguments: arguments) {
                if let layer = try TimeLayer(row: row, from: 1) { rows.layers[try row.at(0), default: []].append(layer) }
            }
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT exhibit_id, tag, value, latitude, longitude, altitude FROM place WHERE exhibit_id IN (\(list)) ORDER BY exhibit_id, idx
                """, arguments: arguments) {
                rows.places[try row.at(0), default: []].append(try PlaceLayer(row: row, from: 1))
            }
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT seq, exhibit_id, offset_ms, reason FROM clock_correction WHERE exhibit_id IN (\(list)) ORDER BY exhibit_id, seq
                """, arguments: arguments) {
                let correction = try ClockCorrectionRow(row)
                rows.corrections[correction.exhibit, default: []].append(correction)
            }
        }
        return rows
    }
}

extension TimeLayer {
    /// A `time_layer` row's kind, tag, value, utc_ms, local_time and zone, read from column
    /// `first` on; nil for a kind this DFC does not know (such a row is left out).
    package init?(row: SQLRow, from first: Int) throws {
        guard let kind = Kind(rawValue: try row.at(first)) else { return nil }
        let utc: Int64? = try row.at(first + 3)
        self.init(kind: kind, tag: try row.at(first + 1), value: try row.at(first + 2), utc: utc.map { CivilTime.text($0, zone: "Z") },
                  local: try row.at(first + 4), zone: try row.at(first + 5))
    }
}

extension PlaceLayer {
    /// A `place` row's tag, value, latitude, longitude and altitude, read from column `first` on.
    package init(row: SQLRow, from first: Int) throws {
        self.init(tag: try row.at(first), value: try row.at(first + 1), latitude: try row.at(first + 2), longitude: try row.at(first + 3),
                  altitude: try row.at(first + 4))
    }
}

extension ClockCorrectionRow {
    /// A `clock_correction` row: seq, exhibit_id, offset_ms, reason.
    package init(_ row: SQLRow) throws {
        self.init(seq: try row.at(0), exhibit: try row.at(1), offsetMilliseconds: try row.at(2), reason: try row.at(3))
    }
}
