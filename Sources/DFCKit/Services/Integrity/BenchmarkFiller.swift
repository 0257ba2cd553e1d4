import Foundation

/// Fills a store for `Scripts/bench`: rows and events no ingest made. Not for anything but benchmarks.
@_spi(Benchmarks)
public struct BenchmarkFiller: StoreService {
    let context: StoreContext
}

extension BenchmarkFiller {
    /// Appends `count` real `accessed` events signed by `actor`, with no exhibit and details
    /// that say the benchmark made them, `batch` to a transaction: the long log on which
    /// `Scripts/bench` times the audit. Not for anything but benchmarks.
    @_spi(Benchmarks)
    public func appendBenchmarkEvents(count: Int, actor: String, batch: Int = 20_000) throws {
        let signer = try ledger.signer(for: actor)
        var appended = 0
        while appended < count {
            let size = min(batch, count - appended)
            try withCatalog {
                try catalog.write { db in
                    try CustodyLog.append(db, Array(repeating: CustodyLog.NewEvent(
                        action: "accessed", signer: signer, exhibit: nil, details: ["command": "benchmark fill (Scripts/bench)"]), count: size))
                }
            }
            appended += size
        }
    }
}

extension BenchmarkFiller {
    /// Adds `count` made-up PDQ hash rows to the first stream of exhibit 1 (which must exist),
    /// in clusters of 50 near-identical hashes as a static camera's seconds are, for the
    /// benchmark of matching over an archive's hashes. The rows are covered by no custody
    /// event: the store's audit fails afterwards. Not for anything but benchmarks.
    @_spi(Benchmarks)
    public func appendBenchmarkPDQHashes(count: Int, seed: UInt64 = 42, batch: Int = 50_000) throws {
        var state = seed | 1
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        var base = [UInt16](repeating: 0, count: 16)
        var written = 0
        let first = try withCatalog { try catalog.read { try Int.fetchOne($0, sql: "SELECT coalesce(max(idx), 0) + 1 FROM pdq WHERE exhibit_id = 1") ?? 1 } }
        while written < count {
            let size = min(batch, count - written)
            try withCatalog {
                try catalog.write { db in
                    for offset in 0..<size {
                        let number = written + offset
                        if number % 50 == 0 { base = (0..<16).map { _ in UInt16(truncatingIfNeeded: next()) } }
                        var words = base
                        for _ in 0..<Int(next() % 24) { let bit = Int(next() % 256); words[bit >> 4] ^= 1 << (bit & 15) }
                        let hash = PDQHash(words: words, quality: 60 + Int(next() % 41))
                        try db.execute(sql: "INSERT INTO pdq (exhibit_id, stream, idx, quality, hash) VALUES (1, 0, ?, ?, ?)",
                                       arguments: [first + number, hash.quality, Data(hash.bytes)])
                    }
                }
            }
            written += size
        }
    }
}

extension BenchmarkFiller {
    /// About `count` stored PDQ hashes, spread over the store (every n-th of exhibit 1's),
    /// read without a custody event: the queries of the matching benchmark. Not for anything but benchmarks.
    @_spi(Benchmarks)
    public func benchmarkPDQSample(count: Int) throws -> [PDQHash] {
        try withCatalog {
            try catalog.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM pdq WHERE exhibit_id = 1") ?? 0
                let step = max(1, total / max(1, count))
                return try SQLRow.fetchAll(db, sql: "SELECT hash, quality FROM pdq WHERE exhibit_id = 1 AND idx % ? = 0 LIMIT ?",
                                        arguments: [step, count]).compactMap { row in
                    let bytes: Data = try row.at(0)
                    return PDQHash(bytes: Array(bytes), quality: try row.at(1))
                }
            }
        }
    }
}

extension BenchmarkFiller {
    /// What `lookup` finds for `query`, in one read and without its custody event: the query's
    /// own cost, which the lookup benchmark reports beside the whole lookup. Not for anything but benchmarks.
    @_spi(Benchmarks)
    public func benchmarkFind(_ query: LookupQuery) throws -> Int {
        try withCatalog { try catalog.read { try reading.find(query, $0).count } }
    }

    /// How many frame rows the catalog holds, and the bytes its engine stores for them (the
    /// table with its indexes). Not for anything but benchmarks.
    @_spi(Benchmarks)
    public func benchmarkFrameStorage() throws -> (rows: Int, bytes: Int) {
        try withCatalog {
            try catalog.read { db in
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM frame") ?? 0
                let bytes: Int
                switch db.engine {
                case .sqlite:
                    bytes = try Int.fetchOne(db, sql: "SELECT sum(pgsize) FROM dbstat WHERE name IN ('frame', 'frame_sha256')") ?? 0
                case .postgresql:
                    bytes = try Int.fetchOne(db, sql: """
                        SELECT sum(pg_total_relation_size(relid))::bigint FROM pg_partition_tree('frame') WHERE isleaf
                        """) ?? 0
                }
                return (rows, bytes)
            }
        }
    }
}

extension EvidenceStore {
    /// What fills this store for `Scripts/bench`: rows and events no ingest made.
    @_spi(Benchmarks)
    public var benchmarkFiller: BenchmarkFiller { BenchmarkFiller(context: context) }
}
