@testable import DFCKit
import Foundation
import Testing

/// DFC's per-video PDQ hashes against Meta's vPDQ (PyPI `vpdq`, built from its C++ source
/// against the system FFmpeg by Scripts/install-oracles): the same frames selected, and the
/// same `frame,quality,hex,timestamp` lines.
@Suite struct VPDQOracleTests {
    static func reference(_ file: String) throws -> [String] {
        let run = try TestSupport.run(TestSupport.oraclePython, [TestSupport.script("pdq-oracle"), "video", file])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    static func ours(_ file: String) throws -> [String] {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: file, caseID: "C", actor: TestSupport.custodian, containment: Containment(worker: TestSupport.dfcBinary))
        return try store.reading.pdqHashes(of: result.exhibit!.description, actor: TestSupport.custodian).map(\.vpdqLine)
    }

    /// Clips made here with stock ffmpeg: frame rates that make vPDQ's frame interval 12,
    /// 25 and 29 (12.5, 25 and 29.97 fps), B-frames, other codecs, odd sizes, and a clip
    /// whose video is not its first stream.
    static let clips: [(name: String, arguments: [String])] = [
        ("h264-25fps-bframes.mp4", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=6", "-c:v", "libx264", "-bf", "3", "-pix_fmt", "yuv420p"]),
        ("h264-12.5fps.mkv", ["-f", "lavfi", "-i", "mandelbrot=size=352x288:rate=12.5", "-t", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p"]),
        ("mpeg4-29.97fps.avi", ["-f", "lavfi", "-i", "testsrc=size=321x241:rate=30000/1001:duration=4", "-c:v", "mpeg4", "-q:v", "5"]),
        ("mjpeg-full-range.mov", ["-f", "lavfi", "-i", "smptehdbars=size=480x270:rate=10:duration=4", "-c:v", "mjpeg", "-pix_fmt", "yuvj422p"]),
        ("audio-first.mp4", ["-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-f", "lavfi", "-i",
                             "testsrc2=size=320x240:rate=25:duration=4", "-map", "0:a", "-map", "1:v", "-c:a", "aac",
                             "-c:v", "libx264", "-bf", "2"]),
    ]

    @Test(arguments: clips.map(\.name))
    func generatedClipsHashAsVPDQDoes(name: String) throws {
        let clip = Self.clips.first { $0.name == name }!
        let file = TestSupport.temporaryDirectory() + "/" + name
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error"] + clip.arguments + ["-y", file])
        try #require(made.status == 0, "\(made.stderr)")
        let reference = try Self.reference(file)
        let ours = try Self.ours(file)
        #expect(reference.count >= 4, "\(name): \(reference)")
        if name == "audio-first.mp4" {
            // vPDQ drains its decoder with a packet of stream 0 (here the audio), so it loses
            // the video's last delayed frames; DFC keeps them. Every hash it has, DFC has too.
            #expect(Array(ours.prefix(reference.count)) == reference && ours.count >= reference.count, "\(ours)\n\(reference)")
        } else {
            #expect(ours == reference, "\(name)\nours:\n\(ours.joined(separator: "\n"))\nvpdq:\n\(reference.joined(separator: "\n"))")
        }
    }

    /// The committed fixtures whose pictures keep one size and format (vPDQ converts every
    /// picture with the first one's, so it hashes garbage after a change; DFC converts each
    /// as decoded), and that vPDQ can decode to the end.
    @Test(arguments: ["cctv_h264.mp4", "vfr.mp4", "hevc.mkv", "mpeg2.ts", "mjpeg.avi", "gap_5s.mp4", "bodycam.mp4",
                      "dvr_export.h264", "h264_10bit.mkv", "h264_422.mp4", "nv12.avi", "paletted.avi", "odd_size.mkv",
                      "damaged_flipped.ts", "ts_discontinuity.ts"])
    func fixturesHashAsVPDQDoes(fixture: String) throws {
        let file = TestSupport.fixture(fixture)
        #expect(try Self.ours(file) == (try Self.reference(file)), "\(fixture)")
    }

    /// A worker's analysis may carry a PDQ hash only on a frame the selection rule picks.
    @Test func theParentRefusesAPDQHashOnAFrameTheRuleDoesNotPick() throws {
        let path = TestSupport.temporaryDirectory() + "/analysis"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        try #require(descriptor >= 0)
        let writer = AnalysisWriter(descriptor: descriptor)
        let hash = PDQHash(hex: String(repeating: "ab", count: 32), quality: 80)
        for index in 0..<3 {
            try writer.append(FrameRow(stream: 0, index: index, pts: Int64(index), ptsSeconds: Double(index), keyFrame: index == 0,
                                       pictureType: "I", size: 6, sha256: Data(repeating: 1, count: 32), pdq: index == 1 ? hash : nil))
        }
        let stream = StreamInfo(
            index: 0, type: "video", codec: "h264", profile: nil, width: 2, height: 1, pixelFormat: "yuv420p", sampleAspectRatio: nil,
            frameRate: "25/1", averageFrameRate: "25/1", timeBase: "1/25", rotation: nil, sampleRate: nil, channels: nil,
            bitRate: nil, durationSeconds: nil, declaredFrameCount: nil, packetCount: 0, frameCount: 3, tags: [:])
        try writer.finish(MediaAnalysis(container: nil, streams: [stream], framehashTimeBases: [0: "1/25"], findings: [],
                                        packetCount: 0, frameCount: 3, libraries: "", pdqIntervals: [0: 25]))
        close(descriptor)
        #expect {
            _ = try AnalysisReader(path: path, limits: .standard).read()
        } throws: { "\($0)".contains("frame 1 of stream 0 has a PDQ hash, which the selection rule does not give it") }
    }
}
