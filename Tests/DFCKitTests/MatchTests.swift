@testable import DFCKit
import Foundation
import Testing

/// "Find this scene": re-encoded, rescaled and trimmed copies of evidence are found by PDQ
/// and vPDQ with their times; unrelated footage is not; hash lists find exhibits by each
/// kind of hash; and the index finds exactly what a comparison with every hash finds.
@Suite(.serialized) struct MatchTests {
    static let actor = TestSupport.custodian

    /// A store with a still (colour waves, the same on every run), a 12 s clip whose pictures change every moment (a Mandelbrot
    /// zoom), and the unrelated fixtures; built once.
    static let world: (store: EvidenceStore, directory: String, still: ExhibitID, clip: ExhibitID, others: [ExhibitID]) = {
        let directory = TestSupport.temporaryDirectory()
        func ffmpeg(_ arguments: [String]) {
            let run = try! TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error"] + arguments)
            precondition(run.status == 0, run.stderr)
        }
        ffmpeg(["-f", "lavfi", "-i", "color=c=black:size=640x480,format=rgb24,geq=r='128+100*sin(X/23)*cos(Y/37)'"
                + ":g='128+90*sin((X+Y)/41)':b='128+80*cos(X/17-Y/29)'", "-frames:v", "1", "-y", directory + "/still.png"])
        ffmpeg(["-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=25", "-t", "12", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-y", directory + "/zoom.mp4"])
        let store = try! TestSupport.newStore()
        let containment = Containment(worker: TestSupport.dfcBinary)
        func ingest(_ file: String) -> ExhibitID {
            try! store.intake.ingest(file: file, caseID: "SCENE", actor: actor, containment: containment).exhibit!
        }
        let still = ingest(directory + "/still.png")
        let clip = ingest(directory + "/zoom.mp4")
        let others = ["cctv_h264.mp4", "vfr.mp4", "hevc.mkv", "mpeg2.ts", "gap_5s.mp4", "bodycam.mp4"].map { ingest(TestSupport.fixture($0)) }
        return (store, directory, still, clip, others)
    }()

    static func ffmpeg(_ arguments: [String]) throws {
        let run = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error"] + arguments)
        try #require(run.status == 0, "\(run.stderr)")
    }

    @Test func aStillReencodedAndHalvedIsFoundAndNothingElse() throws {
        let world = Self.world
        let query = world.directory + "/still-q50-half.jpg"
        // JPEG at about quality 50 (-q:v 8), half the size.
        try Self.ffmpeg(["-i", world.directory + "/still.png", "-vf", "scale=320:240", "-q:v", "8", "-y", query])
        let report = try world.store.search.match(image: query, actor: Self.actor, containment: Containment(worker: TestSupport.dfcBinary))
        #expect(report.problem == nil, "\(report.problem ?? "")")
        #expect(report.matches.map(\.exhibit) == [world.still], "\(report.matches)")
        #expect((report.matches.first?.distance ?? 99) <= 31)
    }

    @Test func aFrameGrabbedFromAClipIsFoundAtItsTime() throws {
        let world = Self.world
        let query = world.directory + "/grab-5s.jpg"
        try Self.ffmpeg(["-ss", "5", "-i", world.directory + "/zoom.mp4", "-frames:v", "1", "-vf", "scale=320:180", "-q:v", "15", "-y", query])
        let report = try world.store.search.match(image: query, actor: Self.actor)
        let best = try #require(report.matches.first, "\(report)")
        #expect(best.exhibit == world.clip && best.ptsSeconds.map { abs($0 - 5) < 0.01 } == true, "\(report.matches)")
        #expect(!report.matches.contains { world.others.contains($0.exhibit) || $0.exhibit == world.still })
    }

    /// A 4 s piece of the clip, re-encoded with another codec and halved: vPDQ's rule finds
    /// the clip, with the query's time range placed 4 s into the exhibit.
    @Test func aTrimmedReencodedScaledClipIsFoundWithItsTimeRange() throws {
        let world = Self.world
        let query = world.directory + "/piece.avi"
        try Self.ffmpeg(["-ss", "4", "-t", "4", "-i", world.directory + "/zoom.mp4", "-vf", "scale=320:180", "-c:v", "mpeg4",
                         "-q:v", "6", "-y", query])
        let report = try world.store.search.match(video: query, actor: Self.actor, containment: Containment(worker: TestSupport.dfcBinary))
        #expect(report.problem == nil && report.queryHashes == 4, "\(report)")
        let found = try #require(report.matches.first, "\(report)")
        #expect(report.matches.map(\.exhibit) == [world.clip], "\(report.matches)")
        #expect(found.queryPercent >= 80 && found.exhibitPercent > 20 && found.exhibitPercent < 60, "\(found)")
        #expect(abs(found.offsetSeconds - 4) < 0.05 && found.exhibitRange.lowerBound >= 3.9 && found.exhibitRange.upperBound <= 8.1, "\(found)")
    }

    @Test func anUnrelatedClipMatchesNothing() throws {
        let world = Self.world
        let query = world.directory + "/unrelated.mp4"
        try Self.ffmpeg(["-f", "lavfi", "-i", "life=size=320x240:rate=25:mold=10:seed=1", "-t", "4", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", query])
        let report = try world.store.search.match(video: query, actor: Self.actor)
        #expect(report.matches == [], "\(report.matches)")
    }

    @Test func aHashListFindsExhibitsByEachKindOfHash() throws {
        let world = Self.world
        let store = world.store
        let fileHash = try store.reading.exhibit(world.others[0].description, actor: Self.actor).sha256
        let frame = try store.reading.frames(of: world.others[1].description, actor: Self.actor)[3]
        var pdq = try #require(try store.reading.pdqHashes(of: world.clip.description, actor: Self.actor).dropFirst(2).first)
        pdq.hash.words[0] ^= 0b111   // three bits off: still within 31
        let list = world.directory + "/agency-list.txt"
        try """
            # from another agency
            \(fileHash)
            frame:\(frame.sha256)

            pdq:\(pdq.hash.hex)
            \(String(repeating: "ab", count: 32))
            """.write(toFile: list, atomically: true, encoding: .utf8)
        let hits = try store.search.match(hashList: list, actor: Self.actor)
        #expect(hits.contains { $0.line == 2 && $0.kind == .fileSHA256 && $0.exhibit == world.others[0] }, "\(hits)")
        #expect(hits.contains { $0.line == 3 && $0.kind == .frameSHA256 && $0.exhibit == world.others[1] && $0.frame == 3 }, "\(hits)")
        #expect(hits.contains { $0.line == 5 && $0.kind == .pdq && $0.exhibit == world.clip && $0.frame == pdq.frame && $0.distance == 3 }, "\(hits)")
        #expect(!hits.contains { $0.line == 6 })

        try "\(fileHash)\nnot-a-hash\n".write(toFile: list, atomically: true, encoding: .utf8)
        #expect { try store.search.match(hashList: list, actor: Self.actor) } throws: { "\($0)".contains("agency-list.txt:2: \"not-a-hash\" is not a hash") }
    }

    /// `dfc match`: text and JSON, and exit 1 when nothing matches.
    @Test func theCommandReportsAndExitsByWhatItFound() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        func dfc(_ arguments: [String]) throws -> TestSupport.Run { try TestSupport.dfc(arguments + ["--store", store]) }
        #expect(try dfc(["ingest", TestSupport.fixture("cctv_h264.mp4"), "--case", "C"]).status == 0)
        let pdq = try #require(try dfc(["pdq", "EX-1"]).stdout.split(separator: "\n").first.map(String.init))
        let list = TestSupport.temporaryDirectory() + "/list.txt"
        try (pdq + "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let found = try dfc(["match", "--hash-list", list])
        #expect(found.status == 0 && found.stdout.hasPrefix("line 1\tpdq\tEX-000001\tframe 0:0\t0.000 s\tdistance 0\tcase C"), "\(found.stdout)\(found.stderr)")
        let image = try dfc(["match", "--image", TestSupport.fixture("mjpeg.avi"), "--json"])
        #expect(image.status == 1 && image.stdout.contains("\"matches\":[]"), "\(image.stdout)\(image.stderr)")
        let neither = try dfc(["match"])
        #expect(neither.status == 64 && neither.stderr.contains("give one of --image, --video or --hash-list"))
    }

    /// Every match leaves a `searched` event naming the query by its SHA-256, and an
    /// `accessed` event on each exhibit found; the audit stays clean.
    @Test func everyMatchIsRecorded() throws {
        let world = Self.world
        let store = world.store
        let query = world.directory + "/still-again.png"
        try FileManager.default.copyItem(atPath: world.directory + "/still.png", toPath: query)
        let report = try store.search.match(image: query, actor: Self.actor)
        let custody = try store.reading.custody(of: world.still.description, actor: Self.actor)
        #expect(custody.contains { $0.action == "accessed" && $0.details["command"] == "match --image" && $0.details["query_sha256"] == report.querySHA256 })
        #expect(try store.integrity.audit(actor: Self.actor).problems == [])
    }

    /// The index against a comparison with every hash, on 20,000 random hashes and queries
    /// near some of them, at PDQ's radius, a wider one, and one past the indexed range.
    @Test func theIndexFindsWhatAFullComparisonFinds() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> UInt16 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt16(truncatingIfNeeded: state >> 20)
        }
        let hashes = (0..<20_000).map { _ in PDQHash(words: (0..<16).map { _ in next() }, quality: 100) }
        let index = PDQIndex(hashes)
        for trial in 0..<60 {
            var query = hashes[(trial * 331) % hashes.count]
            for _ in 0..<(trial % 45) { let bit = Int(next()) % 256; query.words[bit >> 4] ^= 1 << (bit & 15) }
            for radius in [31, 47, 80] {
                let brute = hashes.enumerated().compactMap { $0.element.distance(to: query) <= radius ? $0.offset : nil }
                let found = index.search(query, within: radius)
                #expect(found.map(\.entry) == brute, "trial \(trial), radius \(radius)")
                #expect(found.allSatisfy { $0.distance == hashes[$0.entry].distance(to: query) })
            }
        }
    }
}
