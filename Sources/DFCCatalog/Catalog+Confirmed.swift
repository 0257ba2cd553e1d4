import Foundation
import DFCCore
import DFCLedger

/// Answers a court relies on, never taken from an index alone. An index is a second copy of
/// its table's values that SQLite trusts blindly: an insider can make one disagree with its
/// table without touching a row (`PRAGMA writable_schema`). So every row an index names is read
/// again from its table by its key and kept only when the table's value still matches, and a
/// lookup by an original's hash that the index answers with nothing scans the table itself.
/// What an index could still hide from a lookup by picture hash or from a custody listing is
/// caught by the audit, which runs the engine's own check (SQLite's `PRAGMA integrity_check`,
/// PostgreSQL's amcheck).
extension Catalog {
    /// Exhibits whose original's SHA-256 starts with `prefix` (lowercase hex, 12 to 64 digits), by
    /// id. When the index names none, the table is scanned, unless `scanning` is false: an ingest
    /// asking whether its file is new (a hidden row there costs a duplicate the audit names, and
    /// a scan under the write lock for every new file would cost a large store dearly).
    package static func exhibits(sha256Prefix prefix: String, scanning: Bool = true, _ db: CatalogDB) throws -> [ExhibitRecord] {
        let named = try Int64.fetchAll(db, sql: "SELECT id FROM exhibit WHERE sha256 >= ? AND sha256 < ? ORDER BY id",
                                       arguments: [prefix, prefix + "g"])
        let confirmed = try named.compactMap { try ExhibitRecord.fetchOne(db, key: $0) }.filter { $0.sha256.hasPrefix(prefix) }
        if !confirmed.isEmpty || !scanning { return confirmed }
        return try ExhibitRecord.fetchAll(db, sql: "SELECT * FROM exhibit NOT INDEXED WHERE substr(sha256, 1, CAST(? AS INTEGER)) = ? ORDER BY id",
                                          arguments: [prefix.count, prefix])
    }

    /// The exhibit whose original has exactly this SHA-256, if any.
    package static func exhibit(sha256: String, scanning: Bool = true, _ db: CatalogDB) throws -> ExhibitRecord? {
        try exhibits(sha256Prefix: sha256, scanning: scanning, db).first { $0.sha256 == sha256 }
    }

