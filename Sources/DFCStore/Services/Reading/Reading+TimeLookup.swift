import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Reading {
    /// The exhibits whose recording overlaps `query`'s range on the UTC timeline, earliest first,
    /// each with the layer its time came from, the clock corrections applied to it (`dfc clock`),
    /// and the offsets and frames inside it where the range begins and ends. Answered from the interval index; every hit is recorded as an
    /// `accessed` event on its exhibit, like every lookup. Every filter (case, source, place) is
    /// applied to every exhibit in the range before the page is cut at `query.limit`: the page says
    /// how many more matched and how to fetch them (`TimeLookupPage.more`, `next`).
    public func lookup(_ query: TimeQuery, actor: String) throws -> TimeLookupPage {
        let (from, to) = try Self.range(query)
        if let near = query.near { try Self.checkPoint(near, radiusMetres: query.radiusMetres) }
        guard query.limit > 0 else { throw DFCError.invalidArgument("the limit must be at least 1") }
        let continuation = try query.after.map(Self.continuation)
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                // Every exhibit in the range, a page of the index at a time, through every filter;
                // only what matched is kept (its key), so memory stays small over a busy day.
                var matched: [(start: Int64, exhibit: Int64, end: Int64, span: SpanRow, distance: Double?)] = []
                var after: (start: Int64, exhibit: Int64)?
                repeat {
                    let (spans, rows, last) = try exhibits.correctedSpans(overlapping: from, to, limit: 2_000, after: after, db)
                    after = last
                    for (span, start, end) in spans {
                        if let continuation, (start, span.exhibit) <= continuation { continue }
                        // A span row whose exhibit row is gone (removed by hand: the audit names it) answers nothing.
                        guard let record = rows.records[span.exhibit] else { continue }
                        let layers = rows.layers[span.exhibit] ?? []
                        guard span.layer >= 0, span.layer < layers.count else { continue }
                        guard try admits(record, caseID: query.caseID, source: query.source, sourceContains: query.sourceContains,
                                         signatures: query.signatures, db) else { continue }
                        var distance: Double?
                        if let near = query.near {
                            distance = (rows.places[span.exhibit] ?? []).map { Self.metres(near, ($0.latitude, $0.longitude)) }.min()
                            guard let distance, distance <= query.radiusMetres else { continue }
                        }
                        matched.append((start, span.exhibit, end, span, distance))
                    }
                } while after != nil
                matched.sort { ($0.start, $0.exhibit) < ($1.start, $1.exhibit) }
                let page = matched.prefix(query.limit)
                let rows = try Catalog.timeRows(of: page.map(\.exhibit), db)
                var hits: [TimeHit] = []
                var records: [ExhibitRecord] = []
                for (start, exhibit, end, span, distance) in page {
                    guard let record = rows.records[exhibit], let layers = rows.layers[exhibit], span.layer < layers.count else { continue }
                    let corrections = rows.corrections[exhibit] == nil ? [] : try exhibits.clockCorrections(exhibit, db).corrections
                    let now = try exhibits.current(record, db)
                    let offsetFrom = Double(max(from, start) - start) / 1000
                    let offsetTo = Double(min(to, end) - start) / 1000
                    let frames = try Catalog.frames(exhibit: exhibit, within: offsetFrom, offsetTo, db)
                    hits.append(TimeHit(exhibit: record.exhibitID, caseID: now.caseID, source: now.source, sha256: record.sha256,
                                        originalName: record.originalName, start: CivilTime.text(start, zone: "Z"),
                                        end: CivilTime.text(end, zone: "Z"), layer: layers[span.layer], corrections: corrections,
                                        offsetFrom: offsetFrom, offsetTo: offsetTo, stream: frames?.stream, firstFrame: frames?.first,
                                        lastFrame: frames?.last, places: rows.places[exhibit] ?? [], distanceMetres: distance))
                    records.append(record)
                }
                let more = matched.count - page.count
                let next = more > 0 ? page.last.map { "\($0.start):\($0.exhibit)" } : nil
                var described = "from=\(query.from);to=\(query.to)"
                if let near = query.near { described += ";near=\(near.latitude),\(near.longitude);radius=\(query.radiusMetres)" }
                described += Self.describeFilters(caseID: query.caseID, source: query.source, sourceContains: query.sourceContains,
                                                  signatures: query.signatures, limit: query.limit, after: query.after)
                try ledger.recordAccess(db, records, signer: signer, command: "lookup", extra: ["query": described, "more": String(more)])
                return TimeLookupPage(hits: hits, more: more, next: next)
            }
        }
    }

    /// Whether the exhibit passes a lookup's filters: its case and source as amended, and its camera signatures.
    package func admits(_ record: ExhibitRecord, caseID: String?, source: String?, sourceContains: String?, signatures: SignatureFilter?,
                        _ db: CatalogDB) throws -> Bool {
        if caseID != nil || source != nil || sourceContains != nil {
            let now = try exhibits.current(record, db)
            if let caseID, now.caseID != caseID { return false }
            if let source, now.source != source { return false }
            if let sourceContains, !Self.contains(now.source, sourceContains) { return false }
        }
        if let signatures, !(try Self.admits(record, signatures, db)) { return false }
        return true
    }

    /// How an access event names a time or place lookup's filters and page (`;case=…;limit=…`), after its range or point.
    package static func describeFilters(caseID: String?, source: String?, sourceContains: String?, signatures: SignatureFilter?,
                                        limit: Int, after: String?) -> String {
        var described = ""
        if let caseID { described += ";case=\(caseID)" }
        if let source { described += ";source=\(source)" }
        if let sourceContains { described += ";source-contains=\(sourceContains)" }
        if let signatures { described += ";signatures=\(signatures.rawValue)" }
        if limit != TimeQuery.defaultLimit { described += ";limit=\(limit)" }
        if let after { described += ";after=\(after)" }
        return described
    }

    /// A page's continuation (`START_MS:EXHIBIT`, as `TimeLookupPage.next` gives it), or a clear error.
    package static func continuation(_ text: String) throws -> (Int64, Int64) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int64(parts[0]), let exhibit = Int64(parts[1]) else {
            throw DFCError.invalidArgument("--after \(text): not a continuation an earlier lookup gave (START_MS:EXHIBIT)")
        }
        return (start, exhibit)
    }

    /// The query's range in milliseconds since 1970 UTC.
    package static func range(_ query: TimeQuery) throws -> (Int64, Int64) {
        func instant(_ text: String, _ option: String) throws -> Int64 {
            guard let reading = CivilTime(parsing: text.trimmingCharacters(in: .whitespaces)) else {
                throw DFCError.invalidArgument("\(option) \(text): not a date and time (ISO 8601: 2026-11-03T14:30:00+05:00)")
            }
            guard let utc = reading.utcMilliseconds else {
                throw DFCError.invalidArgument("\(option) \(text): a time needs its zone (Z or +hh:mm): lookups are on the UTC timeline, never the host's local time")
            }
            return utc
        }
        let from = try instant(query.from, "--from"), to = try instant(query.to, "--to")
        guard from <= to else { throw DFCError.invalidArgument("--from \(query.from) is after --to \(query.to)") }
        return (from, to)
    }

    /// Whether `source` contains `text`, ASCII letters in either case: what `LIKE` (SQLite) does for a lookup by source.
    package static func contains(_ source: String?, _ text: String) -> Bool {
        func folded(_ value: String) -> [UInt8] { value.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 } }
        guard let source else { return false }
        let haystack = folded(source), needle = folded(text)
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }

    /// The great-circle distance in metres (haversine, mean Earth radius).
    package static func metres(_ a: (latitude: Double, longitude: Double), _ b: (Double, Double)) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.0 - a.latitude) * radians, dLon = (b.1 - a.longitude) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * radians) * cos(b.0 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * PlaceBox.earthRadius * asin(min(1, sqrt(h)))
    }
}
