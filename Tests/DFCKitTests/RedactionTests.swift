import DFCCore
import DFCKit
import DFCMedia
import Foundation
import Testing

/// Redaction as derived evidence, on a clip the tests make with the ffmpeg CLI from a public-domain
/// photograph (Fixtures/faces/NOTICE.md): two faces (one mirrored) moving across a moving test pattern with sensor noise, with
/// a tone as sound. The face is marked by hand once in the still; its box in every frame follows
/// from where ffmpeg's overlay put it. Runs on both catalog engines (`TestSupport.newStore`).
@Suite struct RedactionTests {
    /// The face in the still (forehead to chin, ear to ear), marked by hand.
    static let markedFace = (x: 178.0, y: 60.0, width: 96.0, height: 126.0)
    static let width = 640, height = 360, frames = 100

    /// The clip: the head (the still's 150…300 × 10…230, scaled by 0.8) twice, one mirrored, 4 s at 25 fps, and a 440 Hz tone.
    static let clip: String = {
        let path = TestSupport.temporaryDirectory() + "/two_faces.mp4"
        let made = try? TestSupport.run(TestSupport.ffmpeg, [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4,noise=alls=8:allf=t",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4", "-i", TestSupport.fixture("faces/astronaut.jpg"),
            "-filter_complex", "[2]crop=150:220:150:10,scale=120:176,split[a][b];[b]hflip[m];[0][a]overlay=x='20+t*100':y=60[v1];"
                + "[v1][m]overlay=x='500-t*60':y='150-t*10'[v]",
            "-map", "[v]", "-map", "1:a", "-c:v", "libx264", "-preset", "fast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
            "-metadata", "title=Platform 4", "-metadata", "comment=officer 2231's camera, home address on file", path,
        ])
        precondition(made?.status == 0, "ffmpeg could not make the redaction clip: \(made?.stderr ?? "")")
        return path
    }()

    /// The hand-marked face's box in picture `frame` of the clip, for each of the two heads.
    static func marked(_ frame: Int) -> [(x: Double, y: Double, width: Double, height: Double)] {
        let t = Double(frame) / 25
        let scale = 0.8
        let inCrop = (x: markedFace.x - 150, y: markedFace.y - 10)
        let mirroredX = 150 - (inCrop.x + markedFace.width)
        return [
            ((20 + t * 100).rounded(.down) + inCrop.x * scale, 60 + inCrop.y * scale, markedFace.width * scale, markedFace.height * scale),
            ((500 - t * 60).rounded(.down) + mirroredX * scale, (150 - t * 10).rounded(.down) + inCrop.y * scale,
             markedFace.width * scale, markedFace.height * scale),
        ]
    }

