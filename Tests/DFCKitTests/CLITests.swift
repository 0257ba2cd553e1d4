import Foundation
import Testing

/// The built `dfc` binary, end to end: output, JSON fields and exit codes.
@Suite struct CLITests {
    @Test func ingestShowFramesLookupVerifyAudit() throws {
        let work = TestSupport.temporaryDirectory()
        let fixture = TestSupport.fixture("cctv_h264.mp4")
        let ingest = try TestSupport.dfc(["ingest", fixture, "--case", "LHR-2026-0412", "--source", "PSCA cam 12, Mall Road", "--json"], in: work)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ingest.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "ingested")
        #expect(object["exhibit"] as? String == "EX-000001")
        #expect(object["findings"] as? [Any] != nil)
        #expect(FileManager.default.fileExists(atPath: work + "/dfc-store/catalog.sqlite"))   // the default store

        let show = try TestSupport.dfc(["show", "EX-000001", "--json"], in: work)
        #expect(show.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        for key in ["exhibit", "case", "sha256", "sha512", "size", "container", "duration_seconds", "streams", "findings"] {
            #expect(report[key] != nil, "show --json lacks \(key)")
        }
        let stream = try #require((report["streams"] as? [[String: Any]])?.first)
        for key in ["index", "type", "codec", "width", "height", "frame_count"] { #expect(stream[key] != nil, "stream lacks \(key)") }

        let sha = try #require(object["sha256"] as? String)
        let frames = try TestSupport.dfc(["frames", String(sha.prefix(12))], in: work)
        #expect(frames.status == 0)
        #expect(frames.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
            == TestSupport.hashLines(try TestSupport.ffmpegFramehash(fixture)))
        let jsonl = try TestSupport.dfc(["frames", "EX-1", "--format", "jsonl"], in: work)
        #expect(jsonl.stdout.split(separator: "\n").count == 50)
        let packets = try TestSupport.dfc(["packets", "EX-1", "--format", "jsonl"], in: work)
        #expect(packets.status == 0 && packets.stdout.split(separator: "\n").count == 50)

        #expect(try TestSupport.dfc(["lookup", "--sha256", sha], in: work).status == 0)
        #expect(try TestSupport.dfc(["lookup", "--case", "no-such-case"], in: work).status == 1)
        #expect(try TestSupport.dfc(["verify", "--file", fixture], in: work).status == 0)
        let other = try TestSupport.dfc(["verify", "--file", TestSupport.fixture("hevc.mkv")], in: work)
        #expect(other.status == 1)
        #expect(other.stdout.contains("NOT REGISTERED"))
        #expect(try TestSupport.dfc(["verify", "EX-000001"], in: work).status == 0)
        let audit = try TestSupport.dfc(["audit"], in: work)
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"))
        let custody = try TestSupport.dfc(["custody", "EX-1", "--json"], in: work)
        #expect(custody.stdout.split(separator: "\n").first?.contains("\"action\":\"ingested\"") == true)
    }

    @Test func usageErrorsAndBadInput() throws {
        let work = TestSupport.temporaryDirectory()
        let noActor = try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "C"], actor: nil, in: work)
        #expect(noActor.status == 64)
        #expect(noActor.stderr.contains("actor"))
        #expect(!FileManager.default.fileExists(atPath: work + "/dfc-store"))   // nothing written
        #expect(try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi")], in: work).status == 64)   // no --case
        #expect(try TestSupport.dfc(["lookup"], in: work).status == 64)

        let missing = try TestSupport.dfc(["ingest", work + "/nope.mp4", "--case", "C"], in: work)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(work + "/nope.mp4") && missing.stderr.contains("no such file"))
        let empty = try TestSupport.dfc(["ingest", TestSupport.fixture("damaged_empty.mp4"), "--case", "C", "--json"], in: work)
        #expect(empty.status == 1)
        #expect(empty.stdout.contains("\"status\":\"rejected\""))

        let storeFile = work + "/a-file"
        _ = FileManager.default.createFile(atPath: storeFile, contents: Data("x".utf8))
        let badStore = try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "C", "--store", storeFile], in: work)
        #expect(badStore.status == 1)
        #expect(badStore.stderr.contains(storeFile) && badStore.stderr.contains("not a directory"))
        let noStore = try TestSupport.dfc(["show", "EX-1", "--store", work + "/none"], in: work)
        #expect(noStore.status == 1 && noStore.stderr.contains("no DFC store"))
        #expect(!FileManager.default.fileExists(atPath: work + "/none"))
    }
}
