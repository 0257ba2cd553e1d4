@testable import DFCKit
import Foundation
import Testing

/// A still's EXIF metadata, read as exiftool reads it, and damaged metadata reported
/// without harm: the values come from a TIFF structure built here, put into JPEG, PNG and
/// WebP files that stock ffmpeg made.
@Suite struct ExifTests {
    /// An EXIF block (TIFF structure) with IFD0, an Exif IFD and a GPS IFD, in either byte order.
    static func exifBlock(littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: Int) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] : [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { littleEndian ? u16(v & 0xFFFF) + u16(v >> 16) : u16(v >> 16) + u16(v & 0xFFFF) }
        struct Field { let tag: Int; let type: Int; let count: Int; let data: [UInt8] }
        func ascii(_ tag: Int, _ text: String) -> Field { Field(tag: tag, type: 2, count: text.utf8.count + 1, data: Array(text.utf8) + [0]) }
        func short(_ tag: Int, _ value: Int) -> Field { Field(tag: tag, type: 3, count: 1, data: u16(value) + [0, 0]) }
        func long(_ tag: Int, _ value: Int) -> Field { Field(tag: tag, type: 4, count: 1, data: u32(value)) }
        func rationals(_ tag: Int, _ values: [(Int, Int)]) -> Field {
            Field(tag: tag, type: 5, count: values.count, data: values.flatMap { u32($0.0) + u32($0.1) })
        }
        func byte(_ tag: Int, _ value: Int) -> Field { Field(tag: tag, type: 1, count: 1, data: [UInt8(value), 0, 0, 0]) }
        // Lays out an IFD at `offset` with its out-of-line values after it; returns its bytes.
        func ifd(_ fields: [Field], at offset: Int) -> [UInt8] {
            var entries: [UInt8] = u16(fields.count)
            var extra: [UInt8] = []
            let extraStart = offset + 2 + 12 * fields.count + 4
            for field in fields.sorted(by: { $0.tag < $1.tag }) {
                entries += u16(field.tag) + u16(field.type) + u32(field.count)
                if field.data.count <= 4 {
                    entries += field.data + [UInt8](repeating: 0, count: 4 - field.data.count)
                } else {
                    entries += u32(extraStart + extra.count)
                    extra += field.data + (field.data.count % 2 == 1 ? [0] : [])
                }
            }
            return entries + u32(0) + extra
        }
        let gpsFields = [
            ascii(0x0001, "S"), rationals(0x0002, [(31, 1), (33, 1), (3210, 100)]), ascii(0x0003, "E"),
            rationals(0x0004, [(74, 1), (20, 1), (5, 1)]), byte(0x0005, 0), rationals(0x0006, [(2175, 10)]),
            rationals(0x0007, [(9, 1), (41, 1), (730, 100)]), ascii(0x001D, "2026:11:03"),
        ]
        let exifFields = [ascii(0x9003, "2026:11:03 14:41:07"), ascii(0x9011, "+05:00")]
        // Offsets: header 8, IFD0, then the Exif IFD, then the GPS IFD.
        func ifd0(exifAt: Int, gpsAt: Int) -> [UInt8] {
            ifd([ascii(0x010F, "Hikvision"), ascii(0x0110, "DS-2CD2143G2-I"), ascii(0x0131, "V5.7.3 build 220112"),
                 short(0x0112, 6), ascii(0x0132, "2026:11:03 14:41:09"), long(0x8769, exifAt), long(0x8825, gpsAt)], at: 8)
        }
        let first = ifd0(exifAt: 0, gpsAt: 0)
        let exifAt = 8 + first.count
        let exif = ifd(exifFields, at: exifAt)
        let gpsAt = exifAt + exif.count
        out = (littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]) + u16(42) + u32(8)
        out += ifd0(exifAt: exifAt, gpsAt: gpsAt) + exif + ifd(gpsFields, at: gpsAt)
        return out
    }

    static let expected: [String: String] = [
        "exif.make": "Hikvision", "exif.model": "DS-2CD2143G2-I", "exif.software": "V5.7.3 build 220112",
        "exif.orientation": "6", "exif.date_time": "2026:11:03 14:41:09", "exif.date_time_original": "2026:11:03 14:41:07",
        "exif.offset_time_original": "+05:00", "exif.gps_latitude": "-31.5589167", "exif.gps_longitude": "74.3347222",
        "exif.gps_altitude": "217.50", "exif.gps_date_time": "2026-11-03T09:41:07.300Z",
    ]

    static func still(_ format: String, in directory: String) throws -> [UInt8] {
        let file = directory + "/plain." + format
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120",
                                                            "-frames:v", "1", "-y", file])
        try #require(made.status == 0, "\(made.stderr)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }

    /// The block put where each format keeps it.
    static func withExif(_ format: String, _ image: [UInt8], _ block: [UInt8]) -> [UInt8] {
        switch format {
        case "jpg":
            let payload = Array("Exif".utf8) + [0, 0] + block
            return [0xFF, 0xD8, 0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload + image.dropFirst(2)
        case "png":
            let chunk = Array("eXIf".utf8) + block
            return Array(image.prefix(33)) + be32(block.count) + chunk + be32(Int(crc32(chunk))) + image.dropFirst(33)
        default:   // webp: the chunk after the image's own; the RIFF size grows with it
            let chunk = Array("EXIF".utf8) + le32(block.count) + block + (block.count % 2 == 1 ? [0] : [])
            let body = Array(image.dropFirst(12)) + chunk
            return Array("RIFF".utf8) + le32(body.count + 4) + Array("WEBP".utf8) + body
        }
    }

    @Test(arguments: ["jpg", "png", "webp"])
    func theExaminersFieldsAreRead(format: String) throws {
        let directory = TestSupport.temporaryDirectory()
        for little in [true, false] {
            let file = directory + "/exif-\(little ? "II" : "MM")." + format
            try Data(Self.withExif(format, try Self.still(format, in: directory), Self.exifBlock(littleEndian: little)))
                .write(to: URL(fileURLWithPath: file))
            let store = try TestSupport.newStore()
            let result = try store.intake.ingest(file: file, caseID: "C", actor: TestSupport.custodian, containment: Containment(worker: TestSupport.dfcBinary))
            #expect(result.status == .ingested && result.frameCount == 1 && result.findings == [], "\(file): \(result.findings)")
            let tags = try store.reading.exhibit(result.exhibit!.description, actor: TestSupport.custodian).containerInfo?.tags ?? [:]
            #expect(tags.filter { $0.key.hasPrefix("exif.") } == Self.expected, "\(file)")
            if format != "webp" {   // exiftool, the examiner's own tool, reads the same values (it wants VP8X in a WebP)
                let tool = try TestSupport.run("/usr/bin/exiftool", ["-n", "-s", "-s", "-s", "-Make", "-Model", "-Orientation",
                                                                     "-GPSLatitude", "-GPSLongitude", "-OffsetTimeOriginal", file])
                #expect(tool.stdout.split(separator: "\n").map(String.init)
                        == ["Hikvision", "DS-2CD2143G2-I", "6", "-31.5589166666667", "74.3347222222222", "+05:00"], "\(tool.stdout)\(tool.stderr)")
            }
        }
    }

    /// Damaged metadata: every value pointing outside the block, loops, and cut-off blocks
    /// give problems, never a crash or a read outside the data.
    @Test func damagedMetadataIsReportedNotFollowed() {
        let block = Self.exifBlock(littleEndian: true)
        #expect(ExifReader.parse(block).problems == [])
        // An IFD0 that points at itself as its Exif IFD.
        var looped = block
        let pointerEntry = (0..<((looped.count - 10) / 1)).first { looped[$0] == 0x69 && looped[$0 + 1] == 0x87 }!
        looped[pointerEntry + 8] = 8; looped[pointerEntry + 9] = 0; looped[pointerEntry + 10] = 0; looped[pointerEntry + 11] = 0
        #expect(ExifReader.parse(looped).problems.contains { $0.contains("points back to an IFD already read") })
        // Every cut of the block, and random bytes written over it, parse without harm.
        for length in 0..<block.count { _ = ExifReader.parse(Array(block.prefix(length))) }
        var state: UInt64 = 99
        for _ in 0..<2000 {
            var mutated = block
            for _ in 0..<4 {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                mutated[Int(state % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: state >> 32)
            }
            _ = ExifReader.parse(mutated)
        }
        #expect(ExifReader.parse(Array(block.prefix(40))).problems.contains { $0.contains("outside the") })
    }

    /// Fill bytes before a JPEG marker (which the standard allows) do not hide the metadata.
    @Test func fillBytesBeforeTheMarkerAreSkipped() throws {
        let image = Self.withExif("jpg", [0xFF, 0xD8, 0xFF, 0xD9], Self.exifBlock(littleEndian: true))
        let file = TestSupport.temporaryDirectory() + "/fill.jpg"
        try Data(Array(image.prefix(2)) + [0xFF, 0xFF] + image.dropFirst(2)).write(to: URL(fileURLWithPath: file))
        let descriptor = open(file, O_RDONLY)
        defer { close(descriptor) }
        #expect(ExifReader.read(descriptor: descriptor)?.tags == Self.expected)
    }

    /// The committed fixture (`Scripts/make-fixtures stills`), through the commands: `dfc show`
    /// lists the metadata with the container's tags.
    @Test func theCommandsShowAStillsMetadata() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        let ingest = try TestSupport.dfc(["ingest", TestSupport.fixture("still_exif.jpg"), "--case", "C", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let show = try TestSupport.dfc(["show", "EX-1", "--store", store])
        for line in ["tag      exif.make = Hikvision", "tag      exif.date_time_original = 2026:11:03 14:41:07",
                     "tag      exif.offset_time_original = +05:00", "tag      exif.gps_latitude = 31.5589167",
                     "tag      exif.gps_longitude = 74.3347222", "1 frames decoded"] {
            #expect(show.stdout.contains(line), "\(line)\n\(show.stdout)")
        }
    }

    /// A JPEG whose EXIF is damaged is registered with a `metadata_damaged` finding.
    @Test func aStillWithDamagedMetadataIsRegisteredWithAFinding() throws {
        let directory = TestSupport.temporaryDirectory()
        let file = directory + "/damaged-exif.jpg"
        try Data(Self.withExif("jpg", try Self.still("jpg", in: directory), Array(Self.exifBlock(littleEndian: false).prefix(60))))
            .write(to: URL(fileURLWithPath: file))
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: file, caseID: "C", actor: TestSupport.custodian)
        #expect(result.status == .ingested && result.frameCount == 1)
        #expect(result.findings.contains { $0.kind == .metadataDamaged && $0.message.hasPrefix("EXIF: ") }, "\(result.findings)")
    }
}
