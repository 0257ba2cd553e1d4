import Foundation
import DFCCore
import DFCLedger

extension Catalog {
    /// The place rows whose position may lie inside `box`, through the engine's place index
    /// (SQLite's R*Tree holds 32-bit floats rounded outward, so it may answer a little more):
    /// each exhibit and position as the `place` row itself holds it, never the index's copy.
    package static func places(inside box: PlaceBox, _ db: CatalogDB) throws -> [(exhibit: Int64, latitude: Double, longitude: Double)] {
        let sql: String
        let arguments: SQLArguments
        switch db.engine {
        case .sqlite:
            sql = """
                SELECT p.exhibit_id, p.latitude, p.longitude FROM place_index r JOIN place p ON p.exhibit_id = r.exhibit_id AND p.idx = r.idx
                WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ?
                """
            arguments = [box.maxLatitude, box.minLatitude, box.maxLongitude, box.minLongitude]
        case .postgresql:
            sql = "SELECT exhibit_id, latitude, longitude FROM place WHERE point(longitude, latitude) <@ box(point(?, ?), point(?, ?))"
            arguments = [box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude]
        }
        return try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map { (try $0.at(0), try $0.at(1), try $0.at(2)) }
    }

    /// The exhibit rows of `ids`, by id, one statement for every 500.
    package static func exhibitRecords(ids: [Int64], _ db: CatalogDB) throws -> [Int64: ExhibitRecord] {
        var records: [Int64: ExhibitRecord] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            start += chunk.count
            let list = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for record in try ExhibitRecord.fetchAll(db, sql: "SELECT * FROM exhibit WHERE id IN (\(list))",
                                                     arguments: SQLArguments(chunk.map { $0 as any SQLConvertible })) {
                if let id = record.id { records[id] = record }
            }
        }
        return records
    }

    /// Where the place index and the `place` rows disagree: places the index does not hold where
    /// they are (an exhibit a lookup by place would miss) and entries of no place. SQLite's R*Tree
    /// is checked by its own `rtreecheck` and walked from its root; PostgreSQL's GiST index is read
    /// whole through an index scan (the planner allowed nothing else) and compared with the table.
    package static func placeIndexProblems(_ db: CatalogDB) throws -> [String] {
        struct Key: Hashable, Comparable {
            let exhibit: Int64, idx: Int64
            static func < (a: Key, b: Key) -> Bool { (a.exhibit, a.idx) < (b.exhibit, b.idx) }
        }
        var problems: [String] = []
        // Each entry's box, by the place it names: a place's entry holds just its position (rounded outward, in SQLite).
        var indexed: [Key: [PlaceBox]] = [:]
        let rows = try SQLRow.fetchAll(db, sql: "SELECT exhibit_id, idx, latitude, longitude FROM place")
        switch db.engine {
        case .sqlite:
            if let verdict = try String.fetchOne(db, sql: "SELECT rtreecheck('place_index')"), verdict != "ok" {
                problems.append("the place index (place_index) is damaged, says SQLite's rtreecheck: \(Catalog.bounded(verdict)): "
                    + "it was altered outside DFC, and a lookup by place may miss what it holds")
            }
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT exhibit_id, idx, min_lat, max_lat, min_lon, max_lon FROM place_index WHERE min_lat <= 1e300 AND max_lat >= -1e300
                """) {
                indexed[Key(exhibit: try row.at(0), idx: try row.at(1)), default: []].append(
                    PlaceBox(minLatitude: try row.at(2), maxLatitude: try row.at(3), minLongitude: try row.at(4), maxLongitude: try row.at(5)))
            }
        case .postgresql:
            try db.execute(sql: "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off")
            let whole = "point(longitude, latitude) <@ box(point(-1e300, -1e300), point(1e300, 1e300))"
            let plan = try String.fetchAll(db, sql: "EXPLAIN SELECT exhibit_id, idx FROM place WHERE \(whole)").joined(separator: " ")
            let found = try SQLRow.fetchAll(db, sql: "SELECT exhibit_id, idx, latitude, longitude FROM place WHERE \(whole)")
            try db.execute(sql: "SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexonlyscan = on")
            guard plan.contains("place_point") else {
                return ["place: its index place_point could not be walked (the planner chose: \(Catalog.bounded(plan)))"]
            }
            for row in found {
                let latitude: Double = try row.at(2), longitude: Double = try row.at(3)
                indexed[Key(exhibit: try row.at(0), idx: try row.at(1)), default: []].append(
                    PlaceBox(minLatitude: latitude, maxLatitude: latitude, minLongitude: longitude, maxLongitude: longitude))
            }
        }
        var present = Set<Key>()
        for row in rows {
            let key = Key(exhibit: try row.at(0), idx: try row.at(1))
            let latitude: Double = try row.at(2), longitude: Double = try row.at(3)
            present.insert(key)
            guard let entries = indexed[key] else {
                problems.append("\(ExhibitID(key.exhibit)): its place \(key.idx) is missing from the place index as a lookup walks it: "
                    + "a lookup by place would not find it; the index was altered outside DFC")
                continue
            }
            let exact = entries.count == 1 && entries.allSatisfy { box in
                box.minLatitude <= latitude && latitude <= box.maxLatitude && box.minLongitude <= longitude && longitude <= box.maxLongitude
                    && box.maxLatitude - box.minLatitude < 1e-4 && box.maxLongitude - box.minLongitude < 1e-4
            }
            if !exact {
                problems.append("\(ExhibitID(key.exhibit)): the place index does not hold its place \(key.idx) where the place row has it "
                    + "(\(latitude),\(longitude)): a lookup by place would miss it or find it elsewhere; the index was altered outside DFC")
            }
        }
        for key in Set(indexed.keys).subtracting(present).sorted() {
            problems.append("the place index holds an entry for place \(key.idx) of exhibit \(key.exhibit), which is no place row: it was added by hand")
        }
        return problems
    }
}
