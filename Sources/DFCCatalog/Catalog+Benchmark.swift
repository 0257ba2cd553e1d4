import Foundation
import DFCCore
import DFCLedger

/// The benchmark filler's SQL (`BenchmarkFiller`): rows no event covers, for `Scripts/bench` only.
extension Catalog {
    /// The next free PDQ row number of exhibit 1's first stream.
    package static func nextBenchmarkPDQIndex(_ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(idx), 0) + 1 FROM pdq WHERE exhibit_id = 1") ?? 1
    }

    /// A made-up PDQ row of exhibit 1's first stream.
    package static func insertBenchmarkPDQ(index: Int, _ hash: PDQHash, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO pdq (exhibit_id, stream, idx, quality, hash) VALUES (1, 0, ?, ?, ?)",
                       arguments: [index, hash.quality, Data(hash.bytes)])
    }

    /// About `count` of exhibit 1's PDQ hashes, every n-th.
    package static func benchmarkPDQSample(count: Int, _ db: CatalogDB) throws -> [PDQHash] {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM pdq WHERE exhibit_id = 1") ?? 0
        let step = max(1, total / max(1, count))
        return try SQLRow.fetchAll(db, sql: "SELECT hash, quality FROM pdq WHERE exhibit_id = 1 AND idx % ? = 0 LIMIT ?",
                                   arguments: [step, count]).compactMap { row in
            let bytes: Data = try row.at(0)
            return PDQHash(bytes: Array(bytes), quality: try row.at(1))
        }
    }

    /// How many frame rows there are, and the bytes the engine keeps for them (table and indexes).
    package static func frameStorage(_ db: CatalogDB) throws -> (rows: Int, bytes: Int) {
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM frame") ?? 0
        switch db.engine {
        case .sqlite:
            return (rows, try Int.fetchOne(db, sql: "SELECT sum(pgsize) FROM dbstat WHERE name IN ('frame', 'frame_sha256')") ?? 0)
        case .postgresql:
            return (rows, try Int.fetchOne(db, sql: """
                SELECT sum(pg_total_relation_size(relid))::bigint FROM pg_partition_tree('frame') WHERE isleaf
                """) ?? 0)
        }
    }
}

extension Catalog {
    /// 2026-01-01T00:00:00Z: the made-up spans lie in the year after it.
    package static let benchmarkYearStart: Int64 = 1_767_225_600_000

    /// Adds made-up exhibits `first...last` (case `FILL`) by the engine itself, each with a span of
    /// 1 to 60 minutes at a pseudo-random second of 2026 and one time layer (the movie header's,
    /// in UTC): the rows a time lookup reads.
    package static func insertBenchmarkSpans(first: Int64, last: Int64, _ db: CatalogDB) throws {
        let hex = db.engine == .sqlite ? "printf('%064x', n)" : "lpad(to_hex(n), 64, '0')"
        let before = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM exhibit") ?? 0
        try db.execute(sql: """
            WITH RECURSIVE g(n) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT n + 1 FROM g WHERE n < ?)
            INSERT INTO exhibit (case_id, sha256, sha512, size, original_name, original_path, vault_path, libraries,
                                 packet_count, frame_count, packets_digest, frames_digest, ingested_at, ingested_by)
            SELECT 'FILL', \(hex), '', 0, 'fill', 'fill', 'fill', '', 0, 0, '', '', '2026-01-01T00:00:00Z', 'bench' FROM g
            """, arguments: [first, last])
        try db.execute(sql: """
            INSERT INTO exhibit_span (exhibit_id, start_ms, end_ms, layer)
            SELECT id, ? + (id * 2654435761 % 31536000) * 1000, ? + (id * 2654435761 % 31536000) * 1000 + (60 + id * 40503 % 3541) * 1000 - 1, 0
            FROM exhibit WHERE id > ? AND case_id = 'FILL'
            """, arguments: [benchmarkYearStart, benchmarkYearStart, before])
        try db.execute(sql: """
            INSERT INTO time_layer (exhibit_id, idx, kind, tag, value, utc_ms, local_time, zone)
            SELECT exhibit_id, 0, 'container_creation_time', 'creation_time', 'made up by Scripts/bench', start_ms, '', 'Z'
            FROM exhibit_span WHERE exhibit_id > ?
            """, arguments: [before])
    }

    /// Gives every exhibit that has no place one made-up place, spread evenly over about a
    /// degree of latitude and longitude around Lahore (31-32 N, 73.8-74.8 E: a province's city
    /// cameras, a hundred to the square kilometre when a million), pseudo-random by exhibit id.
    package static func insertBenchmarkPlaces(_ db: CatalogDB) throws {
        try db.execute(sql: """
            INSERT INTO place (exhibit_id, idx, tag, value, latitude, longitude, altitude)
            SELECT id, 0, 'location', 'made up by Scripts/bench',
                   31.0 + CAST(id * 2654435761 % 1000003 AS DOUBLE PRECISION) / 1000003.0,
                   73.8 + CAST(id * 40503 % 999983 AS DOUBLE PRECISION) / 999983.0, NULL
            FROM exhibit WHERE id NOT IN (SELECT exhibit_id FROM place)
            """)
    }
}