    /// Every picture with this SHA-256, across all exhibits and all their analyses, in order;
    /// a picture that more than one analysis of an exhibit decoded alike is listed once.
    package static func frames(withSHA256 hash: Data, _ db: CatalogDB) throws -> [(exhibit: Int64, stream: Int, index: Int, seconds: Double?)] {
        // The earliest time of the picture among the analyses that have it (as SQL's min, NULLs aside).
        var found: [FrameKey: Double?] = [:]
        func keep(_ exhibit: Int64, _ stream: Int, _ index: Int, _ seconds: Double?) {
            let key = FrameKey(exhibit: exhibit, stream: stream, index: index)
            guard let earlier = found[key] else { found[key] = seconds; return }
            if let seconds, earlier.map({ seconds < $0 }) ?? true { found[key] = seconds }
        }
        // Both frame tables in one statement (on PostgreSQL one round trip, not two): 0 marks
        // the ingest's rows (keyed by exhibit), 1 those of later analyses (keyed by analysis).
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT 0, exhibit_id, stream, idx FROM frame WHERE sha256 = ?1
            UNION ALL SELECT 1, analysis_id, stream, idx FROM analysis_frame WHERE sha256 = ?1
            """, arguments: [hash])
        for row in rows where try row.at(0) as Int == 0 {
            let exhibit: Int64 = try row.at(1), stream: Int = try row.at(2), index: Int = try row.at(3)
            guard let table = try SQLRow.fetchOne(db, sql: "SELECT sha256, pts_seconds FROM frame WHERE exhibit_id = ? AND stream = ? AND idx = ?",
                                               arguments: [exhibit, stream, index]),
                  (try table.at(0) as Data?) == hash else { continue }
            keep(exhibit, stream, index, try table.at(1))
        }
        for row in rows where try row.at(0) as Int != 0 {
            let analysis: Int64 = try row.at(1), stream: Int = try row.at(2), index: Int = try row.at(3)
            guard let table = try SQLRow.fetchOne(db, sql: "SELECT sha256, pts_seconds FROM analysis_frame WHERE analysis_id = ? AND stream = ? AND idx = ?",
                                               arguments: [analysis, stream, index]),
                  (try table.at(0) as Data?) == hash,
                  let exhibit = try Int64.fetchOne(db, sql: "SELECT exhibit_id FROM analysis WHERE id = ?", arguments: [analysis]) else { continue }
            keep(exhibit, stream, index, try table.at(1))
        }
        return found.sorted { $0.key < $1.key }.map { ($0.key.exhibit, $0.key.stream, $0.key.index, $0.value) }
    }

    /// The exhibit's custody events in order (only those of `actions` when given), each row the
    /// index names read again by its number.
    package static func events(of exhibit: Int64, actions: [String]? = nil, _ db: CatalogDB) throws -> [CustodyEventRecord] {
        let only = actions.map { " AND action IN (\($0.map { _ in "?" }.joined(separator: ", ")))" } ?? ""
        return try Int64.fetchAll(db, sql: "SELECT seq FROM custody_event WHERE exhibit_id = ?\(only) ORDER BY seq",
                                  arguments: SQLArguments([exhibit] + (actions ?? [])))
            .compactMap { try CustodyEventRecord.fetchOne(db, key: $0) }
            .filter { $0.exhibitID == exhibit && (actions?.contains($0.action) ?? true) }
    }

    /// One pass over the custody log's table itself, in order: every event's Merkle leaf hash,
    /// and the events of these exhibits (an export's histories, and what it ships).
    package static func scanLog(collecting exhibits: Set<Int64>, _ db: CatalogDB) throws -> (leaves: [Merkle.Hash], events: [CustodyEventRecord]) {
        var leaves: [Merkle.Hash] = []
        var collected: [Int64] = []
        // Only what each leaf needs is read per event; the few events collected are read whole after.
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT seq, exhibit_id, payload FROM custody_event NOT INDEXED ORDER BY seq")
        while let row = try rows.next() {
            let payload: String = try row.at(2)
            leaves.append(Merkle.leafHash(Array(payload.utf8)))
            if let exhibit: Int64 = try row.at(1), exhibits.contains(exhibit) { collected.append(try row.at(0)) }
        }
        return (leaves, try collected.compactMap { try CustodyEventRecord.fetchOne(db, key: $0) })
    }

    /// The extracted pictures whose PNG's SHA-256 starts with `prefix`, from the table itself (the
    /// PNG hash has no index: extracted pictures are few beside frames).
    package static func derivedFrames(pngSHA256Prefix prefix: String, _ db: CatalogDB) throws -> [DerivedFrameRecord] {
        try DerivedFrameRecord.fetchAll(db, sql: "SELECT * FROM derived_frame NOT INDEXED WHERE substr(png_sha256, 1, CAST(? AS INTEGER)) = ? ORDER BY id",
                                        arguments: [prefix.count, prefix])
    }

    /// An exhibit's extracted pictures in order of extraction, each row the index names read again by its id.
    package static func derivedFrames(of exhibit: Int64, _ db: CatalogDB) throws -> [DerivedFrameRecord] {
        try Int64.fetchAll(db, sql: "SELECT id FROM derived_frame WHERE exhibit_id = ? ORDER BY id", arguments: [exhibit])
            .compactMap { try DerivedFrameRecord.fetchOne(db, key: $0) }.filter { $0.exhibitID == exhibit }
    }

    private struct FrameKey: Hashable, Comparable {
        package let exhibit: Int64
        package let stream: Int
        package let index: Int
        package static func < (a: Self, b: Self) -> Bool { (a.exhibit, a.stream, a.index) < (b.exhibit, b.stream, b.index) }
    }
}
