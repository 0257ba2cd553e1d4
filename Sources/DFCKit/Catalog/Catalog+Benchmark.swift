import Foundation

/// The benchmark filler's SQL (`BenchmarkFiller`): rows no event covers, for `Scripts/bench` only.
extension Catalog {
    /// The next free PDQ row number of exhibit 1's first stream.
    static func nextBenchmarkPDQIndex(_ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(idx), 0) + 1 FROM pdq WHERE exhibit_id = 1") ?? 1
    }

    /// A made-up PDQ row of exhibit 1's first stream.
    static func insertBenchmarkPDQ(index: Int, _ hash: PDQHash, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO pdq (exhibit_id, stream, idx, quality, hash) VALUES (1, 0, ?, ?, ?)",
                       arguments: [index, hash.quality, Data(hash.bytes)])
    }

    /// About `count` of exhibit 1's PDQ hashes, every n-th.
    static func benchmarkPDQSample(count: Int, _ db: CatalogDB) throws -> [PDQHash] {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM pdq WHERE exhibit_id = 1") ?? 0
        let step = max(1, total / max(1, count))
        return try SQLRow.fetchAll(db, sql: "SELECT hash, quality FROM pdq WHERE exhibit_id = 1 AND idx % ? = 0 LIMIT ?",
                                   arguments: [step, count]).compactMap { row in
            let bytes: Data = try row.at(0)
            return PDQHash(bytes: Array(bytes), quality: try row.at(1))
        }
    }

    /// How many frame rows there are, and the bytes the engine keeps for them (table and indexes).
    static func frameStorage(_ db: CatalogDB) throws -> (rows: Int, bytes: Int) {
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
