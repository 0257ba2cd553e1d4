import DFCKit
import Foundation
import Testing

/// Time and place layers, kept side by side and checked against stock readers (ffprobe,
/// exiftool); lookup by time range and place; and an insider who edits the spans or the index.
/// Runs on the embedded catalog and, in the second pass of Scripts/test, on PostgreSQL.
@Suite struct TimeLookupTests {
    /// A 10 s clip at 25 fps made by stock ffmpeg, with `metadata` tags (QuickTime keys kept).
    static func clip(_ name: String, in directory: String, seconds: Int = 10, metadata: [String: String] = [:]) throws -> String {
        let file = directory + "/" + name
        var arguments = ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=\(seconds)",
                         "-c:v", "libx264", "-preset", "ultrafast", "-g", "25"]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { arguments += ["-metadata", "\(key)=\(value)"] }
        arguments += ["-movflags", "use_metadata_tags", "-y", file]
        let made = try TestSupport.run(TestSupport.ffmpeg, arguments)
        try #require(made.status == 0, "\(made.stderr)")
        return file
    }

    static func ffprobeTag(_ file: String, _ tag: String) throws -> String {
        let run = try TestSupport.run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", "format_tags=\(tag)", "-of", "default=nw=1:nk=1", file])
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func exiftool(_ file: String, _ arguments: [String]) throws -> String {
        try TestSupport.run("/usr/bin/exiftool", arguments + [file]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aPhoneClipsLayersStandSideBySideAsFFprobeReadsThem() throws {
        let directory = TestSupport.temporaryDirectory()
        // The movie header says 09:30:00 UTC; the QuickTime creation date 14:30:05 at +05:00, five seconds later.
        let file = try Self.clip("IMG_0042.MOV", in: directory, metadata: [
            "creation_time": "2026-11-03T09:30:00Z", "com.apple.quicktime.creationdate": "2026-11-03T14:30:05+0500",
            "com.apple.quicktime.location.ISO6709": "+31.5497+074.3436+210.0/"])
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: file, caseID: "T-1", actor: TestSupport.custodian)
        let report = try store.reading.exhibit(try #require(result.exhibit).description, actor: TestSupport.custodian)

        let header = try #require(report.timeLayers.first { $0.kind == .containerCreation })
        #expect(header.value == (try Self.ffprobeTag(file, "creation_time")) && header.utc == "2026-11-03T09:30:00.000Z" && header.zone == "Z")
        let phone = try #require(report.timeLayers.first { $0.kind == .quicktimeCreation })
        #expect(phone.value == (try Self.ffprobeTag(file, "com.apple.quicktime.creationdate")))
        #expect(phone.utc == "2026-11-03T09:30:05.000Z" && phone.local == "2026-11-03T14:30:05.000" && phone.zone == "+05:00")
        // The creation date with its offset is the better clock; the header is kept beside it, not overwritten.
        #expect(report.start == "2026-11-03T09:30:05.000Z" && report.end == "2026-11-03T09:30:15.000Z", "\(report.start ?? "-")")
        #expect(report.startLayer.map { report.timeLayers[$0].kind } == .quicktimeCreation)
        let disagree = report.findings.filter { $0.kind == .timeLayersDisagree }
        #expect(disagree.count == 1 && disagree[0].message.contains("creation_time") && disagree[0].message.contains("5.000 s"), "\(report.findings)")
        #expect(report.timeLayers.contains { $0.kind == .fileModified && $0.zone == "Z" })
        let place = try #require(report.places.first)
        #expect(place.latitude == 31.5497 && place.longitude == 74.3436 && place.altitude == 210, "\(report.places)")
        let audit = try store.integrity.audit(actor: TestSupport.custodian)
        #expect(audit.ok, "\(audit.problems)")
    }

    /// The committed fixtures (Scripts/make-fixtures time): their known clock errors are found,
    /// every value read is ffprobe's, and the examiner's correction lands on the reference.
    @Test func theTimeFixturesKnownClockErrorsAreFoundAndCorrected() throws {
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        let phoneFile = TestSupport.fixture("phone_IMG_0042.mov")
        let phone = try store.reading.exhibit(try #require(try store.intake.ingest(file: phoneFile, caseID: "T-12", actor: custodian).exhibit).description, actor: custodian)
        for (kind, tag) in [(TimeLayer.Kind.containerCreation, "creation_time"), (.quicktimeCreation, "com.apple.quicktime.creationdate")] {
            #expect(phone.timeLayers.first { $0.kind == kind }?.value == (try Self.ffprobeTag(phoneFile, tag)), "\(tag)")
        }
        #expect(phone.start == "2026-11-03T09:30:04.000Z" && phone.findings.contains { $0.kind == .timeLayersDisagree && $0.message.contains("4.000 s") })
        #expect(phone.places.first?.value == (try Self.ffprobeTag(phoneFile, "com.apple.quicktime.location.ISO6709")))

        // The DVR: its file name is Lahore's clock, 14:32:00 (09:32:00Z); its header says 10:32:07Z, 1 h 00 min 07 s fast.
        _ = try store.exhibits.registerSource("PSCA CAM 12", latitude: 31.5497, longitude: 74.3436, zone: "Asia/Karachi", actor: custodian)
        let dvrFile = TestSupport.fixture("dvr_ch01_20261103143200.mp4")
        let id = try #require(try store.intake.ingest(file: dvrFile, caseID: "T-12", source: "PSCA CAM 12", actor: custodian).exhibit).description
        let dvr = try store.reading.exhibit(id, actor: custodian)
        #expect(dvr.timeLayers.first { $0.kind == .containerCreation }?.value == (try Self.ffprobeTag(dvrFile, "creation_time")))
        #expect(dvr.start == "2026-11-03T10:32:07.000Z" && dvr.timeLayers.first { $0.kind == .sourceZone }?.utc == "2026-11-03T09:32:00.000Z")
        let disagree = dvr.findings.filter { $0.kind == .timeLayersDisagree }
        #expect(disagree.count == 1 && disagree[0].message.contains("1 h 00 min 07.000 s before creation_time"), "\(dvr.findings)")
        let corrected = try store.exhibits.correctClock(id, offset: "-01:00:07", reason: "header against the registered camera's local clock", actor: custodian)
        #expect(corrected.correctedStart == "2026-11-03T09:32:00.000Z" && corrected.start == "2026-11-03T10:32:07.000Z")
        #expect(try store.integrity.audit(actor: custodian).ok)
    }

    /// An action camera's GoPro GPMF telemetry (`gpmd` track, Scripts/make-fixtures time): its GPS
    /// time and fixes are what exiftool reads from the same track; its movie header, local time
    /// labelled UTC, is 5 h 00 min 06.5 s fast, which is a suggested correction, applied only when
    /// an examiner signs it. A damaged track is a finding, never a crash or a guessed value.
    @Test func anActionCamerasGPSTelemetrySuggestsTheCorrectionItsHeaderNeeds() throws {
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        let file = TestSupport.fixture("action_GX010042.mp4")
        let id = try #require(try store.intake.ingest(file: file, caseID: "T-13", actor: custodian).exhibit).description
        let report = try store.reading.exhibit(id, actor: custodian)
        let gps = try #require(report.timeLayers.first { $0.kind == .gpsTelemetry }, "\(report.timeLayers)")
        func lines(_ tag: String) throws -> [String] { try Self.exiftool(file, ["-ee", "-n", "-a", "-s3", "-\(tag)"]).split(separator: "\n").map(String.init) }
        // exiftool's first GPSDateTime (from GPSU), 2026:11:03 09:31:53.500, is the first GPS9 sample's own time,
        // which exiftool gives as raw fields (-u): days since 2000 and seconds since midnight.
        let first = try #require(try lines("GPSDateTime").first)
        #expect(gps.utc == first.replacingOccurrences(of: ":", with: "-", options: [], range: first.startIndex..<first.index(first.startIndex, offsetBy: 10))
                    .replacingOccurrences(of: " ", with: "T") + "Z", "\(gps) against exiftool's \(first)")
        let sample = try Self.exiftool(file, ["-ee", "-u", "-a", "-s3", "-GoPro_GPS9"]).split(separator: ",").first?.split(separator: " ") ?? []
        #expect(sample.count == 9 && gps.value == "\(sample[5]) \(String(format: "%.3f", Double(sample[6]) ?? .nan))" && gps.zone == "Z",
                "\(gps.value) against exiftool's \(sample)")
        let (latitudes, longitudes) = (try lines("GPSLatitude").compactMap(Double.init), try lines("GPSLongitude").compactMap(Double.init))
        let fixes = report.places.filter { $0.tag.hasPrefix("gpmf GPS") }
        #expect(latitudes.count == 12 && fixes.count == 2, "\(report.places)")
        for (fix, index) in zip(fixes, [0, latitudes.count - 1]) where latitudes.indices.contains(index) && longitudes.indices.contains(index) {
            #expect(abs(fix.latitude - latitudes[index]) < 1e-6 && abs(fix.longitude - longitudes[index]) < 1e-6, "\(fix) against exiftool")
        }

        // The timeline uses the header, as written; the telemetry suggests the correction.
        #expect(report.start == "2026-11-03T14:32:00.000Z" && gps.utc == "2026-11-03T09:31:53.500Z")
        #expect(report.timeLayers.first { $0.kind == .containerCreation }?.value == (try Self.ffprobeTag(file, "creation_time")))
        let suggested = try #require(report.findings.first { $0.kind == .clockCorrectionSuggested }, "\(report.findings)")
        #expect(suggested.message.contains("--offset=-05:00:06.500") && suggested.message.contains("not applied"), "\(suggested.message)")
        #expect(report.correctedStart == nil || report.correctedStart == report.start)
        let corrected = try store.exhibits.correctClock(id, offset: "-05:00:06.500", reason: "GPS telemetry (GPMF GPSU), as suggested", actor: custodian)
        #expect(corrected.correctedStart == gps.utc)
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T09:31:54Z", to: "2026-11-03T09:31:55Z", near: (31.5591, 74.3262), radiusMetres: 100),
                                    actor: custodian)
        #expect(hits.map(\.exhibit.description) == [id] && hits.first?.offsetFrom == 0.5, "\(hits)")
        #expect(try store.integrity.audit(actor: custodian).ok)

        // A damaged copy as an older GoPro writes it (GPS9 renamed away): one payload's GPSU is not a time,
        // another's GPS5 claims more bytes than it holds.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        func records(_ fourCC: String) -> [Int] {
            let key = Array(fourCC.utf8)
            return bytes.indices.dropLast(8).filter { at in bytes[at..<(at + 4)].elementsEqual(key) }
        }
        for at in records("GPS9") { bytes[at + 3] = UInt8(ascii: "X") }
        let (times, positions) = (records("GPSU"), records("GPS5"))
        #expect(times.count == 3 && positions.count == 3)
        bytes[times[0] + 8 + 5] = UInt8(ascii: "x")                // 26110x093153.500
        (bytes[positions[1] + 6], bytes[positions[1] + 7]) = (0xFF, 0xFF)
        let damaged = TestSupport.temporaryDirectory() + "/action_damaged.mp4"
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let other = try #require(try store.intake.ingest(file: damaged, caseID: "T-13", actor: custodian).exhibit).description
        let broken = try store.reading.exhibit(other, actor: custodian)
        let problems = broken.findings.filter { $0.kind == .metadataDamaged }.map(\.message)
        #expect(problems.contains { $0.contains("GPSU is not yymmddhhmmss.sss") } && problems.contains { $0.contains("GPS5") && $0.contains("more than its container holds") },
                "\(broken.findings)")
        // The one sound payload (at 2 s, GPSU 09:31:55.500) gives the time, taken back 2 s; nothing is read from the damaged ones.
        let older = broken.timeLayers.first { $0.kind == .gpsTelemetry }
        #expect(older?.value == "261103093155.500" && older?.utc == "2026-11-03T09:31:53.500Z", "\(broken.timeLayers)")
        #expect(try store.integrity.audit(actor: custodian).ok)
    }

    /// A Dahua DAV export across the end of British Summer Time (Scripts/make-fixtures time): the
    /// recorder's packed local dates are a zone-less layer (FFmpeg's pts read back, never taken as
    /// UTC), the hour its clock steps back is a clock_step finding, and with the camera registered
    /// in Europe/London the step itself says which of the repeated hour's instants it began at.
    @Test func aDVRsClockStepAtTheEndOfSummerTimeIsNamedAndPlacesTheRecording() throws {
        let custodian = TestSupport.custodian
        let file = TestSupport.fixture("NVR_ch2_main_20261025015958_20261025010202.dav")
        // ffprobe's packet times: FFmpeg builds them from the packed local dates as if they were UTC.
        let pts = try TestSupport.run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", "packet=pts", "-of", "csv=p=0", file])
            .stdout.split(separator: "\n").compactMap { Int64($0) }
        #expect(pts.count == 100 && pts[50] - pts[49] - 40 == -3_600_000)
        let format = DateFormatter()
        (format.locale, format.timeZone, format.dateFormat) = (Locale(identifier: "en_US_POSIX"), TimeZone(identifier: "UTC"), "yyyy-MM-dd'T'HH:mm:ss.SSS")
        func clock(_ ms: Int64) -> String { format.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) }

        // No camera registered: a layer of unknown zone and the step, nothing placed.
        let store = try TestSupport.newStore()
        let bare = try store.reading.exhibit(try #require(try store.intake.ingest(file: file, caseID: "T-14", actor: custodian).exhibit).description, actor: custodian)
        let wall = try #require(bare.timeLayers.first { $0.kind == .dvrWallClock }, "\(bare.timeLayers)")
        #expect(wall.value == clock(pts[0]) && wall.zone == "unknown" && wall.utc == nil && bare.start == nil)
        let steps = bare.findings.filter { $0.kind == .clockStep }
        #expect(steps.count == 1 && steps[0].message.contains("steps back 1 h 00 min 00.000 s between packets 49 and 50")
                    && steps[0].message.contains("from \(clock(pts[49] + 40)) to \(clock(pts[50]))") && steps[0].packet == 50, "\(bare.findings)")
        // An examiner may place it by its wall clock read in a zone: London cannot tell 01:59:58 apart (refused, nothing
        // recorded); Karachi can, and the recorder's own clock, not the file name, is the reading used.
        let refused = #expect(throws: DFCError.self) {
            try store.exhibits.correctClock(bare.exhibit.description, offset: nil, zone: "Europe/London", reason: "menu", actor: custodian)
        }
        #expect("\(refused.map { "\($0)" } ?? "")".contains("happened twice"), "\(String(describing: refused))")
        let byZone = try store.exhibits.correctClock(bare.exhibit.description, offset: nil, zone: "Asia/Karachi", reason: "the NVR's menu shows PKT", actor: custodian)
        #expect(byZone.correctedStart == "2026-10-24T20:59:58.000Z" && byZone.start == nil
                && byZone.startLayer.map { byZone.timeLayers[$0].kind } == .dvrWallClock && byZone.clockCorrections.map(\.placed) == [true], "\(byZone)")
        #expect(try store.integrity.audit(actor: custodian).ok)

        // Registered in London: 01:59:58 happened twice there; the step back at 02:00 is London's own change, so the first.
        let london = try TestSupport.newStore()
        _ = try london.exhibits.registerSource("ALDGATE CAM 3", latitude: 51.5142, longitude: -0.0755, zone: "Europe/London", actor: custodian)
        let id = try #require(try london.intake.ingest(file: file, caseID: "T-14", source: "ALDGATE CAM 3", actor: custodian).exhibit).description
        let placed = try london.reading.exhibit(id, actor: custodian)
        let zoned = try #require(placed.timeLayers.first { $0.kind == .sourceZone && $0.tag.hasPrefix("dhav") }, "\(placed.timeLayers)")
        #expect(zoned.utc == "2026-10-25T00:59:58.000Z" && zoned.tag.contains("placed by the clock's step at packet 50"), "\(zoned)")
        #expect(placed.start == "2026-10-25T00:59:58.000Z" && placed.end == "2026-10-25T01:00:02.000Z", "\(placed.start ?? "-") \(placed.end ?? "-")")
        // The file name's time is no clock that stepped: it stays ambiguous, both instants named.
        let ambiguous = placed.findings.filter { $0.kind == .localTimeAmbiguous }
        #expect(ambiguous.count == 1 && ambiguous[0].message.contains("file name") && ambiguous[0].message.contains("2026-10-25T00:59:58.000Z"), "\(ambiguous)")
        let hits = try london.reading.lookup(TimeQuery(from: "2026-10-25T01:00:00Z", to: "2026-10-25T01:00:01Z", source: "ALDGATE CAM 3"), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [id] && hits.first?.offsetFrom == 2, "\(hits)")
        // The frames there are those the recording reached by then, 50 to 75 at 25 fps, not those whose
        // timestamps (an hour back after the step) happen to lie two seconds from the earliest one.
        #expect(hits.first?.firstFrame == 50 && hits.first?.lastFrame == 75, "\(String(describing: hits.first))")
        let opening = try london.reading.lookup(TimeQuery(from: "2026-10-25T00:59:58Z", to: "2026-10-25T00:59:59Z"), actor: custodian)
        #expect(opening.first?.firstFrame == 0 && opening.first?.lastFrame == 25, "\(String(describing: opening.first))")
        #expect(try london.integrity.audit(actor: custodian).ok)

        // Registered in a zone that changed nothing then (Karachi): placed by the zone as always; the step stays a finding.
        let karachi = try TestSupport.newStore()
        _ = try karachi.exhibits.registerSource("PSCA CAM 40", latitude: 31.5497, longitude: 74.3436, zone: "Asia/Karachi", actor: custodian)
        let other = try karachi.reading.exhibit(try #require(try karachi.intake.ingest(file: file, caseID: "T-14", source: "PSCA CAM 40", actor: custodian).exhibit).description,
                                        actor: custodian)
        #expect(other.start == "2026-10-24T20:59:58.000Z" && other.findings.contains { $0.kind == .clockStep }, "\(other.start ?? "-")")
        #expect(!other.timeLayers.contains { $0.tag.contains("placed by the clock's step") })
    }

    /// A DJI drone's telemetry subtitles (Scripts/make-fixtures time), in its MP4 and as the .SRT
    /// sidecar: the controller's clock (zone unknown) and the first and last fixes, as the SRT
    /// text gives them; with the unit registered in its zone, the sidecar alone is on the timeline.
    /// Older DJI sidecars: a Phantom 4's `GPS(longitude,latitude,altitude)` beside a `YYYY.MM.DD`
    /// date, and a Mavic Air's `[latitude : …] [longtitude : …]` with a comma before the
    /// milliseconds; each read as its text says, and `GPS(0.0,0.0,0)` is no fix.
    @Test func olderDJISidecarFormsGiveTheirClockAndPositionsAsWritten() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        func record(_ n: Int, _ body: String) -> String { "\(n)\n00:00:0\(n - 1),000 --> 00:00:0\(n),000\n\(body)\n\n" }
        let phantom = directory + "/DJI_0001.SRT"
        try (record(1, "HOME(74.3301,31.5601) 2017.08.05 14:11:51\nGPS(0.0,0.0,0) BAROMETER:0.0\nISO:100 Shutter:60 EV: Fnum:2.2")
             + record(2, "HOME(74.3301,31.5601) 2017.08.05 14:11:52\nGPS(74.3302,31.5602,16) BAROMETER:1.9\nISO:100 Shutter:60 EV: Fnum:2.2")
             + record(3, "HOME(74.3301,31.5601) 2017.08.05 14:11:53\nGPS(74.3305,31.5606,17) BAROMETER:2.0\nISO:100 Shutter:60 EV: Fnum:2.2"))
            .write(toFile: phantom, atomically: true, encoding: .utf8)
        let air = directory + "/DJI_0002.SRT"
        try (record(1, "<font size=\"36\">FrameCnt : 1, DiffTime : 33ms\n2018-06-14 12:48:20,293,124\n[iso : 100] [shutter : 1/320.0] "
                        + "[latitude : 31.5601] [longtitude : 74.3301] [altitude: 212.5] </font>")
             + record(2, "<font size=\"36\">FrameCnt : 2, DiffTime : 33ms\n2018-06-14 12:48:21,293,124\n[iso : 100] [shutter : 1/320.0] "
                        + "[latitude : 31.5603] [longtitude : 74.3304] [altitude: 213.0] </font>"))
            .write(toFile: air, atomically: true, encoding: .utf8)

        let one = try store.reading.exhibit(try #require(try store.intake.ingest(file: phantom, caseID: "T-18", actor: custodian).exhibit).description, actor: custodian)
        let clock = try #require(one.timeLayers.first { $0.kind == .droneTelemetry }, "\(one.timeLayers) \(one.findings)")
        #expect(clock.value == "2017.08.05 14:11:51" && clock.local == "2017-08-05T14:11:51.000" && clock.zone == "unknown", "\(clock)")
        let fixes = one.places.filter { $0.tag.hasPrefix("DJI telemetry") }
        #expect(fixes.map { [$0.latitude, $0.longitude, $0.altitude ?? .nan] } == [[31.5602, 74.3302, 16], [31.5606, 74.3305, 17]], "\(one.places)")

        let two = try store.reading.exhibit(try #require(try store.intake.ingest(file: air, caseID: "T-18", actor: custodian).exhibit).description, actor: custodian)
        let airClock = try #require(two.timeLayers.first { $0.kind == .droneTelemetry }, "\(two.timeLayers) \(two.findings)")
        #expect(airClock.value == "2018-06-14 12:48:20,293" && airClock.local == "2018-06-14T12:48:20.293", "\(airClock)")
        #expect(two.places.filter { $0.tag.hasPrefix("DJI telemetry") }.map { [$0.latitude, $0.longitude, $0.altitude ?? .nan] }
                == [[31.5601, 74.3301, 212.5], [31.5603, 74.3304, 213.0]], "\(two.places)")
        #expect(try store.integrity.audit(actor: custodian).ok)
    }

    @Test func aDronesTelemetrySubtitlesGiveItsClockAndPositionsInTheVideoAndTheSidecar() throws {
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        let sidecar = TestSupport.fixture("DJI_0042.SRT")
        let text = try String(contentsOfFile: sidecar, encoding: .utf8)
        let clocks = text.split(separator: "\n").filter { $0.hasPrefix("2026-") }.map(String.init)
        func bracket(_ key: String) -> [Double] {
            text.components(separatedBy: "[\(key): ").dropFirst().compactMap { Double($0.prefix { $0 != "]" }) }
        }
        let (latitudes, longitudes) = (bracket("latitude"), bracket("longitude"))
        #expect(clocks.count == 3 && latitudes.count == 3 && longitudes.count == 3)
        _ = try store.exhibits.registerSource("DJI UNIT 2", latitude: 31.5497, longitude: 74.3436, zone: "Asia/Karachi", actor: custodian)

        for name in ["DJI_0042.MP4", "DJI_0042.SRT"] {
            let id = try #require(try store.intake.ingest(file: TestSupport.fixture(name), caseID: "T-15", source: "DJI UNIT 2", actor: custodian).exhibit).description
            let report = try store.reading.exhibit(id, actor: custodian)
            let drone = try #require(report.timeLayers.first { $0.kind == .droneTelemetry }, "\(name): \(report.timeLayers) \(report.findings)")
            #expect(drone.value == clocks[0] && drone.zone == "unknown" && drone.utc == nil && drone.local == "2026-11-03T14:40:00.120", "\(name): \(drone)")
            let fixes = report.places.filter { $0.tag.hasPrefix("DJI telemetry") }
            #expect(fixes.count == 2, "\(name): \(report.places)")
            for (fix, index) in zip(fixes, [0, 2]) {
                #expect(abs(fix.latitude - latitudes[index]) < 1e-9 && abs(fix.longitude - longitudes[index]) < 1e-9, "\(name): \(fix)")
            }
            let zoned = try #require(report.timeLayers.first { $0.kind == .sourceZone && $0.tag.hasPrefix("DJI") }, "\(name): \(report.timeLayers)")
            #expect(zoned.utc == "2026-11-03T09:40:00.120Z")
            // The MP4's header (09:40:00Z) places it; the sidecar has only the telemetry's clock in the unit's zone.
            #expect(report.start == (name.hasSuffix("MP4") ? "2026-11-03T09:40:00.000Z" : "2026-11-03T09:40:00.120Z"), "\(name): \(report.start ?? "-")")
            #expect(!report.findings.contains { $0.kind == .timeLayersDisagree }, "\(name): \(report.findings)")
        }
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T09:40:01Z", to: "2026-11-03T09:40:02Z", near: (31.5602, 74.3303), radiusMetres: 50), actor: custodian)
        #expect(hits.map(\.originalName) == ["DJI_0042.MP4"], "the sidecar covers an instant, the video three seconds: \(hits)")
        #expect(try store.integrity.audit(actor: custodian).ok)
    }

    /// An aerial camera's MPEG-TS with MISB ST 0601 KLV (Scripts/make-fixtures time): the precision
    /// time stamps and sensor positions are what an independent reader (PyPI `klvdata`, over the
    /// KLV stream ffmpeg copies out) finds, the first places the footage, and a local set whose
    /// checksum no longer matches is a finding, not a reading.
    @Test func anAerialCamerasMISBMetadataPlacesItsFootageAsAnIndependentReaderFindsIt() throws {
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        let file = TestSupport.fixture("uas_sortie_7.ts")
        let klv = TestSupport.temporaryDirectory() + "/klv.bin"
        _ = try TestSupport.run(TestSupport.ffmpeg, ["-v", "error", "-i", file, "-map", "0:d", "-c", "copy", "-f", "data", klv])
        let script = """
            import klvdata, sys
            for packet in klvdata.StreamParser(open(sys.argv[1], "rb").read()):
                items = {type(item).__name__: str(item.value) for item in packet.items.values()}
                print(items["PrecisionTimeStamp"], items["SensorLatitude"], items["SensorLongitude"], items["SensorTrueAltitude"], sep="|")
            """
        let oracle = try TestSupport.run(TestSupport.oraclePython, ["-c", script, klv]).stdout.split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        #expect(oracle.count == 3 && oracle.allSatisfy { $0.count == 4 }, "\(oracle)")
        guard oracle.count == 3, oracle.allSatisfy({ $0.count == 4 }) else { return }

        let id = try #require(try store.intake.ingest(file: file, caseID: "T-16", actor: custodian).exhibit).description
        let report = try store.reading.exhibit(id, actor: custodian)
        let layer = try #require(report.timeLayers.first { $0.kind == .misbPrecisionTime }, "\(report.timeLayers) \(report.findings)")
        // klvdata: 2026-11-03 09:45:10.250000+00:00, the set presented with the first frame.
        #expect(layer.utc == String(oracle[0][0].prefix(23)).replacingOccurrences(of: " ", with: "T") + "Z", "\(layer) against \(oracle[0][0])")
        #expect(report.start == layer.utc && layer.zone == "Z")
        let fixes = report.places.filter { $0.tag.hasPrefix("MISB") }
        #expect(fixes.count == 2, "\(report.places)")
        for (fix, row) in zip(fixes, [oracle[0], oracle[2]]) {
            let (latitude, longitude, altitude) = (Double(row[1]) ?? .nan, Double(row[2]) ?? .nan, Double(row[3]) ?? .nan)
            #expect(abs(fix.latitude - latitude) < 1e-6 && abs(fix.longitude - longitude) < 1e-6 && abs((fix.altitude ?? .nan) - altitude) < 0.1,
                    "\(fix) against klvdata's \(row)")
        }
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T09:45:11Z", to: "2026-11-03T09:45:12Z", near: (31.5605, 74.3313), radiusMetres: 100), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [id] && hits.first?.layer.kind == .misbPrecisionTime, "\(hits)")

        // One byte of the first set's time changed: its checksum fails, so the second set (1 s in) gives the time.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let key: [UInt8] = [0x06, 0x0E, 0x2B, 0x34, 0x02, 0x0B, 0x01, 0x01]
        let sets = bytes.indices.dropLast(16).filter { bytes[$0..<($0 + 8)].elementsEqual(key) }
        #expect(sets.count == 3)
        bytes[sets[0] + 16 + 1 + 2 + 7] ^= 0x01
        let damaged = TestSupport.temporaryDirectory() + "/uas_damaged.ts"
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let broken = try store.reading.exhibit(try #require(try store.intake.ingest(file: damaged, caseID: "T-16", actor: custodian).exhibit).description, actor: custodian)
        #expect(broken.findings.contains { $0.kind == .metadataDamaged && $0.message.contains("checksum does not match") }, "\(broken.findings)")
        let second = try #require(broken.timeLayers.first { $0.kind == .misbPrecisionTime })
        #expect(second.value == "1793699111250000" && second.utc == "2026-11-03T09:45:10.250Z", "\(second)")
        #expect(try store.integrity.audit(actor: custodian).ok)

        // An insider who moves the sortie an hour and its sensor a degree north is named, exhibit by exhibit.
        let insider = try Insider(store)
        try insider.execute("UPDATE time_layer SET utc_ms = utc_ms + 3600000 WHERE kind = 'misb_precision_time' AND value = '1793699110250000'")
        try insider.execute("UPDATE place SET latitude = latitude + 1 WHERE tag LIKE 'MISB%' AND value LIKE '31.5608%'")
        let problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.hasPrefix(id) && $0.contains("time layer rows") } && problems.contains { $0.hasPrefix(id) && $0.contains("place rows") },
                "\(problems)")
    }

    @Test func aStillsEXIFTimeOffsetAndGPSAreWhatExiftoolReads() throws {
        let store = try TestSupport.newStore()
        let file = TestSupport.fixture("still_exif.jpg")
        let result = try store.intake.ingest(file: file, caseID: "T-2", actor: TestSupport.custodian)
        let report = try store.reading.exhibit(try #require(result.exhibit).description, actor: TestSupport.custodian)
        let exif = try #require(report.timeLayers.first { $0.kind == .exifOriginal })
        // exiftool: 2026:11:03 14:41:07+05:00, as a UTC instant 09:41:07.
        let reference = try Self.exiftool(file, ["-s3", "-SubSecDateTimeOriginal"])
        #expect(exif.value == reference, "\(exif.value) against exiftool's \(reference)")
        #expect(exif.utc == "2026-11-03T09:41:07.000Z" && exif.zone == "+05:00")
        let coordinates = try Self.exiftool(file, ["-n", "-s3", "-GPSLatitude", "-GPSLongitude"]).split(separator: "\n").compactMap { Double($0) }
        let place = try #require(report.places.first)
        #expect(coordinates.count == 2 && abs(place.latitude - coordinates[0]) < 1e-6 && abs(place.longitude - coordinates[1]) < 1e-6,
                "\(place) against exiftool's \(coordinates)")
        #expect(report.start == "2026-11-03T09:41:07.000Z" && report.end == report.start)
    }

    @Test func theReportAndTheExportsCASEDescriptionCarryTheLayersPlacesAndCorrections() throws {
        let directory = TestSupport.temporaryDirectory()
        let phone = try Self.clip("IMG_0050.MOV", in: directory, seconds: 2, metadata: [
            "creation_time": "2026-11-03T09:30:00Z", "com.apple.quicktime.creationdate": "2026-11-03T14:30:00+0500",
            "com.apple.quicktime.location.ISO6709": "+31.5497+074.3436+210.0/"])
        let dvr = try Self.clip("ch02.mp4", in: directory, seconds: 2, metadata: ["creation_time": "2026-11-03T09:31:00Z"])
        let store = try TestSupport.newStore()
        let one = try #require(try store.intake.ingest(file: phone, caseID: "T-9", actor: TestSupport.custodian).exhibit).description
        let two = try #require(try store.intake.ingest(file: dvr, caseID: "T-9", actor: TestSupport.custodian).exhibit).description
        _ = try store.exhibits.correctClock(one, offset: "-00:00:03.500", reason: "photographed station clock, frame 12", actor: TestSupport.custodian)

        // The report: both on one drawn timeline, the layers side by side, the correction with its reason.
        let html = try store.disclosure.report([one, two], actor: TestSupport.custodian, thumbnails: 1)
        #expect(html.contains("<h2>Timeline</h2>") && html.components(separatedBy: "<div class=\"lane\">").count == 3, "timeline")
        #expect(html.contains("quicktime_creationdate (timeline)") && html.contains("2026-11-03T14:30:00+0500") && html.contains("+31.5497+074.3436+210.0/"))
        #expect(html.contains("-00:00:03.500") && html.contains("photographed station clock, frame 12")
                && html.contains("2026-11-03T09:29:56.500Z to 2026-11-03T09:29:58.500Z"), "the corrected span")
        #expect(!html.contains("<script"))

        // The package: each exhibit's description holds its layers and corrections, and the CASE
        // description says them too; the CASE validator, bagit and DFC accept it.
        let package = directory + "/package"
        _ = try store.disclosure.export([one, two], to: package, authorizedBy: TestSupport.custodian, reason: "disclosure", recipient: "Court", actor: TestSupport.custodian)
        let description = try String(contentsOfFile: package + "/dfc/exhibits/\(one)/exhibit.json", encoding: .utf8)
        #expect(description.contains("\"time_layers\"") && description.contains("\"clock_corrections\"") && description.contains("photographed station clock"))
        let caseText = try String(contentsOfFile: package + "/dfc/case.jsonld", encoding: .utf8)
        #expect(caseText.contains("uco-location:LatLongCoordinatesFacet") && caseText.contains("\"31.5497000\"") && caseText.contains("\"210.0000000\""))
        #expect(caseText.contains("time-layer:quicktime_creationdate") && caseText.contains("uco-observable:modifiedTime"))
        #expect(caseText.contains("clock correction") && caseText.contains("offset -00:00:03.500") && caseText.contains("photographed station clock"))
        let bin = (TestSupport.oraclePython as NSString).deletingLastPathComponent
        let validated = try TestSupport.run(bin + "/case_validate", [package + "/dfc/case.jsonld"])
        #expect(validated.status == 0 && validated.stdout.contains("Conforms: True"), "\(validated.stdout)")
        let bagit = try TestSupport.run(TestSupport.oraclePython, [bin + "/bagit.py", "--validate", package])
        #expect(bagit.status == 0, "\(bagit.stderr)")
        let verified = try TestSupport.dfc(["verify-package", package], actor: nil, in: TestSupport.temporaryDirectory())
        #expect(verified.status == 0 && verified.stdout.contains("VERIFIED"), "\(verified.stdout)\(verified.stderr)")
    }

    @Test func aLookupByTimeFindsTheClipsOverTheRangeWithOffsetsAndFrames() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        // Camera 1: 14:30:00Z to 14:30:10Z. Camera 2: 14:30:08Z to 14:30:18Z. Camera 3: an hour later.
        let one = try Self.clip("ch01_20261103193000.mp4", in: directory, metadata: ["creation_time": "2026-11-03T14:30:00Z"])
        let two = try Self.clip("ch02.mp4", in: directory, metadata: ["creation_time": "2026-11-03T14:30:08Z", "location": "+31.5590+074.3350/"])
        let three = try Self.clip("ch03.mp4", in: directory, metadata: ["creation_time": "2026-11-03T15:30:00Z"])
        // A DVR export whose name says a time 20 hours from its header: no zone explains that.
        let far = try Self.clip("ch04_20261104103000.mp4", in: directory, seconds: 2, metadata: ["creation_time": "2026-11-03T14:30:00Z"])
        var ids: [String] = []
        for file in [one, two, three, far] {
            ids.append(try #require(try store.intake.ingest(file: file, caseID: "MALL-1", source: "Mall Road", actor: TestSupport.custodian).exhibit).description)
        }

        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T19:30:04+05:00", to: "2026-11-03T14:30:09Z"), actor: TestSupport.custodian)
        #expect(hits.map(\.exhibit.description) == [ids[0], ids[1]], "\(hits.map(\.exhibit))")
        let first = try #require(hits.first { $0.exhibit.description == ids[0] })
        #expect(first.offsetFrom == 4 && first.offsetTo == 9 && first.stream == 0 && first.firstFrame == 100 && first.lastFrame == 225, "\(first)")
        #expect(first.layer.kind == .containerCreation && first.start == "2026-11-03T14:30:00.000Z")
        let second = try #require(hits.first { $0.exhibit.description == ids[1] })
        #expect(second.offsetFrom == 0 && second.offsetTo == 1 && second.firstFrame == 0 && second.lastFrame == 25, "\(second)")

        // Near camera 2's position, 300 m: only camera 2; 10 m away from a point 1 km off: nothing.
        let near = try store.reading.lookup(TimeQuery(from: "2026-11-03T14:00:00Z", to: "2026-11-03T16:00:00Z", near: (31.5600, 74.3350), radiusMetres: 300),
                                    actor: TestSupport.custodian)
        #expect(near.map(\.exhibit.description) == [ids[1]] && (near.first?.distanceMetres ?? 0) > 100, "\(near)")
        #expect(try store.reading.lookup(TimeQuery(from: "2026-11-03T16:00:00Z", to: "2026-11-03T17:00:00Z"), actor: TestSupport.custodian).isEmpty)
        #expect(try store.reading.lookup(TimeQuery(from: "2026-11-03T14:00:00Z", to: "2026-11-03T16:00:00Z", caseID: "OTHER"), actor: TestSupport.custodian).isEmpty)

        // The file-name time far from the header is a finding; one five hours off (a zone) is not.
        let farReport = try store.reading.exhibit(ids[3], actor: TestSupport.custodian)
        #expect(farReport.findings.contains { $0.kind == .fileNameTimeFar && $0.message.contains("20261104103000") }, "\(farReport.findings)")
        #expect(try store.reading.exhibit(ids[0], actor: TestSupport.custodian).findings.allSatisfy { $0.kind != .fileNameTimeFar })
        #expect(try store.reading.exhibit(ids[0], actor: TestSupport.custodian).timeLayers.contains {
            $0.kind == .fileName && $0.value == "20261103193000" && $0.zone == "unknown" && $0.utc == nil })

        // One timeline of the case: in order of start, the gap between 14:30:18 and 15:30, and the overlaps.
        let timeline = try store.reading.timeline(caseID: "MALL-1", actor: TestSupport.custodian)
        #expect(timeline.entries.map(\.exhibit.description) == [ids[0], ids[3], ids[1], ids[2]], "\(timeline.entries.map(\.exhibit))")
        #expect(timeline.gaps.map(\.seconds) == [3582] && timeline.gaps.first?.from == "2026-11-03T14:30:18.000Z", "\(timeline.gaps)")
        #expect(timeline.overlaps.map { "\($0.first) \($0.second) \($0.seconds)" } == ["\(ids[0]) \(ids[3]) 2.0", "\(ids[0]) \(ids[1]) 2.0"],
                "\(timeline.overlaps)")
        let window = try store.reading.timeline(caseID: "MALL-1", from: "2026-11-03T15:00:00Z", to: "2026-11-03T16:00:00Z", actor: TestSupport.custodian)
        #expect(window.entries.map(\.exhibit.description) == [ids[2]] && window.gaps.isEmpty)

        // Every hit was an access, with the query named.
        let accessed = try store.reading.custody(of: ids[0], actor: TestSupport.custodian).filter { $0.action == "accessed" }
        #expect(accessed.contains { $0.details["query"] == "from=2026-11-03T19:30:04+05:00;to=2026-11-03T14:30:09Z" }, "\(accessed.map(\.details))")
        let audit = try store.integrity.audit(actor: TestSupport.custodian)
        #expect(audit.ok, "\(audit.problems)")
    }

    @Test func aLookupByPlaceAloneFindsWhatWasRecordedNearItNearestFirstWheneverThatWas() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        // The scene, a camera 111 m north of it with no time of its own, one 1.2 km away, one with no place;
        // and two far off where boxes of latitude and longitude break: over the antimeridian and by the pole.
        let positions = ["+31.5590+074.3350/", "+31.5600+074.3350/", "+31.5700+074.3350/", nil, "+10.0000+179.9990/", "+89.9990+010.0000/"]
        var ids: [String] = []
        for (index, position) in positions.enumerated() {
            var metadata = index == 1 ? [:] : ["creation_time": "2026-11-0\(index + 1)T14:30:00Z"]
            if let position { metadata["location"] = position }
            let file = try Self.clip("cam\(index).mp4", in: directory, seconds: 1, metadata: metadata)
            ids.append(try #require(try store.intake.ingest(file: file, caseID: index == 2 ? "OTHER" : "SCENE-1", actor: TestSupport.custodian).exhibit).description)
        }
        let custodian = TestSupport.custodian
        let scene = try store.reading.lookup(PlaceQuery(latitude: 31.5590, longitude: 74.3350, radiusMetres: 200), actor: custodian)
        #expect(scene.map(\.exhibit.description) == [ids[0], ids[1]] && scene.more == 0, "\(scene)")
        #expect(scene.first?.distanceMetres ?? 1 < 0.01 && abs((scene.last?.distanceMetres ?? 0) - 111.2) < 1, "\(scene.map(\.distanceMetres))")
        #expect(scene.first?.place.value == "+31.5590+074.3350/" && scene.first?.places.count == 1, "\(scene.first?.place as Any)")
        let wide = try store.reading.lookup(PlaceQuery(latitude: 31.5590, longitude: 74.3350, radiusMetres: 2_000), actor: custodian)
        #expect(wide.map(\.exhibit.description) == [ids[0], ids[1], ids[2]], "\(wide)")
        #expect(try store.reading.lookup(PlaceQuery(latitude: 31.5590, longitude: 74.3350, radiusMetres: 2_000, caseID: "OTHER"), actor: custodian)
            .map(\.exhibit.description) == [ids[2]])

        // Pages, nearest first: each says how many more and how to go on.
        let first = try store.reading.lookup(PlaceQuery(latitude: 31.5590, longitude: 74.3350, radiusMetres: 2_000, limit: 2), actor: custodian)
        #expect(first.map(\.exhibit.description) == [ids[0], ids[1]] && first.more == 1, "\(first)")
        let second = try store.reading.lookup(PlaceQuery(latitude: 31.5590, longitude: 74.3350, radiusMetres: 2_000, limit: 2, after: first.next),
                                              actor: custodian)
        #expect(second.map(\.exhibit.description) == [ids[2]] && second.more == 0 && second.next == nil, "\(second)")

        // Over the antimeridian (the point west of it, the camera east) and across the pole: both about 160 m.
        let dateLine = try store.reading.lookup(PlaceQuery(latitude: 10.0, longitude: -179.9995, radiusMetres: 500), actor: custodian)
        #expect(dateLine.map(\.exhibit.description) == [ids[4]] && abs((dateLine.first?.distanceMetres ?? 0) - 164) < 2, "\(dateLine)")
        let pole = try store.reading.lookup(PlaceQuery(latitude: 89.9995, longitude: -170, radiusMetres: 500), actor: custodian)
        #expect(pole.map(\.exhibit.description) == [ids[5]] && abs((pole.first?.distanceMetres ?? 0) - 167) < 2, "\(pole)")

        // Impossible points and radii are refused, naming the option; the CLI says the distance and the tag, and 1 for nothing.
        #expect(throws: DFCError.self) { try store.reading.lookup(PlaceQuery(latitude: 95, longitude: 10), actor: custodian) }
        #expect(throws: DFCError.self) { try store.reading.lookup(PlaceQuery(latitude: 10, longitude: 10, radiusMetres: 0), actor: custodian) }
        let run = try TestSupport.dfc(["lookup", "--store", store.path, "--near", "31.5590,74.3350", "--radius", "200"])
        #expect(run.status == 0 && run.stdout.contains("\(ids[1])\tSCENE-1\t111 m away\t+31.5600+074.3350/"), "\(run.stdout) \(run.stderr)")
        let none = try TestSupport.dfc(["lookup", "--store", store.path, "--near=-31.5590,74.3350"])
        #expect(none.status == 1 && none.stderr.contains("nothing found"), "\(none.stderr)")

        // Every hit was an access, with the query named; the index agrees with the places.
        let accessed = try store.reading.custody(of: ids[1], actor: custodian).filter { $0.action == "accessed" }
        #expect(accessed.contains { $0.details["query"] == "near=31.559,74.335;radius=200.0" }, "\(accessed.map(\.details))")
        let audit = try store.integrity.audit(actor: custodian)
        #expect(audit.ok, "\(audit.problems)")

        // An insider who drops one camera's entry from the index and moves another's is named by the audit.
        let insider = try Insider(store)
        guard insider.database == nil else { return }   // PostgreSQL keeps its GiST index itself: a moved place is a row digest's finding
        try insider.execute("DELETE FROM place_index WHERE exhibit_id = 1")
        try insider.execute("UPDATE place_index SET min_lat = min_lat + 1, max_lat = max_lat + 1 WHERE exhibit_id = 2")
        let problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.hasPrefix(ids[0]) && $0.contains("missing from the place index") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix(ids[1]) && $0.contains("place index does not hold its place") }, "\(problems)")
    }

    @Test func timesWithoutAZoneAndImpossibleValuesAreRefusedOrFindingsNeverGuesses() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        #expect(throws: DFCError.self) { try store.reading.lookup(TimeQuery(from: "2026-11-03T14:30:00", to: "2026-11-03T15:00:00Z"), actor: TestSupport.custodian) }
        #expect(throws: DFCError.self) { try store.reading.lookup(TimeQuery(from: "2026-02-30T14:30:00Z", to: "2026-11-03T15:00:00Z"), actor: TestSupport.custodian) }
        #expect(throws: DFCError.self) { try store.reading.lookup(TimeQuery(from: "2026-11-03T16:00:00Z", to: "2026-11-03T15:00:00Z"), actor: TestSupport.custodian) }
        #expect(throws: DFCError.self) {
            try store.reading.lookup(TimeQuery(from: "2026-11-03T14:00:00Z", to: "2026-11-03T15:00:00Z", near: (95, 10)), actor: TestSupport.custodian)
        }
        let bad = try Self.clip("bad.mp4", in: directory, seconds: 1, metadata: ["creation_time": "1970-01-01T00:00:00Z", "location": "+95.0000+200.0000/"])
        let result = try store.intake.ingest(file: bad, caseID: "T-4", actor: TestSupport.custodian)
        let report = try store.reading.exhibit(try #require(result.exhibit).description, actor: TestSupport.custodian)
        #expect(report.start == nil && report.places.isEmpty && !report.timeLayers.contains { $0.kind == .containerCreation }, "\(report.timeLayers)")
        #expect(report.findings.filter { $0.kind == .timeUnusable }.count == 2, "\(report.findings)")

        // A file whose own tags are named like DFC's telemetry readings: kept, renamed, never taken for a GPS reading.
        let posing = try Self.clip("posing.mp4", in: directory, seconds: 1, metadata: [
            "gpmf.gpsu_first": "261103093153.500", "gpmf.gpsu_first_at": "0.000", "gpmf.stream": "1", "dhav.wall_clock_first": "2026-11-03T09:00:00"])
        let posed = try store.reading.exhibit(try #require(try store.intake.ingest(file: posing, caseID: "T-4", actor: TestSupport.custodian).exhibit).description,
                                      actor: TestSupport.custodian)
        #expect(!posed.timeLayers.contains { $0.kind == .gpsTelemetry || $0.kind == .dvrWallClock }, "\(posed.timeLayers)")
        #expect(posed.containerInfo?.tags["container.gpmf.gpsu_first"] == "261103093153.500" && posed.containerInfo?.tags["gpmf.gpsu_first"] == nil,
                "\(posed.containerInfo?.tags ?? [:])")

        // The CLI says why, naming the option.
        let run = try TestSupport.dfc(["lookup", "--store", store.path, "--from", "2026-11-03 14:30", "--to", "2026-11-03T15:00Z"])
        #expect(run.status != 0 && run.stderr.contains("--from 2026-11-03 14:30: a time needs its zone"), "\(run.stderr)")
    }

    @Test func anInsiderWhoMovesOrHidesASpanIsNamedByTheAudit() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        for (index, time) in ["2026-11-03T14:30:00Z", "2026-11-03T14:40:00Z", "2026-11-03T14:50:00Z"].enumerated() {
            _ = try store.intake.ingest(file: try Self.clip("cam\(index).mp4", in: directory, seconds: 2, metadata: ["creation_time": time]),
                                 caseID: "T-5", actor: TestSupport.custodian)
        }
        let insider = try Insider(store)
        // Moves camera 1 an hour on, drops camera 2's span, and (SQLite) camera 3's index entry.
        try insider.execute("UPDATE exhibit_span SET start_ms = start_ms + 3600000, end_ms = end_ms + 3600000 WHERE exhibit_id = 1")
        try insider.execute("DELETE FROM exhibit_span WHERE exhibit_id = 2")
        if insider.database == nil { try insider.execute("DELETE FROM exhibit_span_index WHERE id = 3") }
        let problems = try store.integrity.audit(actor: TestSupport.custodian).problems
        #expect(problems.contains { $0.hasPrefix("EX-000001") && $0.contains("span on the timeline") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("EX-000002") && $0.contains("span on the timeline") }, "\(problems)")
        if insider.database == nil {
            #expect(problems.contains { $0.hasPrefix("EX-000003") && $0.contains("missing from the time index") }, "\(problems)")
        }
        // Extreme values in the rows: every answer still comes, and the audit names them.
        try insider.execute("UPDATE time_layer SET utc_ms = -9223372036854775807 - 1 WHERE exhibit_id = 3")
        try insider.execute("UPDATE exhibit_span SET start_ms = -9223372036854775807, end_ms = 9223372036854775806 WHERE exhibit_id = 3")
        _ = try store.reading.exhibit("EX-000003", actor: TestSupport.custodian)
        _ = try store.reading.timeline(caseID: "T-5", actor: TestSupport.custodian)
        _ = try store.reading.lookup(TimeQuery(from: "2026-11-03T14:00:00Z", to: "2026-11-03T15:00:00Z"), actor: TestSupport.custodian)
        #expect(try store.integrity.audit(actor: TestSupport.custodian).problems.contains { $0.hasPrefix("EX-000003") && $0.contains("time layer rows") })
    }

    @Test func aRegisteredCameraPlacesDVRFootageInItsZoneAndNamesTheHoursTheClocksSkipOrRepeat() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        // Bad input: a zone that does not exist, a position off Earth, a heading past 360: clear errors, nothing registered.
        #expect(throws: DFCError.self) { try store.exhibits.registerSource("CAM-7", latitude: 31.559, longitude: 74.335, zone: "Mars/Olympus_Mons", actor: custodian) }
        #expect(throws: DFCError.self) { try store.exhibits.registerSource("CAM-7", latitude: 91, longitude: 74.335, actor: custodian) }
        #expect(throws: DFCError.self) { try store.exhibits.registerSource("CAM-7", latitude: 31.559, longitude: 74.335, heading: 360, actor: custodian) }
        #expect(throws: DFCError.self) { try store.exhibits.registerSource(" ", latitude: 31.559, longitude: 74.335, actor: custodian) }
        #expect(try store.exhibits.sources().isEmpty)
        let karachi = try store.exhibits.registerSource("CAM-7 Mall Road", latitude: 31.559, longitude: 74.335, heading: 270, zone: "Asia/Karachi", actor: custodian)
        let london = try store.exhibits.registerSource("CAM-9 Oxford St", latitude: 51.5154, longitude: -0.1419, zone: "Europe/London", actor: custodian)
        #expect(try store.exhibits.sources().map(\.name) == ["CAM-7 Mall Road", "CAM-9 Oxford St"])

        // A DVR export with no time but its file name's, Karachi's local clock (UTC+5): 14:30:00 there is 09:30:00Z.
        let dvr = try Self.clip("ch01_20261103143000.mp4", in: directory, seconds: 4)
        let one = try #require(try store.intake.ingest(file: dvr, caseID: "T-10", source: "CAM-7 Mall Road", actor: custodian).exhibit).description
        let report = try store.reading.exhibit(one, actor: custodian)
        let name = try #require(report.timeLayers.first { $0.kind == .fileName })
        #expect(name.zone == "unknown" && name.utc == nil, "the file's own reading stays as written")
        let zoned = try #require(report.timeLayers.first { $0.kind == .sourceZone }, "\(report.timeLayers)")
        #expect(zoned.utc == "2026-11-03T09:30:00.000Z" && zoned.zone == "Asia/Karachi" && zoned.tag.contains("custody event \(karachi.event)"), "\(zoned)")
        #expect(report.start == "2026-11-03T09:30:00.000Z" && report.startLayer.map { report.timeLayers[$0].kind } == .sourceZone)
        #expect(report.places.contains { $0.latitude == 31.559 && $0.longitude == 74.335 && $0.tag.contains("camera register") }, "\(report.places)")
        // Found by time and place: the register put CCTV footage without GPS on the map.
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T14:30:01+05:00", to: "2026-11-03T14:30:02+05:00", near: (31.5591, 74.3351),
                                              radiusMetres: 50), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [one] && hits.first?.offsetFrom == 1, "\(hits)")

        // London at the daylight-saving changes of 2026: 01:30 on 25 October happened twice, on 29 March never.
        let repeated = try Self.clip("CAM9_20261025_013000.mp4", in: directory, seconds: 2)
        let skipped = try Self.clip("CAM9_20260329_013000.mp4", in: directory, seconds: 3)   // other bytes than the first
        for (file, words) in [(repeated, ["happened twice", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]), (skipped, ["never happened"])] {
            let id = try #require(try store.intake.ingest(file: file, caseID: "T-10", source: "CAM-9 Oxford St", actor: custodian).exhibit).description
            let shown = try store.reading.exhibit(id, actor: custodian)
            #expect(shown.start == nil && !shown.timeLayers.contains { $0.kind == .sourceZone }, "never a guess: \(shown.timeLayers)")
            let finding = shown.findings.first { $0.kind == .localTimeAmbiguous }
            #expect(words.allSatisfy { finding?.message.contains($0) == true }, "\(shown.findings)")
        }
        // A source not in the register: the file name's time stays zone-less and unplaced.
        let unregistered = try Self.clip("ch02_20261103143000.mp4", in: directory, seconds: 5)
        let other = try #require(try store.intake.ingest(file: unregistered, caseID: "T-10", source: "CAM-8", actor: custodian).exhibit).description
        #expect(try store.reading.exhibit(other, actor: custodian).start == nil)
        let audit = try store.integrity.audit(actor: custodian)
        #expect(audit.ok, "\(audit.problems)")

        // The CLI lists the register; an insider who moves a camera's zone or removes an entry is named.
        let listed = try TestSupport.dfc(["source", "list", "--store", store.path], actor: custodian)
        #expect(listed.status == 0 && listed.stdout.contains("CAM-7 Mall Road\t31.559,74.335\theading 270.0\tAsia/Karachi"), "\(listed.stdout)\(listed.stderr)")
        let insider = try Insider(store)
        try insider.execute("UPDATE camera_source SET zone = 'Asia/Dubai' WHERE seq = \(karachi.event)")
        try insider.execute("DELETE FROM camera_source WHERE seq = \(london.event)")
        let problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.contains("camera register entry \(karachi.event) (CAM-7 Mall Road): disagrees") }, "\(problems)")
        #expect(problems.contains { $0.contains("custody event \(london.event) (source_registered, CAM-9 Oxford St) has no camera_source row") }, "\(problems)")
    }

    /// A recorder that writes day before month: the camera's registered file-name pattern reads
    /// its names as written (the usual patterns find no time there), a name that does not fit is a
    /// finding, a pattern that cannot be read is refused, and an insider who edits the pattern is named.
    @Test func aCamerasRegisteredFileNamePatternReadsItsNamesAsTheRecorderWritesThem() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        for bad in ["ch??_DD-MM-YYYY.*", "YYYYMMDDhhmm_YYYY*", "ch01_YYYYMMDDhhmm\\", "YYYYMMDDhhmm\n.mp4", ""] {
            #expect(throws: DFCError.self, "\(bad)") { try store.exhibits.registerSource("CAM-14", latitude: 31.5, longitude: 74.3, fileNameTime: bad, actor: custodian) }
        }
        let refused = try TestSupport.dfc(["source", "add", "CAM-14", "--at", "31.5,74.3", "--file-name-time", "ch??_DD-MM.*", "--store", store.path], actor: custodian)
        #expect(refused.status != 0 && refused.stderr.contains("YYYY, hh, mm"), "\(refused.stderr)")
        #expect(try store.exhibits.sources().isEmpty)
        let added = try TestSupport.dfc(["source", "add", "PSCA CAM 14", "--at", "31.5497,74.3436", "--zone", "Asia/Karachi",
                                         "--file-name-time", "ch??_DD-MM-YYYY_hh.mm.ss.*", "--json", "--store", store.path], actor: custodian)
        #expect(added.status == 0 && added.stdout.contains("\"file_name_time\":\"ch??_DD-MM-YYYY_hh.mm.ss.*\""), "\(added.stdout)\(added.stderr)")
        let entry = try #require(try store.exhibits.sources().first)
        #expect(entry.fileNameTime == "ch??_DD-MM-YYYY_hh.mm.ss.*")

        // The DVR fixture as this recorder names it: 3 November 2026, 14:32:00 in Lahore, 09:32:00Z.
        let named = directory + "/ch01_03-11-2026_14.32.00.mp4"
        try FileManager.default.copyItem(atPath: TestSupport.fixture("dvr_ch01_20261103143200.mp4"), toPath: named)
        let unregistered = try TestSupport.newStore()
        let plain = try unregistered.reading.exhibit(try #require(try unregistered.intake.ingest(file: named, caseID: "T-14", actor: custodian).exhibit).description, actor: custodian)
        #expect(!plain.timeLayers.contains { $0.kind == .fileName }, "the usual patterns find no time in this name: \(plain.timeLayers)")
        let id = try #require(try store.intake.ingest(file: named, caseID: "T-14", source: "PSCA CAM 14", actor: custodian).exhibit).description
        let report = try store.reading.exhibit(id, actor: custodian)
        let name = try #require(report.timeLayers.first { $0.kind == .fileName }, "\(report.timeLayers)")
        #expect(name.value == "03-11-2026_14.32.00" && name.local == "2026-11-03T14:32:00.000" && name.zone == "unknown", "\(name)")
        #expect(name.tag.contains("ch??_DD-MM-YYYY_hh.mm.ss.*") && name.tag.contains("custody event \(entry.event)"), "\(name.tag)")
        #expect(report.timeLayers.first { $0.kind == .sourceZone }?.utc == "2026-11-03T09:32:00.000Z", "\(report.timeLayers)")
        #expect(report.findings.contains { $0.kind == .timeLayersDisagree && $0.message.contains("1 h 00 min 07.000 s") }, "\(report.findings)")

        // A name the pattern does not fit: a finding naming the pattern; no other pattern's guess stands in.
        let other = try Self.clip("ch01_20261103143000.mp4", in: directory, seconds: 3)
        let unfit = try store.reading.exhibit(try #require(try store.intake.ingest(file: other, caseID: "T-14", source: "PSCA CAM 14", actor: custodian).exhibit).description,
                                      actor: custodian)
        #expect(!unfit.timeLayers.contains { $0.kind == .fileName || $0.kind == .sourceZone } && unfit.start == nil, "\(unfit.timeLayers)")
        #expect(unfit.findings.contains { $0.kind == .timeUnusable && $0.message.contains("does not fit the pattern ch??_DD-MM-YYYY_hh.mm.ss.*") }, "\(unfit.findings)")
        #expect(try store.integrity.audit(actor: custodian).ok)

        // An insider who turns the pattern to month-before-day is named by the audit.
        try Insider(store).execute("UPDATE camera_source SET file_name_time = 'ch??_MM-DD-YYYY_hh.mm.ss.*' WHERE seq = \(entry.event)")
        let problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.contains("camera register entry \(entry.event) (PSCA CAM 14): disagrees") }, "\(problems)")
    }

    /// Footage ingested with no zone anywhere (a DVR export named by its local clock, no camera
    /// registered yet) is placed by an examiner's signed `dfc clock --zone`: its reading read in
    /// the zone, a correction like any other, found by time afterwards; an insider who moves or
    /// removes the placement, or its index entry, is named.
    @Test func anExhibitWithNoZoneIsPlacedOnTheTimelineByASignedZoneCorrection() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        let file = try Self.clip("ch03_20261103143000.mp4", in: directory, seconds: 7)
        let id = try #require(try store.intake.ingest(file: file, caseID: "T-15", actor: custodian).exhibit).description
        #expect(try store.reading.exhibit(id, actor: custodian).start == nil)
        #expect(try store.reading.timeline(caseID: "T-15", actor: custodian).unplaced.map(\.description) == [id])
        // An offset alone cannot place it; the error says what would.
        let offsetOnly = #expect(throws: DFCError.self) { try store.exhibits.correctClock(id, offset: "+00:00:05", reason: "r", actor: custodian) }
        #expect("\(offsetOnly.map { "\($0)" } ?? "")".contains("give --zone Area/City to place it by its file_name reading"), "\(String(describing: offsetOnly))")

        let placed = try store.exhibits.correctClock(id, offset: nil, zone: "Asia/Karachi", reason: "DVR menu: Pakistan Standard Time", actor: custodian)
        #expect(placed.start == nil && placed.correctedStart == "2026-11-03T09:30:00.000Z" && placed.correctedEnd == "2026-11-03T09:30:07.000Z", "\(placed)")
        #expect(placed.clockCorrections.first?.offset == "-05:00:00.000" && placed.clockCorrections.first?.placed == true)
        let event = try #require(try store.reading.custody(of: id, actor: custodian).last { $0.action == "clock_corrected" })
        #expect(event.details["placed"] == "true" && event.details["layer"] == "file_name" && event.details["zone"] == "Asia/Karachi", "\(event.details)")
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T14:30:02+05:00", to: "2026-11-03T14:30:03+05:00"), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [id] && hits.first?.offsetFrom == 2 && hits.first?.corrections.count == 1, "\(hits)")
        // Further corrections stack on the placement; the timeline has it.
        let stacked = try store.exhibits.correctClock(id, offset: "+00:00:02", reason: "station clock", actor: custodian)
        #expect(stacked.correctedStart == "2026-11-03T09:30:02.000Z")
        #expect(try store.reading.timeline(caseID: "T-15", actor: custodian).entries.map(\.start) == ["2026-11-03T09:30:02.000Z"])
        let shown = try TestSupport.dfc(["show", id, "--store", store.path], actor: custodian)
        #expect(shown.stdout.contains("placed by custody event \(event.seq): its file_name reading read as Asia/Karachi time"), "\(shown.stdout)")
        #expect(try store.integrity.audit(actor: custodian).ok)

        // An insider who moves the placement an hour, then one who removes it, and one who drops its index entry.
        let insider = try Insider(store)
        if insider.database == nil {
            try insider.execute("DELETE FROM exhibit_span_index WHERE id = \(placed.exhibit.rawValue)")
            let dropped = try store.integrity.audit(actor: custodian).problems
            #expect(dropped.contains { $0.contains("\(id): its span on the timeline is missing from the time index") }, "\(dropped)")
        }
        try insider.execute("UPDATE exhibit_placement SET start_ms = start_ms + 3600000, end_ms = end_ms + 3600000")
        var problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.contains("placement \(event.seq) of \(id): disagrees with the clock_corrected event") }, "\(problems)")
        try insider.execute("DELETE FROM exhibit_placement")
        problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.contains("custody event \(event.seq) (clock_corrected) placed it on the timeline, but it has no exhibit_placement row") },
                "\(problems)")
    }

    /// A camera whose footage was ingested before anyone knew its zone: one `dfc clock --source
    /// --zone` over a range places every exhibit of it whose reading falls there, and what is
    /// ingested later over the range is placed as it comes in; a reading the zone cannot tell
    /// apart near the range refuses the whole correction.
    @Test func aCamerasUnplacedFootageIsPlacedOverARangeByItsZoneAndSoIsWhatComesLater() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        var ids: [String] = []
        for (n, (name, source)) in [("ch20_20261103143000.mp4", "CAM-20"), ("ch20_20261103163000.mp4", "CAM-20"),
                                    ("ch21_20261103143500.mp4", "CAM-21")].enumerated() {
            let file = try Self.clip(name, in: directory, seconds: 3 + n)
            ids.append(try #require(try store.intake.ingest(file: file, caseID: "T-16", source: source, actor: custodian).exhibit).description)
        }
        // 09:00Z to 10:00Z: 14:30 in Karachi (09:30Z) is in it, 16:30 (11:30Z) is not, nor is another camera.
        let reports = try store.exhibits.correctClock(source: "CAM-20", from: "2026-11-03T09:00:00Z", to: "2026-11-03T10:00:00Z", offset: nil,
                                             zone: "Asia/Karachi", reason: "the DVR menu shows PKT", actor: custodian)
        #expect(reports.map(\.exhibit.description) == [ids[0]] && reports.first?.correctedStart == "2026-11-03T09:30:00.000Z", "\(reports)")
        #expect(reports.first?.clockCorrections.first?.placed == true && reports.first?.clockCorrections.first?.standing != nil)
        for unplaced in [ids[1], ids[2]] { #expect(try store.reading.exhibit(unplaced, actor: custodian).correctedStart == nil) }
        // Ingested later, in the range: placed as it comes in, by its own event following the standing one.
        let later = try Self.clip("ch20_20261103144500.mp4", in: directory, seconds: 6)
        let laterID = try #require(try store.intake.ingest(file: later, caseID: "T-16", source: "CAM-20", actor: custodian).exhibit).description
        let followed = try store.reading.exhibit(laterID, actor: custodian)
        #expect(followed.correctedStart == "2026-11-03T09:45:00.000Z" && followed.clockCorrections.map(\.placed) == [true], "\(followed.clockCorrections)")
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T14:45:01+05:00", to: "2026-11-03T14:45:02+05:00"), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [laterID], "\(hits)")

        // London, 01:30 on 25 October, near a range: the zone cannot tell which instant; nothing is recorded.
        let repeated = try Self.clip("ch22_20261025_013000.mp4", in: directory, seconds: 7)
        let london = try #require(try store.intake.ingest(file: repeated, caseID: "T-16", source: "CAM-22", actor: custodian).exhibit).description
        let refused = #expect(throws: DFCError.self) {
            try store.exhibits.correctClock(source: "CAM-22", from: "2026-10-25T00:00:00Z", to: "2026-10-25T06:00:00Z", offset: nil, zone: "Europe/London",
                                   reason: "menu", actor: custodian)
        }
        #expect("\(refused.map { "\($0)" } ?? "")".contains("\(london), not yet on the timeline") && "\(refused.map { "\($0)" } ?? "")".contains("happened twice"),
                "\(String(describing: refused))")
        #expect(try store.reading.custody(of: london, actor: custodian).allSatisfy { $0.action != "clock_corrected" })
        let audit = try store.integrity.audit(actor: custodian)
        #expect(audit.ok, "\(audit.problems)")
    }

    @Test func aCamerasClockIsCorrectedOverARangeByOneSignedEventPerExhibit() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore(analysts: ["A. Analyst"])
        let custodian = TestSupport.custodian
        // Camera 3 records at 14:00, 14:20 and 16:00 (10 s each); camera 4 at 14:10.
        var ids: [String] = []
        for (name, time, source) in [("a.mp4", "14:00:00", "CAM-3"), ("b.mp4", "14:20:00", "CAM-3"), ("c.mp4", "16:00:00", "CAM-3"), ("d.mp4", "14:10:00", "CAM-4")] {
            let file = try Self.clip(name, in: directory, metadata: ["creation_time": "2026-11-03T\(time)Z"])
            ids.append(try #require(try store.intake.ingest(file: file, caseID: "T-11", source: source, actor: custodian).exhibit).description)
        }
        // Its clock was two minutes slow from 13:55 to 14:30: the first two are corrected, each by its own event.
        let corrected = try store.exhibits.correctClock(source: "CAM-3", from: "2026-11-03T13:55:00Z", to: "2026-11-03T14:30:00Z", offset: "+00:02:00",
                                               reason: "DVR overlay against the GPS clock of the patrol car", actor: custodian)
        #expect(corrected.map(\.exhibit.description) == [ids[0], ids[1]], "\(corrected.map(\.exhibit))")
        #expect(corrected.allSatisfy { $0.clockCorrections.count == 1 } && corrected[0].correctedStart == "2026-11-03T14:02:00.000Z")
        #expect(Set(corrected.map { $0.clockCorrections[0].event }).count == 2)
        for untouched in [ids[2], ids[3]] { #expect(try store.reading.exhibit(untouched, actor: custodian).clockCorrections.isEmpty) }
        let custody = try store.reading.custody(of: ids[1], actor: custodian)
        let event = try #require(custody.last { $0.action == "clock_corrected" })
        #expect(event.details["source"] == "CAM-3" && event.details["range_from"] == "2026-11-03T13:55:00Z" && event.details["offset"] == "+00:02:00.000")
        let hits = try store.reading.lookup(TimeQuery(from: "2026-11-03T14:02:05Z", to: "2026-11-03T14:02:06Z"), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [ids[0]] && hits[0].corrections.count == 1, "\(hits)")
        // The correction stands for the camera over the range: footage of it ingested later there follows it in,
        // by its own event naming the standing one; footage outside the range, or of another camera, does not.
        let standing = try #require(event.details["standing"].flatMap(Int64.init))
        #expect(corrected.allSatisfy { $0.clockCorrections[0].standing == standing })
        var later: [String] = []
        for (name, time, source) in [("e.mp4", "14:25:00", "CAM-3"), ("f.mp4", "14:45:00", "CAM-3"), ("g.mp4", "14:26:00", "CAM-5")] {
            let file = try Self.clip(name, in: directory, seconds: 4, metadata: ["creation_time": "2026-11-03T\(time)Z"])
            later.append(try #require(try store.intake.ingest(file: file, caseID: "T-11", source: source, actor: "A. Analyst").exhibit).description)
        }
        let followed = try store.reading.exhibit(later[0], actor: custodian)
        #expect(followed.correctedStart == "2026-11-03T14:27:00.000Z" && followed.clockCorrections.map(\.standing) == [standing]
                && followed.clockCorrections.first?.actor == "A. Analyst", "\(followed.clockCorrections)")
        let followEvent = try #require(try store.reading.custody(of: later[0], actor: custodian).last { $0.action == "clock_corrected" })
        #expect(followEvent.details["command"] == "ingest" && followEvent.details["reason"] == "DVR overlay against the GPS clock of the patrol car"
                && followEvent.details["range_to"] == "2026-11-03T14:30:00Z", "\(followEvent.details)")
        for untouched in [later[1], later[2]] { #expect(try store.reading.exhibit(untouched, actor: custodian).clockCorrections.isEmpty) }
        let shownLater = try TestSupport.dfc(["show", later[0], "--store", store.path], actor: custodian)
        #expect(shownLater.stdout.contains("following the camera's correction, custody event \(standing)"), "\(shownLater.stdout)")
        // Nothing of the camera in the range, or no such camera: a clear error, nothing recorded.
        #expect(throws: DFCError.self) {
            try store.exhibits.correctClock(source: "CAM-3", from: "2026-11-04T00:00:00Z", to: "2026-11-04T01:00:00Z", offset: "+00:01:00", reason: "r", actor: custodian)
        }
        #expect(throws: DFCError.self) {
            try store.exhibits.correctClock(source: "CAM-3", from: "2026-11-03T14:00:00", to: "2026-11-03T15:00:00Z", offset: "+00:01:00", reason: "r", actor: custodian)
        }
        // A registered camera with nothing on the timeline there yet: the correction stands, for what comes later.
        _ = try store.exhibits.registerSource("CAM-6", latitude: 31.5, longitude: 74.3, actor: custodian)
        #expect(try store.exhibits.correctClock(source: "CAM-6", from: "2026-11-03T00:00:00Z", to: "2026-11-04T00:00:00Z", offset: "-00:00:30",
                                       reason: "station clock", actor: custodian).isEmpty)
        let six = try Self.clip("h.mp4", in: directory, seconds: 6, metadata: ["creation_time": "2026-11-03T18:00:00Z"])
        let sixID = try #require(try store.intake.ingest(file: six, caseID: "T-11", source: "CAM-6", actor: custodian).exhibit).description
        #expect(try store.reading.exhibit(sixID, actor: custodian).correctedStart == "2026-11-03T17:59:30.000Z")
        // The CLI: by camera and range, and an exhibit with a camera is refused.
        let cli = try TestSupport.dfc(["clock", "--source", "CAM-4", "--from", "2026-11-03T14:00:00Z", "--to", "2026-11-03T15:00:00Z",
                                       "--offset=-00:00:10", "--reason", "known event", "--store", store.path], actor: custodian)
        #expect(cli.status == 0 && cli.stdout.hasPrefix("\(ids[3])\tclock corrected by custody event"), "\(cli.stdout)\(cli.stderr)")
        let both = try TestSupport.dfc(["clock", ids[0], "--source", "CAM-4", "--offset", "+00:00:01", "--reason", "r", "--store", store.path], actor: custodian)
        #expect(both.status != 0)
        let audit = try store.integrity.audit(actor: custodian)
        #expect(audit.ok, "\(audit.problems)")
    }

    /// `dfc clock --zone`: DVRs whose headers are London's local time labelled UTC. Over a range,
    /// each exhibit is read in the zone at its own date (-1 h in July, nothing in November), each
    /// by its own signed event naming the zone; a reading London repeats is refused with both
    /// instants named and nothing recorded; a zone and an offset together add up.
    @Test func aClockReadInItsZoneGetsEachExhibitsOwnOffsetSummerOrWinter() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        var ids: [String] = []
        for (n, (header, source)) in [("2026-07-01T10:00:00Z", "ALDGATE CAM 3"), ("2026-11-03T10:00:00Z", "ALDGATE CAM 3"),
                                      ("2026-10-25T01:30:00Z", "ALDGATE CAM 4"), ("2026-08-01T12:00:00Z", "ALDGATE CAM 4")].enumerated() {
            let clip = try Self.clip("cam\(n).mp4", in: directory, seconds: 2 + n, metadata: ["creation_time": header])
            ids.append(try #require(try store.intake.ingest(file: clip, caseID: "T-17", source: source, actor: custodian).exhibit).description)
        }
        let reports = try store.exhibits.correctClock(source: "ALDGATE CAM 3", from: "2026-06-01T00:00:00Z", to: "2026-12-01T00:00:00Z", offset: nil,
                                             zone: "Europe/London", reason: "the DVR menu shows London time; the header labels it UTC", actor: custodian)
        #expect(reports.map(\.exhibit.description) == [ids[0], ids[1]])
        #expect(reports.map(\.correctedStart) == ["2026-07-01T09:00:00.000Z", "2026-11-03T10:00:00.000Z"], "\(reports.map(\.correctedStart))")
        #expect(reports.map { $0.clockCorrections.last?.offset } == ["-01:00:00.000", "+00:00:00.000"]
                && reports.allSatisfy { $0.clockCorrections.last?.zone == "Europe/London" })
        let event = try #require(try store.reading.custody(of: ids[0], actor: custodian).last { $0.action == "clock_corrected" })
        #expect(event.details["zone"] == "Europe/London" && event.details["zone_offset"] == "-01:00:00.000" && event.details["offset_ms"] == "-3600000")

        // 01:30 on 25 October happened twice in London: refused, both instants named, nothing recorded.
        let refused = #expect(throws: DFCError.self) {
            try store.exhibits.correctClock(ids[2], offset: nil, zone: "Europe/London", reason: "menu", actor: custodian)
        }
        #expect("\(refused.map { "\($0)" } ?? "")".contains("at 2026-10-25T00:30:00.000Z and at 2026-10-25T01:30:00.000Z"), "\(String(describing: refused))")
        #expect(try store.reading.custody(of: ids[2], actor: custodian).allSatisfy { $0.action != "clock_corrected" })
        #expect(throws: DFCError.self) { try store.exhibits.correctClock(ids[3], offset: nil, zone: "Mars/Olympus_Mons", reason: "menu", actor: custodian) }
        #expect(throws: DFCError.self) { try store.exhibits.correctClock(ids[3], offset: nil, zone: nil, reason: "menu", actor: custodian) }

        // By the CLI, a zone and an offset: London's summer hour back, then 5 s on (a photographed clock).
        let run = try TestSupport.dfc(["clock", ids[3], "--zone", "Europe/London", "--offset", "+00:00:05", "--reason", "menu and station clock",
                                       "--store", store.path], actor: custodian)
        #expect(run.status == 0 && run.stdout.contains("-00:59:55.000") && run.stdout.contains("now 2026-08-01T11:00:05.000Z"), "\(run.stdout)\(run.stderr)")
        let shown = try TestSupport.dfc(["show", ids[3], "--store", store.path], actor: custodian)
        #expect(shown.stdout.contains("-00:59:55.000 (the clock read as Europe/London time)"), "\(shown.stdout)")
        let hits = try store.reading.lookup(TimeQuery(from: "2026-07-01T09:00:01Z", to: "2026-07-01T09:00:01.5Z"), actor: custodian)
        #expect(hits.map(\.exhibit.description) == [ids[0]] && hits.first?.corrections.first?.zone == "Europe/London", "\(hits)")
        // Footage of camera 3 ingested later follows the zone correction in, read at its own date: September's
        // by -1 h; one whose reading London repeats (01:30 on 25 October) is a finding and is not corrected.
        let september = try Self.clip("cam9.mp4", in: directory, seconds: 3, metadata: ["creation_time": "2026-09-10T10:00:00Z"])
        let repeated = try Self.clip("cam10.mp4", in: directory, seconds: 6, metadata: ["creation_time": "2026-10-25T01:30:00Z"])
        let followed = try store.reading.exhibit(try #require(try store.intake.ingest(file: september, caseID: "T-17", source: "ALDGATE CAM 3", actor: custodian).exhibit).description,
                                         actor: custodian)
        #expect(followed.correctedStart == "2026-09-10T09:00:00.000Z" && followed.clockCorrections.last?.zone == "Europe/London", "\(followed.clockCorrections)")
        let unplaced = try store.reading.exhibit(try #require(try store.intake.ingest(file: repeated, caseID: "T-17", source: "ALDGATE CAM 3", actor: custodian).exhibit).description,
                                         actor: custodian)
        #expect(unplaced.clockCorrections.isEmpty && unplaced.findings.contains { $0.kind == .localTimeAmbiguous && $0.message.contains("happened twice") },
                "\(unplaced.findings)")
        #expect(try store.integrity.audit(actor: custodian).ok)
    }

    @Test func clockCorrectionsAreSignedEventsThatStackAndMoveTheLookupNeverTheLayers() throws {
        let directory = TestSupport.temporaryDirectory()
        let store = try TestSupport.newStore()
        // A DVR whose header is an hour and 5 s behind: 13:30:00Z written, 14:30:05Z true.
        let dvr = try Self.clip("dvr.mp4", in: directory, metadata: ["creation_time": "2026-11-03T13:30:00Z"])
        let id = try #require(try store.intake.ingest(file: dvr, caseID: "T-6", actor: TestSupport.custodian).exhibit).description
        let range = TimeQuery(from: "2026-11-03T14:30:06Z", to: "2026-11-03T14:30:08Z")
        #expect(try store.reading.lookup(range, actor: TestSupport.custodian).isEmpty)

        _ = try store.exhibits.correctClock(id, offset: "+01:00:00", reason: "DST never applied (DVR menu photographed)", actor: TestSupport.custodian)
        let report = try store.exhibits.correctClock(id, offset: "+00:00:05.000", reason: "against the photographed station clock", actor: TestSupport.custodian)
        #expect(report.clockCorrections.map(\.offset) == ["+01:00:00.000", "+00:00:05.000"])
        #expect(report.start == "2026-11-03T13:30:00.000Z" && report.correctedStart == "2026-11-03T14:30:05.000Z", "\(report.correctedStart ?? "-")")
        #expect(report.timeLayers.first { $0.kind == .containerCreation }?.utc == "2026-11-03T13:30:00.000Z")

        let hits = try store.reading.lookup(range, actor: TestSupport.custodian)
        let hit = try #require(hits.first)
        #expect(hits.count == 1 && hit.start == "2026-11-03T14:30:05.000Z" && hit.offsetFrom == 1 && hit.offsetTo == 3
                && hit.firstFrame == 25 && hit.lastFrame == 75 && hit.corrections.count == 2, "\(hits)")
        let events = try store.reading.custody(of: id, actor: TestSupport.custodian).filter { $0.action == "clock_corrected" }
        #expect(events.count == 2 && events[1].details["start_after"] == "2026-11-03T14:30:05.000Z" && events[1].details["layer"] == "container_creation_time")
        #expect(try store.integrity.audit(actor: TestSupport.custodian).ok)

        // Bad offsets, a correction without a reason, and an exhibit with no time: refused, nothing recorded.
        for offset in ["+1:00", "01:60:00", "+00:00:05.1234", "abc", "+00:00:00"] {
            #expect(throws: DFCError.self, "\(offset)") { try store.exhibits.correctClock(id, offset: offset, reason: "r", actor: TestSupport.custodian) }
        }
        #expect(throws: DFCError.self) { try store.exhibits.correctClock(id, offset: "+00:00:01", reason: " ", actor: TestSupport.custodian) }
        let timeless = try Self.clip("timeless.mkv", in: directory, seconds: 1)
        let bare = try #require(try store.intake.ingest(file: timeless, caseID: "T-6", actor: TestSupport.custodian).exhibit).description
        #expect(throws: DFCError.self) { try store.exhibits.correctClock(bare, offset: "+00:00:01", reason: "r", actor: TestSupport.custodian) }

        // An insider who edits or removes a correction is named.
        let insider = try Insider(store)
        try insider.execute("UPDATE clock_correction SET offset_ms = 7200000 WHERE offset_ms = 3600000")
        try insider.execute("DELETE FROM clock_correction WHERE offset_ms = 5000")
        let problems = try store.integrity.audit(actor: TestSupport.custodian).problems
        #expect(problems.contains { $0.contains("disagrees with the clock_corrected event") }, "\(problems)")
        #expect(problems.contains { $0.contains("(clock_corrected) has no clock_correction row") }, "\(problems)")
    }
}
