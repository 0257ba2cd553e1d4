import DFCKit
import Foundation
import Testing

/// DFC's frame hashes against stock FFmpeg's framehash muxer, fixture by fixture.
@Suite struct FramehashOracleTests {
    @Test("frame listing equals ffmpeg's framehash line for line", arguments: TestSupport.videoFixtures)
    func framesEqualFFmpeg(fixture: String) throws {
        let store = try TestSupport.newStore()
        let path = TestSupport.fixture(fixture)
        let result = try store.ingest(file: path, caseID: "ORACLE", actor: "T. Tester")
        #expect(result.status == .ingested)
        var listing = ""
        _ = try store.forEachFrame(of: result.exhibit!.description, actor: "T. Tester") { header, frame in
            if listing.isEmpty { listing = FramehashFormat.header(header) }
            listing += FramehashFormat.line(frame, header)
        }
        let oracle = try TestSupport.ffmpegFramehash(path)
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
        let result = try store.ingest(file: TestSupport.fixture("bodycam.mp4"), caseID: "ROT", actor: "T. Tester")
        let report = try store.exhibit(result.exhibit!.description, actor: "T. Tester")
        let video = try #require(report.streams.first { $0.type == "video" })
        #expect(video.rotation == -90)
        #expect(video.width == 320 && video.height == 180)
        let tags = try #require(report.containerInfo?.tags)
        #expect(tags["make"] == "Axon")
        #expect(tags["model"] == "Body 3")
        #expect(tags["location"] == "+31.5497+074.3436/")
        #expect(tags["creation_time"] == "2026-11-03T14:22:05.000000Z")
    }
}
