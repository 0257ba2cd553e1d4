import Foundation

/// Fills a store for `Scripts/bench`: rows and events no ingest made. Not for anything but benchmarks.
package struct BenchmarkFiller: StoreService {
    package let context: StoreContext
}

extension BenchmarkFiller {
    /// Appends `count` real `accessed` events signed by `actor`, with no exhibit and details
    /// that say the benchmark made them, `batch` to a transaction: the long log on which
    /// `Scripts/bench` times the audit. Not for anything but benchmarks.
    package func appendBenchmarkEvents(count: Int, actor: String, batch: Int = 20_000) throws {
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
    package func appendBenchmarkPDQHashes(count: Int, seed: UInt64 = 42, batch: Int = 50_000) throws {
        var state = seed | 1
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        var base = [UInt16](repeating: 0, count: 16)
        var written = 0
        let first = try withCatalog { try catalog.read { try Catalog.nextBenchmarkPDQIndex($0) } }
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
                        try Catalog.insertBenchmarkPDQ(index: first + number, hash, db)
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
    package func benchmarkPDQSample(count: Int) throws -> [PDQHash] {
        try withCatalog {
            try catalog.read { try Catalog.benchmarkPDQSample(count: count, $0) }
        }
    }
}

extension BenchmarkFiller {
    /// What `lookup` finds for `query`, in one read and without its custody event: the query's
    /// own cost, which the lookup benchmark reports beside the whole lookup. Not for anything but benchmarks.
    package func benchmarkFind(_ query: LookupQuery) throws -> Int {
        try withCatalog { try catalog.read { try reading.find(query, $0).count } }
    }

    /// How many frame rows the catalog holds, and the bytes its engine stores for them (the
    /// table with its indexes). Not for anything but benchmarks.
    package func benchmarkFrameStorage() throws -> (rows: Int, bytes: Int) {
        try withCatalog {
            try catalog.read { try Catalog.frameStorage($0) }
        }
    }
}

extension EvidenceStore {
    /// What fills this store for `Scripts/bench`: rows and events no ingest made.
    package var benchmarkFiller: BenchmarkFiller { BenchmarkFiller(context: context) }
}

extension BenchmarkFiller {
    /// Adds made-up exhibits until the catalog holds `count`, each with a span of 1 to 60 minutes
    /// somewhere in 2026 (UTC) and one time layer, written by the engine in transactions of
    /// `batch`: the archive the time-range benchmark queries. No custody event covers them: the
    /// store's audit fails afterwards. Not for anything but benchmarks.
    package func appendBenchmarkSpans(count: Int, batch: Int = 50_000) throws {
        var held = Int64(try withCatalog { try catalog.read { try Catalog.exhibitCount($0) } })
        while held < Int64(count) {
            let size = min(Int64(batch), Int64(count) - held)
            let first = held + 1
            try withCatalog { try catalog.write { try Catalog.insertBenchmarkSpans(first: first, last: first + size - 1, $0) } }
            held += size
        }
    }

    /// How many spans overlap `from...to` (milliseconds since 1970 UTC), read through the
    /// interval index as a lookup reads them, without the rest of the lookup or its custody
    /// events: the index's own cost. Not for anything but benchmarks.
    package func benchmarkSpans(from: Int64, to: Int64) throws -> Int {
        try withCatalog { try catalog.read { try Catalog.spans(overlapping: from, to, limit: 10_000, $0).count } }
    }

    /// Gives every exhibit without a place one made-up place around Lahore (`Catalog.insertBenchmarkPlaces`),
    /// in one transaction: the archive the place benchmark queries. Not for anything but benchmarks.
    package func appendBenchmarkPlaces() throws {
        try withCatalog { try catalog.write { try Catalog.insertBenchmarkPlaces($0) } }
    }

    /// How many exhibits have a place within `radiusMetres` of the point, read through the place
    /// index and measured as a lookup by place does, without the rest of the lookup or its custody
    /// events: the index's own cost. Not for anything but benchmarks.
    package func benchmarkPlaces(latitude: Double, longitude: Double, radiusMetres: Double) throws -> Int {
        try withCatalog {
            try catalog.read { db in
                var found = Set<Int64>()
                for box in PlaceBox.around((latitude, longitude), radiusMetres: radiusMetres) {
                    for place in try Catalog.places(inside: box, db)
                    where Reading.metres((latitude, longitude), (place.latitude, place.longitude)) <= radiusMetres {
                        found.insert(place.exhibit)
                    }
                }
                return found.count
            }
        }
    }
}
