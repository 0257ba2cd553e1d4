import Foundation
import DFCCore

/// The EXIF metadata an examiner needs from a still — make, model, software, orientation,
/// date and time with their offset, GPS position, altitude and time — read from hostile
/// bytes in the worker, before it confines itself no further than any other read.
///
/// Found where each format keeps it: a JPEG's `APP1 Exif` segment, a PNG's `eXIf` chunk, a
/// WebP's `EXIF` chunk, or a TIFF file's own first IFD. Everything is bounded: the bytes read
/// (at most `budget`), the segments and chunks walked, the IFDs followed (IFD0, its Exif and
/// GPS IFDs, each once), the entries of each, and every string's length. An offset or count
/// that points outside the data is a problem reported, never followed.
package struct ExifReader {
    /// What was found: tags named `exif.*`, and what was wrong with the metadata.
    package struct Result: Equatable {
        package var tags: [String: String] = [:]
        package var problems: [String] = []

        package init(tags: [String: String] = [:], problems: [String] = []) {
            self.tags = tags
            self.problems = problems
        }
    }

    package static let budget = 4 << 20
    private static let maxSegments = 1000
    private static let maxEntries = 1000
    private static let maxString = 256

    /// Reads the metadata of the file open at `descriptor` (without moving its offset);
    /// nil when the file is not a JPEG, PNG, WebP or TIFF, or has no EXIF.
    package static func read(descriptor: Int32) -> Result? {
        guard let head = pread(descriptor, 0, 16), head.count >= 12 else { return nil }
        let block: [UInt8]?
        if head.starts(with: [0xFF, 0xD8]) {
            block = jpegExif(descriptor)
        } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            block = pngExif(descriptor)
        } else if head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            block = webpExif(descriptor)
        } else if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            block = pread(descriptor, 0, budget)
        } else {
            return nil
        }
        guard var tiff = block, !tiff.isEmpty else { return nil }
        if tiff.starts(with: Array("Exif".utf8) + [0, 0]) { tiff.removeFirst(6) }
        return parse(tiff)
    }

    /// The TIFF structure of an EXIF block: IFD0, then its Exif and GPS IFDs.
    package static func parse(_ tiff: [UInt8]) -> Result {
        var result = Result()
        guard tiff.count >= 8 else {
            result.problems.append("the EXIF block is \(tiff.count) bytes, too short for its header")
            return result
        }
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default:
            result.problems.append("the EXIF block does not start with a byte order (II or MM)")
            return result
        }
        let data = Fields(bytes: tiff, little: little)
        guard data.u16(2) == 42, let first = data.u32(4) else {
            result.problems.append("the EXIF block's TIFF header is not valid")
            return result
        }
        var visited = Set<Int>()
        let ifd0 = data.entries(at: Int(first), visited: &visited, problems: &result.problems, name: "IFD0")
        func text(_ tag: UInt16, _ entries: [UInt16: Fields.Entry]) -> String? { entries[tag].flatMap { data.string($0) } }
        result.tags["exif.make"] = text(0x010F, ifd0)
        result.tags["exif.model"] = text(0x0110, ifd0)
        result.tags["exif.software"] = text(0x0131, ifd0)
        result.tags["exif.date_time"] = text(0x0132, ifd0)
        if let orientation = ifd0[0x0112].flatMap({ data.integers($0).first }) { result.tags["exif.orientation"] = String(orientation) }
        if let pointer = ifd0[0x8769].flatMap({ data.integers($0).first }) {
            let exif = data.entries(at: pointer, visited: &visited, problems: &result.problems, name: "the Exif IFD")
            result.tags["exif.date_time_original"] = text(0x9003, exif)
            result.tags["exif.offset_time_original"] = text(0x9011, exif)
            result.tags["exif.offset_time"] = text(0x9010, exif)
        }
        if let pointer = ifd0[0x8825].flatMap({ data.integers($0).first }) {
            let gps = data.entries(at: pointer, visited: &visited, problems: &result.problems, name: "the GPS IFD")
            // A value that is there but cannot be read (a zero denominator, too few parts) is a
            // problem the examiner is told of (a metadata_damaged finding), never a silent omission.
            func unreadable(_ name: String, _ parts: [Double]) {
                result.problems.append("the GPS IFD's \(name) cannot be read (\(parts.count) parts"
                    + (parts.contains { !$0.isFinite } ? ", a zero denominator" : "") + "): no position was taken from it")
            }
            func degrees(_ value: UInt16, _ reference: UInt16, negative: String) -> String? {
                guard let parts = gps[value].map({ data.rationals($0) }) else { return nil }
                guard parts.count == 3, parts.allSatisfy({ $0.isFinite }) else {
                    unreadable(negative == "S" ? "latitude" : "longitude", parts)
                    return nil
                }
                let sign = text(reference, gps)?.uppercased().hasPrefix(negative) == true ? -1.0 : 1.0
                return String(format: "%.7f", sign * (parts[0] + parts[1] / 60 + parts[2] / 3600))
            }
            result.tags["exif.gps_latitude"] = degrees(0x0002, 0x0001, negative: "S")
            result.tags["exif.gps_longitude"] = degrees(0x0004, 0x0003, negative: "W")
            if let parts = gps[0x0006].map({ data.rationals($0) }) {
                if let altitude = parts.first, altitude.isFinite {
                    let below = gps[0x0005].flatMap { data.integers($0).first } == 1
                    result.tags["exif.gps_altitude"] = String(format: "%.2f", below ? -altitude : altitude)
                } else {
                    unreadable("altitude", parts)
                }
            }
            if let date = text(0x001D, gps), let time = gps[0x0007].map({ data.rationals($0) }) {
                if time.count == 3, time.allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 100 }) {
                    let day = date.replacingOccurrences(of: ":", with: "-")
                    result.tags["exif.gps_date_time"] = day + String(format: "T%02d:%02d:%06.3fZ", Int(time[0]), Int(time[1]), time[2])
                } else {
                    unreadable("time stamp", time)
                }
            }
        }
        result.tags = result.tags.filter { !$0.value.isEmpty }
        return result
    }

    // MARK: - Where each format keeps the block

    private static func jpegExif(_ descriptor: Int32) -> [UInt8]? {
        var offset = 2
        for _ in 0..<maxSegments {
            guard let header = pread(descriptor, offset, 4), header.count == 4, header[0] == 0xFF else { return nil }
            let marker = header[1]
            if marker == 0xFF { offset += 1; continue }   // a fill byte before the marker
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            if marker == 0xDA || marker == 0xD9 { return nil }   // image data, or the end: no EXIF before it
            let length = Int(header[2]) << 8 | Int(header[3])
            guard length >= 2 else { return nil }
            if marker == 0xE1, let payload = pread(descriptor, offset + 4, length - 2), payload.starts(with: Array("Exif".utf8) + [0, 0]) {
                return payload
            }
            offset += 2 + length
        }
        return nil
    }

    private static func pngExif(_ descriptor: Int32) -> [UInt8]? {
        var offset = 8
        for _ in 0..<maxSegments {
            guard let header = pread(descriptor, offset, 8), header.count == 8 else { return nil }
            let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
            let type = String(decoding: header[4..<8], as: UTF8.self)
            if type == "eXIf" { return length <= budget ? pread(descriptor, offset + 8, length) : nil }
            if type == "IEND" { return nil }
            offset += 12 + length
        }
        return nil
    }

    private static func webpExif(_ descriptor: Int32) -> [UInt8]? {
        var offset = 12
        for _ in 0..<maxSegments {
            guard let header = pread(descriptor, offset, 8), header.count == 8 else { return nil }
            let size = Int(header[4]) | Int(header[5]) << 8 | Int(header[6]) << 16 | Int(header[7]) << 24
            if String(decoding: header[0..<4], as: UTF8.self) == "EXIF" { return size <= budget ? pread(descriptor, offset + 8, size) : nil }
            offset += 8 + size + (size & 1)
        }
        return nil
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file); nil on an error or a
    /// request past the budget.
    private static func pread(_ descriptor: Int32, _ offset: Int, _ count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, count <= budget else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { Glibc.pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            done += got
        }
        return Array(bytes[0..<done])
    }

    /// Bounded reads of a TIFF structure's fields in its byte order.
    private struct Fields {
        package let bytes: [UInt8]
        package let little: Bool

        package struct Entry {
            package let type: UInt16
            package let count: Int
            package let offset: Int   // of the value: inline in the entry, or where it points

            package init(type: UInt16, count: Int, offset: Int) {
                self.type = type
                self.count = count
                self.offset = offset
            }
        }

        package func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return little ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 : UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
        }

        package func u32(_ at: Int) -> UInt32? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? UInt32(a) | UInt32(b) << 16 : UInt32(a) << 16 | UInt32(b)
        }

        package static func size(of type: UInt16) -> Int? {
            switch type {
            case 1, 2, 6, 7: 1
            case 3, 8: 2
            case 4, 9: 4
            case 5, 10: 8
            default: nil
            }
        }

        /// The entries of the IFD at `at`, by tag; each IFD is read once (no loops).
        package func entries(at: Int, visited: inout Set<Int>, problems: inout [String], name: String) -> [UInt16: Entry] {
            guard visited.insert(at).inserted else {
                problems.append("\(name) points back to an IFD already read (offset \(at)): not followed")
                return [:]
            }
            guard let count = u16(at).map(Int.init), count <= ExifReader.maxEntries, at + 2 + 12 * count <= bytes.count else {
                problems.append("\(name) at offset \(at) lies outside the \(bytes.count)-byte EXIF block or has too many entries")
                return [:]
            }
            var entries: [UInt16: Entry] = [:]
            for index in 0..<count {
                let base = at + 2 + 12 * index
                guard let tag = u16(base), let type = u16(base + 2), let number = u32(base + 4), let size = Self.size(of: type) else { continue }
                let length = size * Int(number)
                let offset = length <= 4 ? base + 8 : Int(u32(base + 8) ?? UInt32.max)
                guard number <= UInt32(ExifReader.budget), offset + length <= bytes.count else {
                    problems.append("\(name): tag 0x\(String(tag, radix: 16)) claims \(length) bytes at offset \(offset), outside the EXIF block")
                    continue
                }
                entries[tag] = Entry(type: type, count: Int(number), offset: offset)
            }
            return entries
        }

        /// An ASCII value: up to its first NUL, at most `maxString` characters, printable ones only.
        package func string(_ entry: Entry) -> String? {
            guard entry.type == 2 || entry.type == 7 else { return nil }
            let raw = bytes[entry.offset..<(entry.offset + min(entry.count, ExifReader.maxString))]
            let text = raw.prefix { $0 != 0 }.map { (0x20...0x7E).contains($0) ? Character(UnicodeScalar($0)) : "?" }
            return String(text).trimmingCharacters(in: .whitespaces)
        }

        /// BYTE, SHORT or LONG values (at most 16).
        package func integers(_ entry: Entry) -> [Int] {
            (0..<min(entry.count, 16)).compactMap { index in
                switch entry.type {
                case 1: Int(bytes[entry.offset + index])
                case 3: u16(entry.offset + 2 * index).map(Int.init)
                case 4: u32(entry.offset + 4 * index).map(Int.init)
                default: nil
                }
            }
        }

        /// RATIONAL values (at most 16); a zero denominator gives a non-finite value.
        package func rationals(_ entry: Entry) -> [Double] {
            guard entry.type == 5 else { return [] }
            return (0..<min(entry.count, 16)).compactMap { index in
                guard let numerator = u32(entry.offset + 8 * index), let denominator = u32(entry.offset + 8 * index + 4) else { return nil }
                return denominator == 0 ? .nan : Double(numerator) / Double(denominator)
            }
        }
    }

    package init() {
    }
}
