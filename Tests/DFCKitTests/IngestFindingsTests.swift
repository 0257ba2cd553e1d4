import DFCKit
import Foundation
import Testing

/// What ingest tells the examiner about damaged and unusual footage, and what it refuses.
@Suite struct IngestFindingsTests {
    let actor = "T. Tester"

    @Test func fiveSecondHoleIsReported() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("gap_5s.mp4"), caseID: "C", actor: actor)
        let gaps = result.findings.filter { $0.kind == .timelineGap }
        #expect(gaps.count == 1)
        #expect(gaps.first?.message.contains("5.000 s missing") == true)
        #expect(gaps.first?.frame == 20)
    }

    @Test("clean and variable-frame-rate footage has no findings", arguments: ["cctv_h264.mp4", "vfr.mp4", "hevc.mkv", "mpeg2.ts", "audio_first_bframes.mp4"])
    func cleanFootageHasNoFindings(fixture: String) throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture(fixture), caseID: "C", actor: actor)
        #expect(result.findings == [], "\(fixture): \(result.findings.map(\.message))")
    }

    @Test func truncatedExportIsRegisteredWithFindings() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("damaged_truncated.mp4"), caseID: "C", actor: actor)
        #expect(result.status == .ingested)
        let kinds = Set(result.findings.map(\.kind))
        #expect(kinds.contains(.streamEndedEarly))
        #expect(kinds.contains(.containerError) || kinds.contains(.readError))
        let report = try store.reading.exhibit(result.exhibit!.description, actor: actor)
        #expect(report.frameCount > 0)
    }

    @Test func flippedBytesAreDecodeErrors() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("damaged_flipped.ts"), caseID: "C", actor: actor)
        #expect(result.status == .ingested)
        let decodeErrors = result.findings.filter { $0.kind == .decodeError }
        #expect(!decodeErrors.isEmpty)
        #expect(decodeErrors.contains { $0.frame != nil || $0.packet != nil })
    }

    @Test func textPretendingToBeVideoIsPreservedAndRegistered() throws {
        let store = try TestSupport.newStore()
        let path = TestSupport.fixture("not_video.mp4")
        let result = try store.intake.ingest(file: path, caseID: "C", actor: actor)
        #expect(result.status == .ingested)
        #expect(result.findings.map(\.kind) == [.unreadable])
        let report = try store.reading.exhibit(result.exhibit!.description, actor: actor)
        #expect(report.container == nil)
        let kept = try Data(contentsOf: URL(fileURLWithPath: store.path + "/" + report.vaultPath))
        #expect(kept == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func audioFirstStreamWithBFramesKeepsEveryFrame() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("audio_first_bframes.mp4"), caseID: "C", actor: actor)
        let report = try store.reading.exhibit(result.exhibit!.description, actor: actor)
        #expect(report.streams.map(\.type) == ["audio", "video"])
        #expect(report.streams[1].frameCount == 75)
        #expect(report.streams[1].packetCount == 75)
        let pictureTypes = Set(try store.reading.frames(of: result.exhibit!.description, actor: actor).map(\.pictureType))
        #expect(pictureTypes.contains("B"))
    }

    @Test func packetHashesAreOfTheCompressedPayload() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        let packets = try store.reading.packets(of: result.exhibit!.description, actor: actor)
        #expect(packets.count == 20)
        // ffmpeg's own per-packet hashes of the stream copied out unchanged.
        let oracle = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-i", TestSupport.fixture("mjpeg.avi"),
                                                             "-map", "0:v:0", "-c", "copy", "-f", "framehash", "-hash", "sha256", "-"])
        let theirs = TestSupport.hashLines(oracle.stdout).map { $0.split(separator: ",").last!.trimmingCharacters(in: .whitespaces) }
        #expect(packets.map(\.sha256) == theirs)
        #expect(packets.allSatisfy { $0.keyFrame })
    }

    @Test("bad input is refused with its path and reason, and nothing is written")
    func badInputIsRejected() throws {
        let store = try TestSupport.newStore()
        let directory = TestSupport.temporaryDirectory()
        let empty = TestSupport.fixture("damaged_empty.mp4")
        let cases: [(String, String)] = [
            (directory + "/missing.mp4", "no such file"),
            (directory, "is a directory"),
            (empty, "is empty"),
        ]
        for (path, reason) in cases {
            let result = try store.intake.ingest(file: path, caseID: "C", actor: actor)
            #expect(result.status == .rejected)
            #expect(result.error?.contains(path) == true)
            #expect(result.error?.contains(reason) == true, "\(result.error ?? "")")
        }
        let unreadable = directory + "/secret.mp4"
        _ = FileManager.default.createFile(atPath: unreadable, contents: Data("x".utf8), attributes: [.posixPermissions: 0o000])
        if getuid() != 0 {   // root reads anything
            let result = try store.intake.ingest(file: unreadable, caseID: "C", actor: actor)
            #expect(result.status == .rejected)
        }
        #expect(try store.reading.lookup(.caseID("C"), actor: actor).isEmpty)
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: store.path + "/tmp")) ?? []
        #expect(staging.isEmpty)
    }

    @Test func anActorIsRequired() throws {
        let store = try TestSupport.newStore()
        #expect(throws: DFCError.actorMissing) {
            try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: "  ")
        }
    }

    /// Found by `Scripts/fuzz`: an MPEG-TS whose only video stream appears while FFmpeg probes,
    /// after the streams were counted; its picture-size check read past the end of an array.
    @Test func aStreamFoundWhileProbingIsRead() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("fuzz_stream_found_in_probe.ts"), caseID: "C", actor: actor)
        #expect(result.status == .ingested)
        let report = try store.reading.exhibit(result.exhibit!.description, actor: actor)
        #expect(report.container == "mpegts" && report.frameCount == 1, "\(report)")
    }

    /// The same damaged file gives the same findings and frame hashes on every run, whatever
    /// the decoder's threads do: once the decoder reports damage, the file is decoded on one thread.
    @Test("damaged footage gives the same findings every run", arguments: ["damaged_flipped.ts", "damaged_truncated.mp4"])
    func damagedFootageGivesTheSameFindingsEveryRun(fixture: String) throws {
        var seen: [([Finding], [String])] = []
        for _ in 0..<4 {
            let store = try TestSupport.newStore()
            let result = try store.intake.ingest(file: TestSupport.fixture(fixture), caseID: "C", actor: actor)
            seen.append((result.findings, try store.reading.frames(of: result.exhibit!.description, actor: actor).map(\.sha256)))
        }
        #expect(seen[0].0.contains { $0.kind == .singleThreadedDecode })
        #expect(seen.allSatisfy { $0.0 == seen[0].0 && $0.1 == seen[0].1 }, "\(seen.map { $0.0.map(\.message) })")
    }
}
