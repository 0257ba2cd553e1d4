import DFCKit
import DFCMedia
import Foundation

/// In-process lookup latency for `Scripts/bench`: opens a store once, then times each
/// lookup (and the custody event it records) for every hash in a file, one per line.
///
///     dfc-bench STORE ACTOR sha256|frame HASHES_FILE
///
/// Prints one JSON object: the count, the median, 95th and 99th percentile in milliseconds of
/// the whole lookup (with its custody event's commit), those of the query alone (`find_`),
/// and how many lookups found something.
///
///     dfc-bench STORE ACTOR fill N
///
/// appends N signed custody events, for the benchmark of the audit over a long log.
///
///     dfc-bench STORE ACTOR frame-bytes
///
/// prints how many frame rows the catalog holds and the bytes its engine stores for them.
///
///     dfc-bench STORE ACTOR fill-pdq N
///     dfc-bench STORE ACTOR pdq-query N
///
/// add N made-up PDQ hashes to exhibit 1; then index every stored hash once and time N
/// image queries against the index in-process (each query records its custody events).
/// Prints the index's size and build time and the queries' median and 95th percentile.
///
///     dfc-bench STORE ACTOR fill-spans N
///     dfc-bench STORE ACTOR time-query N MINUTES
///
/// add made-up exhibits, each with a span of 1 to 60 minutes in 2026, until the catalog holds N;
/// then time N lookups of a MINUTES-long range at pseudo-random times of 2026, in-process: the
/// interval index's query alone, and the whole lookup (its exhibits' layers, places, frames and
/// corrections, and the access event of every hit). Prints both's median and 99th percentile
/// and the mean number of exhibits found.
///
///     dfc-bench STORE ACTOR fill-places
///     dfc-bench STORE ACTOR place-query N RADIUS
///
/// give every exhibit without a place a made-up one around Lahore; then time N lookups by place
/// alone (RADIUS metres) at pseudo-random points of the same area, in-process: the place index's
/// query alone, and the whole lookup (its exhibits' rows and the access event of every hit).
/// Prints both's median and 99th percentile and the mean number of exhibits found.
///
///     dfc-bench - - c2pa ROUNDS FILE...
///
/// reads each file's C2PA Content Credentials ROUNDS times in-process, as a worker does, and prints
/// per file the median milliseconds, the state and the file's size.
@main
struct LookupBench {
    /// A store error (a missing key, an engine that cannot be reached) is one line on standard error and exit 1.
    static func main() {
        do {
            try run(CommandLine.arguments)
        } catch {
            FileHandle.standardError.write(Data("dfc-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ arguments: [String]) throws {
        if arguments.count >= 6, arguments[3] == "c2pa", let rounds = Int(arguments[4]) {
            try c2paReads(rounds: rounds, files: Array(arguments[5...]))
            return
        }
        if arguments.count == 5, arguments[3] == "fill", let count = Int(arguments[4]) {
            try EvidenceStore(path: arguments[1]).benchmarkFiller.appendBenchmarkEvents(count: count, actor: arguments[2])
            return
        }
        if arguments.count == 4, arguments[3] == "frame-bytes" {
            let (rows, bytes) = try EvidenceStore(path: arguments[1]).benchmarkFiller.benchmarkFrameStorage()
            print(#"{"frame_rows":\#(rows),"bytes":\#(bytes),"bytes_per_row":\#(rows > 0 ? Double(bytes) / Double(rows) : 0)}"#)
            return
        }
        if arguments.count == 5, arguments[3] == "fill-pdq", let count = Int(arguments[4]) {
            try EvidenceStore(path: arguments[1]).benchmarkFiller.appendBenchmarkPDQHashes(count: count)
            return
        }
        if arguments.count == 5, arguments[3] == "pdq-query", let count = Int(arguments[4]) {
            try pdqQueries(store: EvidenceStore(path: arguments[1]), actor: arguments[2], count: count)
            return
        }
        if arguments.count == 5, arguments[3] == "fill-spans", let count = Int(arguments[4]) {
            try EvidenceStore(path: arguments[1]).benchmarkFiller.appendBenchmarkSpans(count: count)
            return
        }
        if arguments.count == 4, arguments[3] == "fill-places" {
            try EvidenceStore(path: arguments[1]).benchmarkFiller.appendBenchmarkPlaces()
            return
        }
        if arguments.count == 6, arguments[3] == "place-query", let count = Int(arguments[4]), let radius = Double(arguments[5]) {
            try placeQueries(store: EvidenceStore(path: arguments[1]), actor: arguments[2], count: count, radius: radius)
            return
        }
        if arguments.count == 6, arguments[3] == "time-query", let count = Int(arguments[4]), let minutes = Int64(arguments[5]) {
            try timeQueries(store: EvidenceStore(path: arguments[1]), actor: arguments[2], count: count, minutes: minutes)
            return
        }
        guard arguments.count == 5, ["sha256", "frame"].contains(arguments[3]) else {
            FileHandle.standardError.write(Data("usage: dfc-bench STORE ACTOR sha256|frame HASHES_FILE, or dfc-bench STORE ACTOR fill N\n".utf8))
            exit(64)
        }
        let store = try EvidenceStore(path: arguments[1])
        var hashes = try String(contentsOfFile: arguments[4], encoding: .utf8).split(separator: "\n").map(String.init)
        // The first 20 warm the process up (the catalog's connection, the server's plans) and are not
        // timed: a service that answers lookups has long been connected.
        let warmUp = hashes.count > 40 ? 20 : 0
        for hash in hashes.prefix(warmUp) { _ = try store.benchmarkFiller.benchmarkFind(arguments[3] == "sha256" ? .sha256(hash) : .frameSHA256(hash)) }
        hashes.removeFirst(warmUp)
        var lookups: [Double] = [], finding: [Double] = []
        var found = 0
        for hash in hashes {
            let query: LookupQuery = arguments[3] == "sha256" ? .sha256(hash) : .frameSHA256(hash)
            // The query alone (one read), then the whole lookup with its signed access event.
            let queryStart = ContinuousClock.now
            _ = try store.benchmarkFiller.benchmarkFind(query)
            finding.append(milliseconds(since: queryStart))
            let start = ContinuousClock.now
            let hits = try store.reading.lookup(query, actor: arguments[2])
            lookups.append(milliseconds(since: start))
            if !hits.isEmpty { found += 1 }
        }
        lookups.sort()
        finding.sort()
        func percentile(_ values: [Double], _ p: Double) -> Double {
            values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * p))]
        }
        print(#"{"lookups":\#(hashes.count),"found":\#(found),"median_ms":\#(percentile(lookups, 0.5)),"#
              + #""p95_ms":\#(percentile(lookups, 0.95)),"p99_ms":\#(percentile(lookups, 0.99)),"#
              + #""find_median_ms":\#(percentile(finding, 0.5)),"find_p99_ms":\#(percentile(finding, 0.99))}"#)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// Half the queries are stored hashes with 12 bits changed (each finds its cluster), half random (find nothing).
    static func c2paReads(rounds: Int, files: [String]) throws {
        if let problem = ContentCredentialsReader.load() { throw DFCError.invalidArgument("the C2PA library: \(problem)") }
        var rows: [String] = []
        for file in files {
            let descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else { throw DFCError.invalidArgument("\(file): cannot open it") }
            defer { close(descriptor) }
            var times: [Double] = []
            var state = "none"
            for _ in 0..<max(1, rounds) {
                let start = ContinuousClock.now
                state = ContentCredentialsReader.read(descriptor: descriptor, anchors: [])?.state.rawValue ?? "not_applicable"
                let elapsed = start.duration(to: .now)
                times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            times.sort()
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            rows.append(#"{"file":"\#((file as NSString).lastPathComponent)","bytes":\#(size),"state":"\#(state)","median_ms":\#(String(format: "%.2f", times[times.count / 2]))}"#)
        }
        print("[" + rows.joined(separator: ",") + "]")
    }

    static func pdqQueries(store: EvidenceStore, actor: String, count: Int) throws {
        let start = ContinuousClock.now
        let matcher = try store.search.pdqMatcher()
        let buildMilliseconds = milliseconds(since: start)
        var state: UInt64 = 7
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let stored = try store.benchmarkFiller.benchmarkPDQSample(count: 1000)
        var times: [Double] = []
        var found = 0
        for query in 0..<count {
            var hash: PDQHash
            if query % 2 == 0, !stored.isEmpty {
                hash = stored[Int(next() % UInt64(stored.count))]
                for _ in 0..<12 { let bit = Int(next() % 256); hash.words[bit >> 4] ^= 1 << (bit & 15) }
            } else {
                hash = PDQHash(words: (0..<16).map { _ in UInt16(truncatingIfNeeded: next()) }, quality: 100)
            }
            hash.quality = 100
            let began = ContinuousClock.now
            let matches = try store.search.match(pdq: hash, actor: actor, matcher: matcher)
            times.append(milliseconds(since: began))
            if !matches.isEmpty { found += 1 }
        }
        times.sort()
        func percentile(_ p: Double) -> Double { times.isEmpty ? 0 : times[min(times.count - 1, Int(Double(times.count) * p))] }
        print(#"{"hashes":\#(matcher.count),"build_ms":\#(buildMilliseconds),"queries":\#(count),"found":\#(found),"median_ms":\#(percentile(0.5)),"p95_ms":\#(percentile(0.95))}"#)
    }

    /// Ranges of `minutes` at pseudo-random seconds of 2026, each queried twice: the index alone, then the whole lookup.
    static func timeQueries(store: EvidenceStore, actor: String, count: Int, minutes: Int64) throws {
        var state: UInt64 = 11
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let yearStart: Int64 = 1_767_225_600_000
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func iso(_ ms: Int64) -> String { formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) }
        var index: [Double] = [], whole: [Double] = []
        var found = 0
        for _ in 0..<count {
            let from = yearStart + Int64(next() % 31_536_000) * 1000, to = from + minutes * 60_000 - 1
            let began = ContinuousClock.now
            _ = try store.benchmarkFiller.benchmarkSpans(from: from, to: to)
            index.append(milliseconds(since: began))
            let query = TimeQuery(from: iso(from), to: iso(to))
            let start = ContinuousClock.now
            found += try store.reading.lookup(query, actor: actor).count
            whole.append(milliseconds(since: start))
        }
        index.sort()
        whole.sort()
        func percentile(_ values: [Double], _ p: Double) -> Double { values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * p))] }
        print(#"{"queries":\#(count),"minutes":\#(minutes),"mean_found":\#(count > 0 ? Double(found) / Double(count) : 0),"#
              + #""index_median_ms":\#(percentile(index, 0.5)),"index_p99_ms":\#(percentile(index, 0.99)),"#
              + #""median_ms":\#(percentile(whole, 0.5)),"p99_ms":\#(percentile(whole, 0.99))}"#)
    }

    /// Points at pseudo-random places of the filled area, each queried twice: the index alone, then the whole lookup.
    static func placeQueries(store: EvidenceStore, actor: String, count: Int, radius: Double) throws {
        var state: UInt64 = 13
        func next() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state % 1_000_000) / 1_000_000
        }
        var index: [Double] = [], whole: [Double] = []
        var found = 0
        for _ in 0..<count {
            let latitude = 31.0 + next(), longitude = 73.8 + next()
            let began = ContinuousClock.now
            _ = try store.benchmarkFiller.benchmarkPlaces(latitude: latitude, longitude: longitude, radiusMetres: radius)
            index.append(milliseconds(since: began))
            let start = ContinuousClock.now
            found += try store.reading.lookup(PlaceQuery(latitude: latitude, longitude: longitude, radiusMetres: radius), actor: actor).count
            whole.append(milliseconds(since: start))
        }
        index.sort()
        whole.sort()
        func percentile(_ values: [Double], _ p: Double) -> Double { values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * p))] }
        print(#"{"queries":\#(count),"radius_m":\#(radius),"mean_found":\#(count > 0 ? Double(found) / Double(count) : 0),"#
              + #""index_median_ms":\#(percentile(index, 0.5)),"index_p99_ms":\#(percentile(index, 0.99)),"#
              + #""median_ms":\#(percentile(whole, 0.5)),"p99_ms":\#(percentile(whole, 0.99))}"#)
    }
}
