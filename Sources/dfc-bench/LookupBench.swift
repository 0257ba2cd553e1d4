@_spi(Benchmarks) import DFCKit
import Foundation

/// In-process lookup latency for `Scripts/bench`: opens a store once, then times each
/// lookup (and the custody event it records) for every hash in a file, one per line.
///
///     dfc-bench STORE ACTOR sha256|frame HASHES_FILE
///
/// Prints one JSON object: the count, the median and the 95th percentile in milliseconds,
/// and how many lookups found something.
///
///     dfc-bench STORE ACTOR fill N
///
/// appends N signed custody events, for the benchmark of the audit over a long log.
@main
struct LookupBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 5, arguments[3] == "fill", let count = Int(arguments[4]) {
            try EvidenceStore(path: arguments[1]).appendBenchmarkEvents(count: count, actor: arguments[2])
            return
        }
        guard arguments.count == 5, ["sha256", "frame"].contains(arguments[3]) else {
            FileHandle.standardError.write(Data("usage: dfc-bench STORE ACTOR sha256|frame HASHES_FILE, or dfc-bench STORE ACTOR fill N\n".utf8))
            exit(64)
        }
        let store = try EvidenceStore(path: arguments[1])
        let hashes = try String(contentsOfFile: arguments[4], encoding: .utf8).split(separator: "\n").map(String.init)
        var milliseconds: [Double] = []
        var found = 0
        for hash in hashes {
            let query: LookupQuery = arguments[3] == "sha256" ? .sha256(hash) : .frameSHA256(hash)
            let start = ContinuousClock.now
            let hits = try store.lookup(query, actor: arguments[2])
            let elapsed = start.duration(to: .now)
            milliseconds.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
            if !hits.isEmpty { found += 1 }
        }
        milliseconds.sort()
        func percentile(_ p: Double) -> Double {
            milliseconds.isEmpty ? 0 : milliseconds[min(milliseconds.count - 1, Int(Double(milliseconds.count) * p))]
        }
        print(#"{"lookups":\#(hashes.count),"found":\#(found),"median_ms":\#(percentile(0.5)),"p95_ms":\#(percentile(0.95))}"#)
    }
}
