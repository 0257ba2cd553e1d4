import Foundation
import Testing

/// `Scripts/bench --smoke`: every row of the benchmark runs end to end (one round, tiny
/// inputs, the debug build). It checks that the rows are there and sane, never a time.
@Suite struct BenchSmokeTests {
    @Test func everyBenchmarkRowRuns() throws {
        let work = TestSupport.temporaryDirectory()
        let binaries = (TestSupport.dfcBinary as NSString).deletingLastPathComponent
        let run = try TestSupport.run("/bin/bash", [TestSupport.packageRoot.path + "/Scripts/bench", "--smoke", "--work", work],
                                      environment: ["DFC_BIN": binaries])
        try #require(run.status == 0, "\(run.stderr)")
        let results = try FileManager.default.contentsOfDirectory(atPath: work + "/results")
        let json = try #require(results.first { $0.hasSuffix(".json") })
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/results/" + json)))
        let report = try #require(object as? [String: Any])
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.contains { ($0["row"] as? String) == "ingest cctv_h264.mp4 vs framehash" })
        #expect(rows.contains { ($0["row"] as? String) == "ingest hevc.mkv vs decode" })
        #expect(rows.contains { ($0["row"] as? String).map { $0.hasPrefix("batch of the ") && $0.hasSuffix(" fixtures vs framehash") } == true })
        #expect(rows.contains { ($0["row"] as? String)?.hasPrefix("verify --file") == true })
        #expect(rows.contains { ($0["row"] as? String)?.hasPrefix("redact --render 1080p") == true })
        #expect(((report["face_detection"] as? [String: Any])?["pictures_examined"] as? Int ?? 0) > 0, "\(report["face_detection"] ?? "none")")
        #expect(rows.allSatisfy { (($0["ratio"] as? Double) ?? 0) > 0 })
        #expect(rows.contains { ($0["row"] as? String) == "ingest cctv_h264.mp4, S3 vault vs embedded" })
        let s3 = try #require(report["s3"] as? [String: Any])
        #expect((s3["ingests"] as? [[String: Any]])?.first?["s3_s"] as? Double ?? 0 > 0, "\(s3)")
        #expect(rows.contains { ($0["row"] as? String) == "ingest cctv_h264.mp4, PostgreSQL + S3 vs embedded" })
        let postgresql = try #require(report["postgresql"] as? [String: Any])
        let pgLookup = try #require(postgresql["lookup"] as? [String: Any], "\(postgresql)")
        for kind in ["sha256", "frame"] {
            let timing = try #require(pgLookup[kind] as? [String: Any], "\(pgLookup)")
            #expect(timing["found"] as? Int == timing["lookups"] as? Int && (timing["found"] as? Int ?? 0) > 0, "\(kind): \(timing)")
            #expect((timing["find_p99_ms"] as? Double ?? 0) > 0 && (timing["p99_ms"] as? Double ?? 0) > 0, "\(kind): \(timing)")
        }
        let storage = try #require(postgresql["frame_storage"] as? [String: Any])
        #expect(((storage["postgresql"] as? [String: Any])?["frame_rows"] as? Int ?? 0) >= 20000, "\(storage)")
        #expect(((storage["sqlite"] as? [String: Any])?["bytes_per_row"] as? Double ?? 0) > 0, "\(storage)")
        #expect(((postgresql["audit"] as? [String: Any])?["seconds"] as? Double ?? 0) > 0, "\(postgresql)")
        let lookup = try #require(report["lookup"] as? [String: Any])
        for kind in ["sha256", "frame"] {
            let inProcess = try #require((lookup[kind] as? [String: Any])?["in_process"] as? [String: Any])
            #expect(inProcess["found"] as? Int == 5 && inProcess["lookups"] as? Int == 5, "\(kind): \(inProcess)")
        }
        let pdq = try #require(report["pdq"] as? [String: Any])
        #expect((pdq["with_pdq_s"] as? Double ?? 0) > 0 && (pdq["one_pdq_s"] as? Double ?? 0) > 0 && (pdq["vpdq_s"] as? Double ?? 0) > 0, "\(pdq)")
        #expect(rows.contains { ($0["row"] as? String) == "ingest cctv_h264.mp4 with PDQ 1/s vs with one PDQ" })
        let audit = try #require(report["audit"] as? [String: Any])
        #expect(audit["events"] as? Int == 2000 && (audit["seconds"] as? Double ?? 0) > 0, "\(audit)")
        #expect(run.stdout.contains("| audit of 2000 custody events"))
        let incremental = try #require((audit["incremental"] as? [[String: Any]])?.first, "\(audit)")
        #expect(incremental["new_events"] as? Int == 200 && (incremental["seconds"] as? Double ?? 0) > 0, "\(incremental)")
        #expect(run.stdout.contains("| incremental audit in SQLite: 200 new custody events on a log of 2000"))
        // Lookups by place alone over the same 20,000 made-up exhibits, each given a place, on both engines.
        let place = try #require(report["place"] as? [[String: Any]])
        #expect(Set(place.compactMap { $0["engine"] as? String }) == ["SQLite", "PostgreSQL", "PostgreSQL server"] && place.count == 5, "\(place)")
        #expect((place.last?["execution_p50_ms"] as? Double ?? 0) > 0, "\(place)")
        #expect(run.stdout.contains("| lookup by place alone, 1000 m around random points, over 20000 placed exhibits in PostgreSQL"))
        let archive = try #require(report["archive"] as? [String: Any])
        #expect(archive["files"] as? Int == 4 && (archive["peak_rss_mib"] as? Int ?? 0) > 0, "\(archive)")
        let queue = try #require(report["queue"] as? [String: Any])
        let hosts = try #require(queue["hosts"] as? [String: Any], "\(queue)")
        #expect(queue["files"] as? Int == 3 && ["1", "2", "3"].allSatisfy { (hosts[$0] as? Double ?? 0) > 0 }, "\(queue)")
        #expect((queue["takeover_s"] as? Double ?? 0) > 0 && (queue["submit_s_per_file"] as? Double ?? 0) > 0, "\(queue)")
        #expect(run.stdout.contains("| queue: take-over of a SIGKILLed host's job"))
        // Time ranges over 20,000 made-up exhibits on both engines: each range finds some.
        let time = try #require(report["time"] as? [[String: Any]])
        #expect(Set(time.compactMap { $0["engine"] as? String }) == ["SQLite", "PostgreSQL", "PostgreSQL server"] && time.count == 5, "\(time)")
        #expect((time.last?["execution_p50_ms"] as? Double ?? 0) > 0, "\(time)")
        for row in time.dropLast() {
            let result = try #require(row["result"] as? [String: Any], "\(row)")
            #expect(result["queries"] as? Int == 200 && (result["mean_found"] as? Double ?? 0) > 0 && (result["index_p99_ms"] as? Double ?? 0) > 0, "\(row)")
        }
        #expect(run.stdout.contains("| lookup by a 10-minute time range over 20000 exhibits in PostgreSQL"))
        let reads = try #require(report["reads_during_ingest"] as? [String: Any])
        for command in ["show", "lookup", "verify"] {
            let latency = try #require(reads[command] as? [String: Any], "\(reads)")
            #expect((latency["busy_p50_ms"] as? Double ?? 0) > 0 && (latency["idle_p99_ms"] as? Double ?? 0) > 0, "\(command): \(latency)")
        }
    }
}
