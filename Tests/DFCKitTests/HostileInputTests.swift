@testable import DFCKit
import Foundation
import Testing

/// The hostile corpus of `Scripts/make-hostile-fixtures`: playlists, concat lists and URLs
/// aimed at a listener on 127.0.0.1 and at a secret local file, picture and stream bombs,
/// truncations, byte flips and mismatched headers. Every file is registered, with findings;
/// no connection arrives; no byte of the secret enters the store.
@Suite(.serialized) struct HostileInputTests {
    struct Corpus {
        let directory: String
        let listener: LocalListener
        let secret: String
        let secretContent: String
        var files: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
        }
    }

    static func makeCorpus() throws -> Corpus {
        let work = TestSupport.temporaryDirectory()
        let listener = try LocalListener()
        let secretContent = "SECRET-\(UUID().uuidString)-do-not-leak"
        let secret = work + "/secret.txt"
        try secretContent.write(toFile: secret, atomically: true, encoding: .utf8)
        let script = TestSupport.packageRoot.appendingPathComponent("Scripts/make-hostile-fixtures").path
        let made = try TestSupport.run("/bin/bash", [script, work + "/hostile", String(listener.port), secret])
        try #require(made.status == 0, "\(made.stderr)")
        return Corpus(directory: work + "/hostile", listener: listener, secret: secret, secretContent: secretContent)
    }

    /// The control: the ffmpeg CLI, with http allowed (as pipelines that fetch streams set it),
    /// does connect to the listener. Without this, the listener's silence below would prove
    /// nothing. (With FFmpeg's defaults a local playlist may only open local files — which
    /// is the local-file disclosure the secret-file case tests.)
    @Test func stockFFmpegFollowsThePlaylistToTheListener() throws {
        let corpus = try Self.makeCorpus()
        _ = try TestSupport.run("/usr/bin/timeout", ["20", TestSupport.ffmpeg, "-nostdin", "-v", "quiet", "-rw_timeout", "1000000",
                                                      "-protocol_whitelist", "file,http,tcp",
                                                      "-i", corpus.directory + "/playlist.m3u8", "-f", "null", "-"])
        #expect(corpus.listener.connectionsSoFar() >= 1)
    }

    @Test func everyHostileFileIsRegisteredWithFindingsAndNothingLeaks() throws {
        let corpus = try Self.makeCorpus()
        let store = try TestSupport.newStore()
        var findings: [String: [Finding.Kind]] = [:]
        var exhibits: [String: ExhibitID] = [:]
        for file in corpus.files {
            let result = try store.intake.ingest(file: file, caseID: "HOSTILE", actor: TestSupport.custodian)
            #expect(result.status == .ingested || result.status == .duplicate, "\(file): \(result.error ?? "")")
            findings[(file as NSString).lastPathComponent] = result.findings.map(\.kind)
            exhibits[(file as NSString).lastPathComponent] = result.exhibit
        }
        #expect(corpus.files.count >= 25)
        #expect(corpus.listener.connectionsSoFar() == 0, "a hostile input reached the network")

        for name in ["playlist.m3u8", "playlist-disguised.avi", "secret-playlist.m3u8", "concat.ffconcat"] {
            #expect(findings[name]?.contains(.refusedFormat) == true, "\(name): \(findings[name] ?? [])")
        }
        for name in ["huge-dimensions-65535.avi", "huge-dimensions-12000.avi", "many-streams.mkv"] {
            #expect(findings[name]?.contains(.limitExceeded) == true, "\(name): \(findings[name] ?? [])")
        }

        // 150,000 empty chunks before the pictures: the reading gets through them to all 20.
        let zero = try store.reading.exhibit(try #require(exhibits["zero-size-chunks.avi"]).description, actor: TestSupport.custodian)
        #expect(zero.frameCount == 20, "\(zero)")

        // The secret's bytes are nowhere in the store: not in the catalog, its WAL, or the vault.
        let needle = Data(corpus.secretContent.utf8)
        let enumerator = FileManager.default.enumerator(atPath: store.path)
        while let entry = enumerator?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: store.path + "/" + entry) else { continue }
            #expect(data.range(of: needle) == nil, "the secret's bytes are in \(entry)")
        }
        #expect(try store.integrity.audit(actor: TestSupport.custodian).ok)
    }

    /// The limits that real footage never reaches, lowered so that a real file reaches them.
    @Test func limitsStopReadingWithAFinding() throws {
        let clip = TestSupport.fixture("cctv_h264.mp4")
        var analyzer = MediaAnalyzer(descriptor: open(clip, O_RDONLY))
        analyzer.limits.maxPacketBytes = 1000
        let big = try analyzer.run(packet: { _ in }, frame: { _ in })
        #expect(big.findings.contains { $0.kind == .limitExceeded && $0.message.contains("a packet of") })
        analyzer = MediaAnalyzer(descriptor: open(clip, O_RDONLY))
        analyzer.limits.maxSeconds = 0
        let slow = try analyzer.run(packet: { _ in }, frame: { _ in })
        #expect(slow.findings.contains { $0.kind == .limitExceeded && $0.message.contains("to read and decode") })
        #expect(slow.packetCount == 0)
    }
}
