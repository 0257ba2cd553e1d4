import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Reading {
    /// The exhibits with a place within `query.radiusMetres` of its point, whenever they were
    /// recorded, nearest first (ties in exhibit order), each with its nearest place and the layer
    /// that place came from. Answered from the place index (an R*Tree in SQLite, GiST in
    /// PostgreSQL) and every candidate measured exactly (haversine, mean Earth radius) from the
    /// `place` rows themselves, so an index that holds too much answers nothing more. Every filter
    /// (case, source, signatures) is applied before the page is cut at `query.limit`; every hit is
    /// recorded as an `accessed` event on its exhibit, like every lookup.
    public func lookup(_ query: PlaceQuery, actor: String) throws -> PlaceLookupPage {
        let point = (latitude: query.latitude, longitude: query.longitude)
        try Self.checkPoint(point, radiusMetres: query.radiusMetres)
        guard query.limit > 0 else { throw DFCError.invalidArgument("the limit must be at least 1") }
        let continuation = try query.after.map(Self.placeContinuation)
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                // The nearest place of each exhibit inside the radius.
                var nearest: [Int64: Double] = [:]
                for box in PlaceBox.around(point, radiusMetres: query.radiusMetres) {
                    for candidate in try Catalog.places(inside: box, db) {
                        let distance = Self.metres(point, (candidate.latitude, candidate.longitude))
                        guard distance <= query.radiusMetres, distance < nearest[candidate.exhibit] ?? .infinity else { continue }
                        nearest[candidate.exhibit] = distance
                    }
                }
                var matched = nearest.map { (distance: $0.value, exhibit: $0.key) }
                if let continuation { matched.removeAll { ($0.distance, $0.exhibit) <= continuation } }
                matched.sort { ($0.distance, $0.exhibit) < ($1.distance, $1.exhibit) }
                if query.caseID != nil || query.source != nil || query.sourceContains != nil || query.signatures != nil {
                    matched = try filtered(matched, query, db)
                }
                let page = Array(matched.prefix(query.limit))
                let rows = try Catalog.timeRows(of: page.map(\.exhibit), db)
                var hits: [PlaceHit] = []
                var records: [ExhibitRecord] = []
                for (distance, exhibit) in page {
                    // A place row whose exhibit row is gone (removed by hand: the audit names it) answers nothing.
                    guard let record = rows.records[exhibit], let places = rows.places[exhibit],
                          let place = places.min(by: { Self.metres(point, ($0.latitude, $0.longitude)) < Self.metres(point, ($1.latitude, $1.longitude)) })
                    else { continue }
                    let now = try exhibits.current(record, db)
                    hits.append(PlaceHit(exhibit: record.exhibitID, caseID: now.caseID, source: now.source, sha256: record.sha256,
                                         originalName: record.originalName, place: place, distanceMetres: distance, places: places))
                    records.append(record)
                }
                let more = matched.count - page.count
                let next = more > 0 ? page.last.map { "\($0.distance):\($0.exhibit)" } : nil
                var described = "near=\(point.latitude),\(point.longitude);radius=\(query.radiusMetres)"
                described += Self.describeFilters(caseID: query.caseID, source: query.source, sourceContains: query.sourceContains,
                                                  signatures: query.signatures, limit: query.limit, after: query.after)
                try ledger.recordAccess(db, records, signer: signer, command: "lookup", extra: ["query": described, "more": String(more)])
                return PlaceLookupPage(hits: hits, more: more, next: next)
            }
        }
    }

    /// The matches that pass the query's case, source and signature filters, in their order; the
    /// exhibit rows are read 500 at a time.
    private func filtered(_ matched: [(distance: Double, exhibit: Int64)], _ query: PlaceQuery, _ db: CatalogDB) throws
        -> [(distance: Double, exhibit: Int64)] {
        var kept: [(distance: Double, exhibit: Int64)] = []
        var start = 0
        while start < matched.count {
            let chunk = matched[start..<min(matched.count, start + 500)]
            start += chunk.count
            let records = try Catalog.exhibitRecords(ids: chunk.map(\.exhibit), db)
            for match in chunk {
                guard let record = records[match.exhibit] else { continue }
                if try admits(record, caseID: query.caseID, source: query.source, sourceContains: query.sourceContains,
                              signatures: query.signatures, db) {
                    kept.append(match)
                }
            }
        }
        return kept
    }

    /// A point on Earth and a radius a lookup can use, or a clear error naming the option.
    package static func checkPoint(_ point: (latitude: Double, longitude: Double), radiusMetres: Double) throws {
        guard point.latitude.isFinite, point.longitude.isFinite, abs(point.latitude) <= 90, abs(point.longitude) <= 180 else {
            throw DFCError.invalidArgument("--near \(point.latitude),\(point.longitude): not a position on Earth (latitude -90...90, longitude -180...180)")
        }
        guard radiusMetres.isFinite, radiusMetres > 0, radiusMetres <= 20_037_509 else {
            throw DFCError.invalidArgument("--radius \(radiusMetres): give metres, more than 0 and at most half the Earth's circumference")
        }
    }

    /// A place lookup's continuation (`METRES:EXHIBIT`, as `PlaceLookupPage.next` gives it), or a clear error.
    package static func placeContinuation(_ text: String) throws -> (Double, Int64) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let metres = Double(parts[0]), metres.isFinite, let exhibit = Int64(parts[1]) else {
            throw DFCError.invalidArgument("--after \(text): not a continuation an earlier lookup by place gave (METRES:EXHIBIT)")
        }
        return (metres, exhibit)
    }
}
