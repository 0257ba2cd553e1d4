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

    /// `--source` names a source whole; `--source-contains` matches part of a name, in either case; a lookup by
    /// `--source` that finds nothing says, for this release, that it matched part of a name before.
    @Test func sourceIsExactAndSourceContainsMatchesPart() throws {
        let work = TestSupport.temporaryDirectory()
        for (file, source) in [("cctv_h264.mp4", "Mall Road cam 3"), ("bodycam.mp4", "Mall Road cam 31")] {
            let ingest = try TestSupport.dfc(["ingest", TestSupport.fixture(file), "--case", "SRC-1", "--source", source], in: work)
            try #require(ingest.status == 0, "\(ingest.stderr)")
        }
        let exact = try TestSupport.dfc(["lookup", "--source", "Mall Road cam 3"], in: work)
        #expect(exact.status == 0 && exact.stdout.split(separator: "\n").count == 1 && exact.stdout.hasPrefix("EX-000001"), "\(exact.stdout)")
        let part = try TestSupport.dfc(["lookup", "--source-contains", "mall ROAD cam 3"], in: work)
        #expect(part.status == 0 && part.stdout.split(separator: "\n").count == 2, "\(part.stdout)")
        let wildcard = try TestSupport.dfc(["lookup", "--source-contains", "cam_3"], in: work)   // `_` is a character, not LIKE's wildcard
        #expect(wildcard.status == 1, "\(wildcard.stdout)")
        let partial = try TestSupport.dfc(["lookup", "--source", "Mall Road"], in: work)
        #expect(partial.status == 1 && partial.stderr.contains("--source-contains"), "\(partial.stderr)")
        let both = try TestSupport.dfc(["lookup", "--source", "Mall Road cam 3", "--source-contains", "cam"], in: work)
        #expect(both.status == 64, "\(both.stderr)")
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
        #expect(badStore.status == 66)
        #expect(badStore.stderr.contains(storeFile) && badStore.stderr.contains("not a directory"))
        let noStore = try TestSupport.dfc(["show", "EX-1", "--store", work + "/none"], in: work)
        #expect(noStore.status == 66 && noStore.stderr.contains("no DFC store"))
        #expect(!FileManager.default.fileExists(atPath: work + "/none"))
    }

    @Test func ledgerCommandsEndToEnd() throws {
        typealias V = IndependentVerifier
        let work = TestSupport.temporaryDirectory()
        let add = try TestSupport.dfc(["actor", "add", "Insp. A. Khan", "--role", "custodian"], actor: nil, in: work)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try TestSupport.dfc(["actor", "add", "B. Officer", "--role", "analyst"], actor: "Insp. A. Khan", in: work).status == 0)
        let refused = try TestSupport.dfc(["actor", "add", "C", "--role", "analyst"], actor: "B. Officer", in: work)
        #expect(refused.status == 77 && refused.stderr.contains("B. Officer (analyst) may not register actors"))
        let list = try TestSupport.dfc(["actor", "list"], actor: nil, in: work)
        #expect(list.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(2).joined(separator: " ") }
            == ["Insp. A. Khan custodian", "B. Officer analyst"])
        let stranger = try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "C"], actor: "Stranger", in: work)
        #expect(stranger.status == 77 && stranger.stderr.contains("Stranger: not a registered actor"))

        #expect(try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "C"], actor: "B. Officer", in: work).status == 0)
        let checkpoint = try TestSupport.dfc(["checkpoint", "--output", work + "/cp.txt"], actor: "Insp. A. Khan", in: work)
        let keys = try TestSupport.dfc(["actor", "list", "--json"], actor: "", in: work).stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let khanKey = V.hex(try #require(keys.first { $0["name"] as? String == "Insp. A. Khan" }?["public_key"] as? String))
        #expect(checkpoint.status == 0 && V.noteSignatureIsValid(checkpoint.stdout, keyName: V.keyName("Insp. A. Khan"), publicKey: khanKey))
        let cp = V.checkpointHead(checkpoint.stdout)
        #expect(cp.size == 3)
        let vkeys = try TestSupport.dfc(["actor", "list", "--verifier-keys"], actor: "", in: work).stdout
        #expect(vkeys.hasPrefix("dfc.invalid/actor/Insp.%20A.%20Khan+") && vkeys.contains("\n" + "dfc.invalid/actor/B.%20Officer+"))

        let custody = try TestSupport.dfc(["custody", "EX-1", "--json"], actor: "B. Officer", in: work)
        let ingested = try #require(try JSONSerialization.jsonObject(with: Data(custody.stdout.split(separator: "\n")[0].utf8)) as? [String: Any])
        #expect(ingested["signature_status"] as? String == "valid" && ingested["role"] as? String == "analyst")
        let payload = try #require(ingested["payload"] as? String)
        let text = try TestSupport.dfc(["custody", "EX-1"], actor: "B. Officer", in: work)
        #expect(text.stdout.contains("ingested\tB. Officer (analyst)\tsignature valid"))

        let inclusion = try TestSupport.dfc(["proof", "inclusion", "3", "--checkpoint", work + "/cp.txt"], actor: "B. Officer", in: work)
        #expect(inclusion.status == 0, "\(inclusion.stderr)")
        let proof = V.Fields(inclusion.stdout)
        #expect(proof.bytes("leaf_hash") == V.leafHash(Array(payload.utf8)))
        #expect(V.verifyInclusion(leafHash: V.leafHash(Array(payload.utf8)), index: proof.int("leaf_index"), size: cp.size,
                                  path: proof.path, root: cp.root))

        let consistency = try TestSupport.dfc(["proof", "consistency", "--checkpoint", work + "/cp.txt"], actor: "B. Officer", in: work)
        #expect(consistency.status == 0, "\(consistency.stderr)")
        let fields = V.Fields(consistency.stdout)
        #expect(fields.int("to_size") > cp.size)
        #expect(V.verifyConsistency(first: cp.size, second: fields.int("to_size"), firstHash: cp.root,
                                    secondHash: fields.bytes("to_root"), path: fields.path))

        let edited = work + "/edited.txt"
        try checkpoint.stdout.replacingOccurrences(of: "\n3\n", with: "\n2\n").write(toFile: edited, atomically: true, encoding: .utf8)
        let forged = try TestSupport.dfc(["proof", "consistency", "--checkpoint", edited], actor: "B. Officer", in: work)
        #expect(forged.status == 65 && forged.stderr.contains(edited) && forged.stderr.contains("signature does not verify"))
        let audit = try TestSupport.dfc(["audit", "--checkpoint", work + "/cp.txt"], actor: "Insp. A. Khan", in: work)
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)")
        #expect(try TestSupport.dfc(["audit", "--checkpoint", edited], actor: "Insp. A. Khan", in: work).status == 1)
    }
}