    /// A store holding the clip, with an analyst and a supervisor.
    static func storeWithClip() throws -> (EvidenceStore, String) {
        let store = try TestSupport.newStore(analysts: ["Ann Analyst"])
        _ = try store.ledger.registerActor(name: "Sam Supervisor", role: .supervisor, by: TestSupport.custodian)
        let result = try store.intake.ingest(file: clip, caseID: "C-REDACT", actor: "Ann Analyst")
        return (store, try #require(result.exhibit).description)
    }

    /// The detector's proposal, every track accepted with a reason, recorded as the next version.
    static func acceptedPlan(_ store: EvidenceStore, _ exhibit: String, audio: [RedactionPlan.AudioRange] = [],
                             keepTags: [String] = []) throws -> RedactionVersion {
        let proposal = try store.redaction.detectFaces(of: exhibit, to: TestSupport.temporaryDirectory(), actor: "Ann Analyst")
        var plan = proposal.version.plan
        plan.basedOn = proposal.version.version
        for index in plan.tracks.indices {
            plan.tracks[index].decision = .accepted
            plan.tracks[index].reason = "bystander"
        }
        plan.audioRanges = audio
        plan.keepTags = keepTags
        return try store.redaction.recordPlan(plan, reason: "reviewed", actor: "Ann Analyst")
    }

    /// The share of `box` that the plan's painted areas on `frame` cover.
    static func coverage(_ box: (x: Double, y: Double, width: Double, height: Double), _ tracks: [RedactionPlan.Track], frame: Int) -> Double {
        let areas = tracks.compactMap { track in
            track.region(at: frame).map { RedactionPlan.paintedArea($0, shape: track.shape, width: width, height: height) }
        }
        var inside = 0, total = 0
        for y in Int(box.y)..<Int(box.y + box.height) where y >= 0 && y < height {
            for x in Int(box.x)..<Int(box.x + box.width) where x >= 0 && x < width {
                total += 1
                if areas.contains(where: { x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height }) { inside += 1 }
            }
        }
        return total == 0 ? 1 : Double(inside) / Double(total)
    }

    /// Every picture of `file` as planar YUV 4:2:0, decoded by the ffmpeg CLI.
    static func pictures(_ file: String) throws -> [Data] {
        let raw = TestSupport.temporaryDirectory() + "/pictures.yuv"
        let result = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-i", file, "-map", "0:v:0", "-f", "rawvideo",
                                                              "-pix_fmt", "yuv420p", raw])
        try #require(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: raw))
        let size = width * height * 3 / 2
        return stride(from: 0, to: data.count, by: size).map { data[$0..<min(data.count, $0 + size)] }
    }

    /// The loudest sample (dBFS) of `file`'s sound between `from` and `to` seconds, as ffmpeg's volumedetect says.
    static func loudest(_ file: String, from: Double, to: Double) throws -> Double {
        let result = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-i", file, "-vn", "-af", "atrim=\(from):\(to),volumedetect", "-f", "null", "-"])
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("max_volume:") })
        return try #require(Double(line.split(separator: " ").dropLast().last ?? ""))
    }

    // MARK: - Tracking

    @Test func tracksBridgeTheFramesTheDetectorDidNotLookAt() {
        let tracker = DetectionTracker(step: 4, detector: "test")
        // One face moving right, seen every 4th picture except picture 12; another appearing at 20.
        var detections = stride(from: 0, through: 32, by: 4).filter { $0 != 12 }.map {
            DetectionTracker.Detection(frame: $0, x: Double(100 + $0 * 3), y: 50, width: 40, height: 50, score: 0.9)
        }
        detections.append(.init(frame: 20, x: 400, y: 200, width: 30, height: 40, score: 0.6))
        let tracks = tracker.tracks(detections, label: .face, width: 640, height: 360, frameCount: 40)
        #expect(tracks.count == 2, "\(tracks.map(\.frames))")
        let first = tracks[0]
        #expect(first.frames == 0...36, "the track runs to one step past its last detection")
        #expect(first.decision == .proposed && first.label == .face)
        for frame in 0...32 {
            let region = first.region(at: frame)
            let centre = Double(100 + frame * 3) + 20
            #expect(region.map { Double($0.x) < centre - 20 && Double($0.x + $0.width) > centre + 20 } == true,
                    "frame \(frame): the face (centre \(centre)) is inside \(String(describing: region))")
        }
        #expect(tracks[1].frames == 16...24)
        #expect(tracks.allSatisfy { $0.keyframes.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x + $0.width <= 640 && $0.y + $0.height <= 360 } })
    }

    @Test func aSmallFastFaceStaysOneTrack() {
        // A 20-pixel face moving 32 pixels between the pictures the detector looks at: its boxes never overlap.
        let detections = stride(from: 0, through: 96, by: 4).map {
            DetectionTracker.Detection(frame: $0, x: Double(10 + $0 * 8), y: 300, width: 20, height: 26, score: 0.4)
        }
        let tracks = DetectionTracker(step: 4, detector: "test").tracks(detections, label: .face, width: 1920, height: 1080, frameCount: 100)
        #expect(tracks.count == 1, "\(tracks.map(\.frames))")
        #expect(tracks.first?.frames == 0...99)
        // Numbers no detector gives are no detections, never a crash.
        let odd = [Double.nan, .infinity, -.infinity, 1e300].map { DetectionTracker.Detection(frame: 1, x: $0, y: 1, width: 20, height: 20, score: 0.5) }
            + [DetectionTracker.Detection(frame: 1, x: 1, y: 1, width: .nan, height: 20, score: 0.5),
               DetectionTracker.Detection(frame: -5, x: 1, y: 1, width: 20, height: 20, score: 0.5)]
        #expect(DetectionTracker(step: 1, detector: "test").tracks(odd, label: .face, width: 64, height: 48, frameCount: 10).isEmpty)
    }

    @Test func aWorkersDetectionFileIsCheckedBeforeItIsBelieved() throws {
        let good = "{\"kind\":\"faces\",\"frame\":3,\"boxes\":[[10,10,20,20,0.9]]}"
        let end = "{\"kind\":\"end\",\"decoded\":10,\"detector\":\"test\"}"
        func read(_ lines: [String]) throws -> DetectionFile.Result {
            let path = TestSupport.temporaryDirectory() + "/detections"
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
            return try DetectionFile.read(path: path, width: 64, height: 48, frameCount: 10)
        }
        let result = try read([DetectionFile.magic, good, end])
        #expect(result.detections.count == 1 && result.decoded == 10)
        for (lines, why) in [
            ([DetectionFile.magic, good], "no end line"),
            (["DFC-DETECT-0", good, end], "another format"),
            ([DetectionFile.magic, "{\"kind\":\"faces\",\"frame\":10,\"boxes\":[]}", end], "a frame past the stream"),
            ([DetectionFile.magic, "{\"kind\":\"faces\",\"frame\":1,\"boxes\":[[60,10,20,20,0.9]]}", end], "a box outside the picture"),
            ([DetectionFile.magic, "{\"kind\":\"faces\",\"frame\":1,\"boxes\":[[1,1,2,2,1e999]]}", end], "a score that is no number"),
            ([DetectionFile.magic, "{\"kind\":\"faces\",\"frame\":1,\"boxes\":[[1,1,2,2,2]]}", end], "a score above 1"),
            ([DetectionFile.magic, good, good, end], "a frame twice"),
            ([DetectionFile.magic, good, "{\"kind\":\"crop\",\"frame\":3,\"box\":1,\"png\":\"iVBORw0KGgo=\"}", end], "a thumbnail of no box"),
            ([DetectionFile.magic, good, "{\"kind\":\"crop\",\"frame\":3,\"box\":0,\"png\":\"AAAA\"}", end], "a thumbnail that is no PNG"),
            ([DetectionFile.magic, good, end, good], "a line after the end"),
            ([DetectionFile.magic, String(repeating: "x", count: DetectionFile.maxLine + 10)], "a line too long"),
        ] {
            #expect(throws: DFCError.self, "\(why)") { try read(lines) }
        }
    }

    // MARK: - Plans

    @Test func plansAreCheckedAndVersionedInTheLog() throws {
        let (store, exhibit) = try Self.storeWithClip()
        let redaction = store.redaction
        var plan = try redaction.template(of: exhibit)
        #expect(plan.width == Self.width && plan.height == Self.height && plan.frameCount == Self.frames && plan.basedOn == nil)

        func refused(_ plan: RedactionPlan, _ words: String, actor: String = "Ann Analyst", sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                _ = try redaction.recordPlan(plan, reason: "test", actor: actor)
                Issue.record("recorded a plan that \(words)", sourceLocation: sourceLocation)
            } catch {
                let refusal = error as? DFCError
                #expect(refusal?.code == .planRefused && refusal?.description.contains(words) == true, "\(error)", sourceLocation: sourceLocation)
            }
        }
        let box = RedactionPlan.Keyframe(frame: 10, x: 600, y: 300, width: 80, height: 40)
        plan.tracks = [.init(id: "M1", label: .plate, reason: "a car's plate", decision: .accepted, source: "manual", keyframes: [box])]
        refused(plan, "is not inside the 640×360 picture")
        for (x, width) in [(Int.max, 10), (10, Int.max), (Int.min, 10), (10, Int.min), (Int.max, Int.max)] {
            plan.tracks[0].keyframes = [.init(frame: 10, x: x, y: 0, width: width, height: 10)]
            refused(plan, width > 0 ? "is not inside the 640×360 picture" : "the region has no area")
        }
        plan.tracks[0].keyframes = [.init(frame: 100, x: 0, y: 0, width: 10, height: 10)]
        refused(plan, "outside the stream's frames 0…99")
        plan.tracks[0].keyframes = [.init(frame: 20, x: 0, y: 0, width: 10, height: 10), .init(frame: 10, x: 0, y: 0, width: 10, height: 10)]
        refused(plan, "ascending frame order")
        plan.tracks[0].keyframes = [.init(frame: 10, x: 10, y: 10, width: 100, height: 60), .init(frame: 60, x: 300, y: 200, width: 100, height: 60)]
        var other = plan
        other.sha256 = String(repeating: "ab", count: 32)
        refused(other, "but \(exhibit)'s SHA-256 is")
        other = plan
        other.tracks[0].reason = " "
        refused(other, "an accepted track needs a reason")
        #expect(try redaction.versions(of: exhibit).isEmpty, "a refused plan records nothing")

        // What an examiner writes by hand may leave the defaults out; the recorded plan spells them out.
        let handWritten = try JSONDecoder().decode(RedactionPlan.self, from: Data("""
            {"format": "dfc-redaction-plan/1", "exhibit": "\(plan.exhibit)", "sha256": "\(plan.sha256)", "stream": 0, "width": 640,
             "height": 360, "frameCount": 100, "tracks": [{"id": "M1", "label": "plate", "reason": "a car's plate", "decision": "accepted",
             "keyframes": [{"frame": 10, "x": 10, "y": 10, "width": 100, "height": 60}, {"frame": 60, "x": 300, "y": 200, "width": 100, "height": 60}]}]}
            """.utf8))
        #expect(handWritten == plan, "defaults: solid, keep the sound, box, manual")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RedactionPlan.self, from: Data("{\"format\": \"dfc-redaction-plan/1\"}".utf8)) }
        let first = try redaction.recordPlan(plan, reason: "a plate by hand", actor: "Ann Analyst")
        #expect(first.version == 1 && first.origin == "reviewed")
        refused(plan, "the latest is 1")   // still says it edits nothing: two examiners never both build on version 0
        plan.basedOn = 1
        plan.style = .pixelate
        let second = try redaction.recordPlan(plan, reason: "pixelated instead", actor: "Ann Analyst")
        #expect(second.version == 2 && second.digest != first.digest)
        #expect(try redaction.versions(of: exhibit).map(\.version) == [1, 2])
        #expect(try redaction.versions(of: exhibit)[0].plan == first.plan)

        // A plan with undecided tracks is recorded, never rendered; an analyst cannot authorise a release.
        plan.basedOn = 2
        plan.tracks.append(.init(id: "M2", label: .screen, reason: "", decision: .proposed, source: "manual",
                                 keyframes: [.init(frame: 0, x: 0, y: 0, width: 64, height: 64)]))
        _ = try redaction.recordPlan(plan, reason: "a screen to look at", actor: "Ann Analyst")
        let output = TestSupport.temporaryDirectory() + "/release"
        #expect { try redaction.render(of: exhibit, authorizedBy: "Sam Supervisor", reason: "press", to: output, actor: "Ann Analyst") }
            throws: { ($0 as? DFCError)?.description.contains("1 proposed tracks (M2)") == true }
        #expect { try redaction.render(of: exhibit, version: 2, authorizedBy: "Ann Analyst", reason: "press", to: output, actor: "Ann Analyst") }
            throws: { ($0 as? DFCError)?.code == .notPermitted }
        #expect(!FileManager.default.fileExists(atPath: output + "/\(exhibit)-redacted-v2.mp4"))
        #expect(try store.integrity.audit(actor: TestSupport.custodian).ok)
    }

    // MARK: - Detection

    @Test func detectedFacesAreCoveredFrameByFrameAfterTracking() throws {
        let (store, exhibit) = try Self.storeWithClip()
        let directory = TestSupport.temporaryDirectory()
        let proposal = try store.redaction.detectFaces(of: exhibit, to: directory, actor: "Ann Analyst")
        let tracks = proposal.version.plan.tracks
        #expect(proposal.decoded == Self.frames && proposal.examined == 25, "every 4th picture of 25 fps is looked at")
        #expect(tracks.allSatisfy { $0.decision == .proposed && $0.label == .face && $0.source.contains("CenterFace") })
        #expect(proposal.version.origin == "detected" && proposal.version.version == 1)
        var covered = 0, marked = 0
        var missed: [String] = []
        for frame in 0..<Self.frames {
            for (face, box) in Self.marked(frame).enumerated() {
                marked += 1
                let share = Self.coverage(box, tracks, frame: frame)
                if share >= 0.9 { covered += 1 } else { missed.append("frame \(frame) face \(face): \(Int(share * 100)) %") }
            }
        }
        let recall = Double(covered) / Double(marked)
        print("redaction: \(covered) of \(marked) hand-marked faces covered after tracking (recall \(recall)), \(tracks.count) tracks")
        #expect(recall >= 0.95, "\(covered) of \(marked) marked faces covered (\(recall)); missed: \(missed)")
        // The review sheet: self-contained, each track with thumbnails, and the plan to edit.
        let sheet = try String(contentsOfFile: proposal.reviewSheet, encoding: .utf8)
        #expect(sheet.contains("data:image/png;base64,") && !sheet.contains("<script") && !sheet.contains("http://"))
        for track in tracks { #expect(sheet.contains("<td>\(track.id)<br>face</td>")) }
        let written = try Redaction.readPlan(at: proposal.planFile)
        #expect(written == proposal.version.plan)
        let custody = try store.reading.custody(of: exhibit, actor: "Ann Analyst")
        #expect(custody.contains { $0.action == "redaction_planned" && $0.details["detector"]?.contains("CenterFace") == true })
    }

    // MARK: - Render

    @Test func aReleaseMasksEveryPlannedPixelKeepsTheRestAndReplaysBitForBit() throws {
        let (store, exhibit) = try Self.storeWithClip()
        let version = try Self.acceptedPlan(store, exhibit, audio: [
            .init(start: 1, end: 2, action: .mute, reason: "a bystander speaks"), .init(start: 3, end: 3.5, action: .bleep, reason: "a name"),
        ], keepTags: ["title"])
        let output = TestSupport.temporaryDirectory() + "/release"
        let release = try store.redaction.render(of: exhibit, authorizedBy: "Sam Supervisor", reason: "press office request", to: output,
                                                 actor: "Ann Analyst")
        #expect(release.planVersion == version.version && release.planDigest == version.digest && release.authorizedBy == "Sam Supervisor")
        #expect(release.derived.description != exhibit && release.warnings.isEmpty)

        // Nothing of the original survives in a planned region; outside the painted areas the picture is kept.
        let original = try Self.pictures(Self.clip), redacted = try Self.pictures(release.file)
        try #require(original.count == Self.frames && redacted.count == Self.frames)
        let tracks = version.plan.accepted
        var leaks: [String] = []
        var squaredError = 0.0, compared = 0
        for frame in 0..<Self.frames {
            let before = [UInt8](original[frame]), after = [UInt8](redacted[frame])
            var painted = [Bool](repeating: false, count: Self.width * Self.height)
            for track in tracks {
                guard let region = track.region(at: frame) else { continue }
                let area = RedactionPlan.paintedArea(region, shape: track.shape, width: Self.width, height: Self.height)
                for y in area.y..<area.y + area.height { for x in area.x..<area.x + area.width { painted[y * Self.width + x] = true } }
                var content = Set<UInt8>()
                for y in region.y..<region.y + region.height {
                    for x in region.x..<region.x + region.width {
                        content.insert(before[y * Self.width + x] / 8)
                        if abs(Int(after[y * Self.width + x]) - 16) > 6 { leaks.append("frame \(frame) \(track.id) luma at \(x),\(y): \(after[y * Self.width + x])") }
                    }
                }
                let chroma = Self.width * Self.height
                for y in (region.y + 1) / 2..<(region.y + region.height) / 2 {
                    for x in (region.x + 1) / 2..<(region.x + region.width) / 2 {
                        for plane in 0..<2 {
                            let value = after[chroma + plane * chroma / 4 + y * Self.width / 2 + x]
                            if abs(Int(value) - 128) > 6 { leaks.append("frame \(frame) \(track.id) chroma at \(x),\(y): \(value)") }
                        }
                    }
                }
                #expect(content.count > 4, "frame \(frame) \(track.id): the original has a picture there to hide")
            }
            for index in 0..<Self.width * Self.height where !painted[index] {
                let difference = Double(before[index]) - Double(after[index])
                squaredError += difference * difference
                compared += 1
            }
        }
        #expect(leaks.isEmpty, "\(leaks.count) samples of planned regions are not the mask: \(leaks.prefix(10))")
        let psnr = 10 * log10(255 * 255 / (squaredError / Double(compared)))
        print("redaction: luma PSNR outside the masks \(psnr) dB; \(leaks.count) samples of planned regions not the mask")
        #expect(psnr >= 35, "luma PSNR outside the masks: \(psnr) dB")

        // Only the tags the plan keeps, and no stream but the picture and the sound.
        let probe = try TestSupport.run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", "format_tags:stream=codec_name", "-of", "json", release.file])
        #expect(probe.stdout.contains("\"title\": \"Platform 4\"") && !probe.stdout.contains("officer 2231"), "\(probe.stdout)")
        #expect(probe.stdout.contains("\"h264\"") && probe.stdout.contains("\"aac\"") && !probe.stdout.contains("Lavf"), "\(probe.stdout)")

        // The sound: muted and bleeped where the plan says, the tone elsewhere.
        #expect(try Self.loudest(release.file, from: 1.1, to: 1.9) < -80)
        #expect(abs(try Self.loudest(release.file, from: 3.1, to: 3.4) - -20) < 1.5, "a 1 kHz tone at -20 dBFS")
        #expect(try Self.loudest(release.file, from: 2.2, to: 2.8) > -25)

        // The release is a derived exhibit: verify --file says of what, under which plan, by whom.
        let verification = try store.integrity.verify(file: release.file, actor: "Ann Analyst")
        let derivation = try #require(verification.derivation)
        #expect(verification.exhibit == release.derived)
        #expect(derivation.parent.description == exhibit && derivation.planVersion == version.version && derivation.planDigest == version.digest)
        #expect(derivation.plannedBy == "Ann Analyst" && derivation.renderedBy == "Ann Analyst" && derivation.authorizedBy == "Sam Supervisor")
        #expect(derivation.event == release.event)

        // The redaction log, as a records office files it.
        let log = try JSONDecoder().decode(RedactionLog.self, from: Data(contentsOf: URL(fileURLWithPath: release.logJSON)))
        #expect(log.regions.map(\.track) == tracks.map(\.id) && log.audioRanges.count == 2 && log.authorizedBy == "Sam Supervisor")
        #expect(log.releaseSHA256 == release.sha256 && log.parent == exhibit)
        let csv = try String(contentsOfFile: release.logCSV, encoding: .utf8).split(separator: "\r\n")
        #expect(csv.count == 1 + tracks.count + 2)
        #expect(csv.dropFirst().allSatisfy { $0.hasPrefix(exhibit + ",") && $0.contains(release.sha256) })

        // The court report lists the releases made from the original, and says what a release was made from.
        let report = try store.disclosure.report([exhibit, release.derived.description], actor: "Ann Analyst", thumbnails: 0)
        #expect(report.contains("<h3>Redactions</h3>") && report.contains("<td>\(release.derived)</td>"))
        #expect(report.contains("<h3>Derived evidence</h3>") && report.contains("A redaction of \(exhibit) under plan version \(version.version)"))

        // An export of both: the original's history shows the release, and the CASE description says what made it.
        let package = TestSupport.temporaryDirectory() + "/package"
        _ = try store.disclosure.export([exhibit, release.derived.description], to: package, authorizedBy: "Sam Supervisor", reason: "court",
                                        recipient: "Crown Court", actor: "Ann Analyst")
        let checked = try PackageVerifier.verify(package, containment: nil)
        #expect(checked.ok, "\(checked.problems)")
        let description = try String(contentsOfFile: package + "/dfc/case.jsonld", encoding: .utf8)
        #expect(description.contains("\"uco-core:name\" : \"redaction\"") && description.contains("the redacted release \(release.derived)"),
                "\(description.prefix(2000))")

        // Rendered again from the log alone: the same bytes.
        let replay = try store.redaction.replay(of: exhibit, actor: "Ann Analyst")
        #expect(replay.identical, "\(replay)")
        #expect(replay.derived == release.derived && replay.renderedSHA256 == release.sha256)
        let audit = try store.integrity.audit(actor: TestSupport.custodian)
        #expect(audit.ok, "\(audit.problems)")
    }

    // MARK: - Insiders and kills

    @Test func anInsiderRewritingAPlanIsNamedByTheAudit() throws {
        let (store, exhibit) = try Self.storeWithClip()
        let version = try Self.acceptedPlan(store, exhibit)
        #expect(try store.integrity.audit(actor: TestSupport.custodian).ok)
        // The insider turns one accepted track into a rejected one, in the event that recorded the plan.
        let insider = try Insider(store)
        let changed = try insider.execute("UPDATE custody_event SET payload = replace(payload, '\\\"decision\\\":\\\"accepted\\\"', "
            + "'\\\"decision\\\":\\\"rejected\\\"') WHERE seq = \(version.event)")
        #expect(changed == 1)
        let audit = try store.integrity.audit(actor: TestSupport.custodian)
        #expect(audit.problems.contains { $0.contains("custody event \(version.event)") && $0.contains("altered") }, "\(audit.problems)")
    }

    @Test func aKilledRenderLeavesNoHalfRegisteredRelease() throws {
        let store = try TestSupport.newStorePath()
        for arguments in [["actor", "add", FaultTests.custodian, "--role", "custodian"], ["ingest", Self.clip, "--case", "C-KILL"]] {
            let made = try FaultTests.dfc(arguments, store)
            try #require(made.status == 0, "\(made.stderr)")
        }
        let proposal = TestSupport.temporaryDirectory()
        let detected = try FaultTests.dfc(["redact", "EX-1", "--detect", "faces", "--output", proposal, "--json"], store)
        try #require(detected.status == 0, "\(detected.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var plan = try decoder.decode(RedactionVersion.self, from: Data(detected.stdout.utf8)).plan
        plan.basedOn = 1
        for index in plan.tracks.indices { plan.tracks[index].decision = .accepted; plan.tracks[index].reason = "bystander" }
        let planFile = proposal + "/reviewed.json"
        try Redaction.prettyJSON(plan).write(to: URL(fileURLWithPath: planFile))
        try #require(try FaultTests.dfc(["redact", "EX-1", "--plan", planFile, "--reason", "reviewed"], store).status == 0)

        let outside = TestSupport.temporaryDirectory()
        var random = LeftoverTests.SplitMix(state: 38)
        var killed = 0
        for run in 0..<8 {
            let process = try FaultTests.start(["redact", "EX-1", "--render", "--authorized-by", FaultTests.custodian, "--reason", "press",
                                                "--output", outside + "/release-\(run)"], store)
            usleep(UInt32.random(in: 50_000...1_500_000, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
        }
        #expect(killed >= 3, "most runs are killed mid-way (\(killed) of 8)")
        // A render killed between placing its vault copy and committing leaves that copy, which the audit names
        // (as for any killed ingest) and the next render of the same plan, the same bytes, adopts; nothing else.
        let audit = try FaultTests.dfc(["audit"], store)
        let problems = audit.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEM") }
        #expect(problems.allSatisfy { $0.contains("a file in the vault that belongs to no exhibit") }, "\(audit.stdout)")
        // Every exhibit the log says is a release has its rendered event, and every rendered event its exhibit.
        let custody = try FaultTests.dfc(["custody", "EX-1", "--json"], store)
        let rendered = custody.stdout.split(separator: "\n").filter { $0.contains("\"redaction_rendered\"") }.count
        let authorised = custody.stdout.split(separator: "\n").filter { $0.contains("\"redaction_authorized\"") }.count
        #expect(rendered == authorised)
        let second = try FaultTests.dfc(["show", "EX-2"], store)
        #expect((second.status == 0) == (rendered > 0), "a derived exhibit exists exactly when a render was recorded: \(second.stdout)")
        // The next command sweeps what the killed ones left; nothing half-made stays beside a release.
        let finished = try FaultTests.dfc(["redact", "EX-1", "--render", "--authorized-by", FaultTests.custodian, "--reason", "press",
                                           "--output", outside + "/release-final"], store)
        #expect(finished.status == 0, "\(finished.stderr)")
        for run in 0..<8 {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: outside + "/release-\(run)")) ?? []
            #expect(files.allSatisfy { !$0.contains(".partial-") }, "run \(run): \(files)")
        }
        #expect(LeftoverTests.staged(store).filter { !$0.hasPrefix("lease") }.isEmpty, "\(LeftoverTests.staged(store))")
        let last = try FaultTests.dfc(["audit"], store)
        #expect(last.status == 0, "\(last.stdout)")
    }
}
