import DFCKit
import Foundation
import Testing

/// DFC's frame hashes against stock FFmpeg's framehash muxer, fixture by fixture.
@Suite struct FramehashOracleTests {
    @Test("frame listing equals ffmpeg's framehash line for line", arguments: TestSupport.videoFixtures)
    func framesEqualFFmpeg(fixture: String) throws {
        let store = try TestSupport.newStore()
        let path = TestSupport.fixture(fixture)
        let result = try store.intake.ingest(file: path, caseID: "ORACLE", actor: "T. Tester")
        #expect(result.status == .ingested)
        var listing = ""
        _ = try store.reading.forEachFrame(of: result.exhibit!.description, actor: "T. Tester") { header, frame in
            if listing.isEmpty { listing = FramehashFormat.header(header) }
            listing += FramehashFormat.line(frame, header)
        }
        // A file whose decoder reported damage is decoded on one thread (see the README).
        let oneThread = result.findings.contains { $0.kind == .singleThreadedDecode }
        let oracle = try TestSupport.ffmpegFramehash(path, inputOptions: oneThread ? ["-threads", "1"] : [])
        let ours = TestSupport.hashLines(listing)
        let theirs = TestSupport.hashLines(oracle)
        #expect(!theirs.isEmpty, "ffmpeg produced no frames for \(fixture)")
        #expect(ours.count == theirs.count, "\(fixture): \(ours.count) frames, ffmpeg \(theirs.count)")
        for (line, (mine, reference)) in zip(ours, theirs).enumerated() where mine != reference {
            Issue.record("\(fixture) frame \(line): dfc `\(mine)` ffmpeg `\(reference)`")
            break
        }
        // The header describes the same stream (the #software line names the library version).
        let header = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("#") && !$0.hasPrefix("#software") } }
        #expect(header(listing) == header(oracle))
    }

    @Test("the rotated body-camera clip hashes the decoded picture, not a rotated copy")
    func rotationIsMetadataNotPixels() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("bodycam.mp4"), caseID: "ROT", actor: "T. Tester")
        let report = try store.reading.exhibit(result.exhibit!.description, actor: "T. Tester")
        let video = try #require(report.streams.first { $0.type == "video" })
        #expect(video.rotation == -90)
        #expect(video.width == 320 && video.height == 180)
        let tags = try #require(report.containerInfo?.tags)
        #expect(tags["make"] == "Axon")
        #expect(tags["model"] == "Body 3")
        #expect(tags["location"] == "+31.5497+074.3436/")
        #expect(tags["creation_time"] == "2026-11-03T14:22:05.000000Z")
    }

    /// The frame listing of a fixture, as `dfc frames` prints it, and its findings.
    private func listing(_ fixture: String) throws -> (text: String, findings: [Finding]) {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture(fixture), caseID: "ORACLE", actor: "T. Tester")
        var text = ""
        _ = try store.reading.forEachFrame(of: result.exhibit!.description, actor: "T. Tester") { header, frame in
            if text.isEmpty { text = FramehashFormat.header(header) }
            text += FramehashFormat.line(frame, header)
        }
        return (text, result.findings)
    }

    private func withoutSoftware(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("#software") } }

    /// A DVR switching to its sub-stream: each picture is hashed at the size it was decoded.
    /// Stock ffmpeg scales later pictures back to the first size unless told not to; with
    /// `-autoscale 0` it reproduces the whole listing, header and all.
    @Test func aResolutionChangeIsReproducedWithAutoscaleOff() throws {
        let (ours, findings) = try listing("res_change.ts")
        #expect(findings.contains { $0.kind == .pictureFormatChanged && $0.frame == 25 && $0.message.contains("176x144 yuv420p, before 320x240 yuv420p") })
        let path = TestSupport.fixture("res_change.ts")
        #expect(withoutSoftware(ours) == withoutSoftware(try TestSupport.ffmpegFramehash(path, options: ["-autoscale", "0"])))
        let scaled = TestSupport.hashLines(try TestSupport.ffmpegFramehash(path))
        #expect(Array(TestSupport.hashLines(ours).prefix(25)) == Array(scaled.prefix(25)))
        #expect(TestSupport.hashLines(ours)[25] != scaled[25], "the default command hashes a rescaled picture")
    }

    /// A camera reconfigured from 4:2:0 to 4:4:4: the ffmpeg CLI converts every picture to
    /// the first format; each run with `-pix_fmt F` reproduces the lines of the pictures in F.
    @Test func aPixelFormatChangeIsReproducedOneFormatAtATime() throws {
        let (ours, findings) = try listing("pixfmt_change.ts")
        #expect(findings.contains { $0.kind == .pictureFormatChanged && $0.frame == 25 && $0.message.contains("320x240 yuv444p") })
        let path = TestSupport.fixture("pixfmt_change.ts")
        let lines = TestSupport.hashLines(ours)
        let first = TestSupport.hashLines(try TestSupport.ffmpegFramehash(path, options: ["-autoscale", "0", "-pix_fmt", "yuv420p"]))
        let second = TestSupport.hashLines(try TestSupport.ffmpegFramehash(path, options: ["-autoscale", "0", "-pix_fmt", "yuv444p"]))
        #expect(lines.count == 50 && first.count == 50 && second.count == 50)
        #expect(Array(lines[..<25]) == Array(first[..<25]))
        #expect(Array(lines[25...]) == Array(second[25...]))
    }

    /// A recorder that restarted its clock: every picture's hash equals stock ffmpeg's, but
    /// the ffmpeg CLI renumbers the timestamps after the discontinuity, while DFC lists them
    /// as the file records them and says they go backwards.
    @Test func aTimestampDiscontinuityKeepsTheRecordedTimestamps() throws {
        let (ours, findings) = try listing("ts_discontinuity.ts")
        #expect(findings.contains { $0.kind == .timestampBackwards && $0.frame == 25 })
        let theirs = TestSupport.hashLines(try TestSupport.ffmpegFramehash(TestSupport.fixture("ts_discontinuity.ts")))
        let hash = { (line: Substring) in line.split(separator: ",").last! }
        #expect(TestSupport.hashLines(ours).map(hash) == theirs.map(hash))
        let pts = { (line: Substring) in Int(line.split(separator: ",")[1].trimmingCharacters(in: .whitespaces))! }
        let lines = TestSupport.hashLines(ours)
        #expect(pts(lines[25]) < pts(lines[24]) && pts(theirs[25]) > pts(theirs[24]))
    }
}
