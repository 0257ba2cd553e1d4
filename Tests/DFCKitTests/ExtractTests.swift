import Crypto
import DFCKit
import Foundation
import GRDB
import Testing

/// `dfc extract`: PNGs whose pixels equal stock ffmpeg's conversion of the same picture,
/// registered as derived evidence under a signed event, and never half-written.
@Suite struct ExtractTests {
    let actor = TestSupport.custodian
    let worker = Containment(worker: TestSupport.dfcBinary)

    /// What stock ffmpeg makes of picture `frame` with the matrix and range DFC says it used,
    /// turned as DFC turned it: packed RGB24.
    static func stockRGB(_ file: String, frame: Int, conversion: String, rotation: Int) throws -> Data {
        var filters = "select=eq(n\\,\(frame))"
        if let matrix = conversion.firstMatch(of: /, (\w+) matrix/)?.1 {
            let range = conversion.contains("full (pc) range") ? "pc" : "tv"
            filters += ",scale=in_color_matrix=\(matrix):in_range=\(range):out_range=pc:flags=bicubic+accurate_rnd+full_chroma_int+bitexact"
        } else {
            filters += ",scale=flags=bicubic+accurate_rnd+full_chroma_int+bitexact"
        }
        filters += ",format=rgb24" + ([90: ",transpose=clock", 180: ",hflip,vflip", 270: ",transpose=cclock"][rotation] ?? "")
        let out = TestSupport.temporaryDirectory() + "/stock.rgb"
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-noautorotate", "-i", file, "-vf", filters,
                                                            "-frames:v", "1", "-f", "rawvideo", "-y", out])
        try #require(made.status == 0, "\(made.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    /// A PNG's pixels as stock ffmpeg decodes it, packed RGB24.
    static func pixels(ofPNG png: String) throws -> Data {
        let out = TestSupport.temporaryDirectory() + "/png.rgb"
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-i", png, "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", out])
        try #require(made.status == 0, "\(made.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    /// A 1280x720 clip that declares BT.709, and one that declares full-range BT.601.
    static func taggedClips() throws -> [String] {
        let directory = TestSupport.temporaryDirectory()
        var clips: [String] = []
        for (name, options) in [("bt709.mp4", ["-vf", "scale=1280:720", "-colorspace", "bt709", "-color_range", "tv"]),
                                ("fullrange.mkv", ["-vf", "scale=640:360", "-pix_fmt", "yuv420p", "-colorspace", "smpte170m", "-color_range", "pc"])] {
            let file = directory + "/" + name
            let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2"]
                                           + options + ["-c:v", "libx264", "-y", file])
            try #require(made.status == 0, "\(made.stderr)")
            clips.append(file)
        }
        return clips
    }

    @Test func picturesEqualStockFFmpegsConversionForEveryMatrixRangeAndRotation() throws {
        let store = try TestSupport.newStore()
        let files = ["bodycam.mp4", "mjpeg.avi", "h264_10bit.mkv", "paletted.avi", "odd_size.mkv"].map(TestSupport.fixture) + (try Self.taggedClips())
        var conversions: [String] = []
        for file in files {
            let exhibit = try #require(try store.intake.ingest(file: file, caseID: "C", actor: actor, containment: worker).exhibit).description
            let extraction = try store.disclosure.extractFrames(of: exhibit, selection: .indices([0, 7]), to: TestSupport.temporaryDirectory() + "/x",
                                                     actor: actor, containment: worker)
            let catalog = try store.reading.frames(of: exhibit, actor: actor)
            for frame in extraction.frames {
                let path = extraction.directory + "/" + frame.fileName
                let png = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(SHA256.hash(data: png).map { String(format: "%02x", $0) }.joined() == frame.pngSHA256)
                #expect(frame.frameSHA256 == catalog[frame.frame].sha256 && frame.pts == catalog[frame.frame].pts)
                let stock = try Self.stockRGB(file, frame: frame.frame, conversion: frame.conversion, rotation: frame.rotation)
                #expect(try Self.pixels(ofPNG: path) == stock, "\(file) frame \(frame.frame): \(frame.conversion)")
                conversions.append(frame.conversion)
            }
        }
        #expect(conversions.contains { $0.contains("bt709 matrix, limited (tv) range") && !$0.contains("assumed") })
        #expect(conversions.contains { $0.contains("bt601 matrix, full (pc) range") })
        #expect(conversions.contains { $0.contains("bt601 matrix (assumed") && $0.contains("turned 90° clockwise") })
        #expect(conversions.contains { $0.hasPrefix("pal8 (no YUV matrix)") })
        #expect(try store.integrity.audit(actor: actor).ok)
    }

    @Test func theRotationIsAppliedOrRecordedAndTimesPickThePictureOnScreen() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("bodycam.mp4"), caseID: "C", actor: actor, containment: worker)
        let applied = try store.disclosure.extractFrames(of: "EX-1", selection: .times([0, 1.5, 1.51]), to: TestSupport.temporaryDirectory(),
                                              actor: actor, containment: worker)
        // 1.5 s and 1.51 s are the same picture at 30 fps: it is written once.
        #expect(applied.frames.map(\.frame) == [0, 45])
        #expect(applied.frames.allSatisfy { $0.width == 180 && $0.height == 320 && $0.rotation == 90 && $0.displayRotation == 90 })
        let recorded = try store.disclosure.extractFrames(of: "EX-1", selection: .every(1), applyRotation: false, to: TestSupport.temporaryDirectory(),
                                               actor: actor, containment: worker)
        #expect(recorded.frames.map(\.frame) == [0, 30])   // a 2 s clip at 30 fps
        #expect(recorded.frames.allSatisfy { $0.width == 320 && $0.height == 180 && $0.rotation == 0 && $0.displayRotation == 90 })
        #expect(recorded.frames[0].frameSHA256 == applied.frames[0].frameSHA256 && recorded.frames[0].pngSHA256 != applied.frames[0].pngSHA256)
        let keyframes = try store.disclosure.extractFrames(of: "EX-1", selection: .keyframes, to: TestSupport.temporaryDirectory(), actor: actor, containment: worker)
        let catalog = try store.reading.frames(of: "EX-1", actor: actor)
        #expect(keyframes.frames.map(\.frame) == catalog.filter(\.keyFrame).map(\.index))

        let registered = try store.disclosure.extractedFrames(of: "EX-1", actor: actor)
        #expect(registered.count == applied.frames.count + recorded.frames.count + keyframes.frames.count)
        let events = try store.reading.custody(of: "EX-1", actor: actor).filter { $0.action == "extracted" }
        #expect(events.map(\.seq) == [applied.event, recorded.event, keyframes.event] && events.allSatisfy { $0.signatureStatus == "valid" })
        #expect(events[1].details["rotation"] == "recorded" && events[1].details["frames"] == "2" && events[1].details["selection"] == "every 1.0 s")
        // The store keeps its own read-only copy of each PNG.
        for frame in registered {
            let attributes = try FileManager.default.attributesOfItem(atPath: store.path + "/" + frame.storedPath)
            #expect((attributes[.posixPermissions] as? Int) == 0o444)
        }
    }

    /// Analysis and extraction take pictures out of the decoder through one loop (`PictureLoop`), so
    /// they number them alike even where the decoder fails on damaged data: every picture of
    /// damaged footage extracts as the frame of the same index in the catalog, hash for hash.
    @Test(arguments: ["damaged_flipped.ts", "damaged_truncated.mp4", "res_change.ts"])
    func everyPictureOfDamagedFootageExtractsAsTheCatalogsFrameOfItsIndex(_ name: String) throws {
        let store = try TestSupport.newStore()
        let exhibit = try #require(try store.intake.ingest(file: TestSupport.fixture(name), caseID: "C", actor: actor, containment: worker).exhibit).description
        let catalog = try store.reading.frames(of: exhibit, actor: actor)
        try #require(catalog.count > 1, "\(name) decodes to pictures")
        let extraction = try store.disclosure.extractFrames(of: exhibit, selection: .indices(catalog.map(\.index)), to: TestSupport.temporaryDirectory() + "/x",
                                                            actor: actor, containment: worker)
        #expect(extraction.frames.map(\.frame) == catalog.map(\.index))
        #expect(extraction.frames.map(\.frameSHA256) == catalog.map(\.sha256))
    }

    @Test func nothingIsWrittenOrRegisteredWhenAFileIsInTheWayOrThePictureDoesNotExist() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor, containment: worker)
        let directory = TestSupport.temporaryDirectory()
        try Data("not mine".utf8).write(to: URL(fileURLWithPath: directory + "/EX-000001-s0-f000003.png"))
        #expect { try store.disclosure.extractFrames(of: "EX-1", selection: .indices([1, 3]), to: directory, actor: actor, containment: worker) } throws: {
            "\($0)".contains("EX-000001-s0-f000003.png: already exists: nothing was extracted")
        }
        #expect { try store.disclosure.extractFrames(of: "EX-1", selection: .indices([99_999]), to: directory, actor: actor, containment: worker) } throws: {
            "\($0)".contains("has no picture 99999")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["EX-000001-s0-f000003.png"])
        #expect(try store.disclosure.extractedFrames(of: "EX-1", actor: actor).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: store.path + "/derived"))
    }

    @Test func theCommandExtractsAndTheAuditCatchesAnEditedRow() throws {
        let work = TestSupport.temporaryDirectory()
        let store = work + "/store"
        #expect(try TestSupport.dfc(["ingest", TestSupport.fixture("cctv_h264.mp4"), "--case", "C", "--store", store], actor: actor).status == 0)
        let run = try TestSupport.dfc(["extract", "EX-1", "--at", "0:01.0", "2", "--output", work + "/frames", "--store", store], actor: actor)
        #expect(run.status == 0 && run.stdout.split(separator: "\n").count == 2, "\(run.stderr)")
        #expect(run.stderr.contains("2 pictures written to \(work)/frames, registered by custody event"))
        let usage = try TestSupport.dfc(["extract", "EX-1", "--at", "1", "--keyframes", "--output", work + "/f2", "--store", store], actor: actor)
        #expect(usage.status == 64 && usage.stderr.contains("exactly one of --at, --every, --keyframes, --frames"))

        let db = try DatabaseQueue(path: store + "/catalog.sqlite")
        try Insider(path: store).execute("UPDATE derived_frame SET png_sha256 = replace(png_sha256, substr(png_sha256, 1, 1), 'f') WHERE id = 1")
        // The store's own copy of the other picture, replaced.
        let kept = try #require(try db.read { try String.fetchOne($0, sql: "SELECT stored_path FROM derived_frame WHERE id = 2") })
        chmod(store + "/" + kept, 0o644)
        try Data("not a PNG".utf8).write(to: URL(fileURLWithPath: store + "/" + kept))
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: actor)
        #expect(audit.status == 1 && audit.stdout.contains("EX-000001: its extracted pictures no longer match what custody event"), "\(audit.stdout)")
        #expect(audit.stdout.contains("EX-000001: its extracted picture \(kept) is not the registered PNG"), "\(audit.stdout)")
        // A picture planted among the store's extracted pictures, as if some extraction had made it.
        let planted = store + "/derived/00/" + String(repeating: "0", count: 64) + ".png"
        try FileManager.default.createDirectory(atPath: store + "/derived/00", withIntermediateDirectories: true)
        try Data("planted".utf8).write(to: URL(fileURLWithPath: planted))
        let again = try TestSupport.dfc(["audit", "--store", store], actor: actor)
        #expect(again.stdout.contains("derived/00/\(String(repeating: "0", count: 64)).png: a file among the extracted pictures that no registered extraction made"), "\(again.stdout)")
    }
}
