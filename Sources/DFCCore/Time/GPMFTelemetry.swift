import Foundation

/// What a GoPro GPMF telemetry track (a `gpmd` stream, handler "GoPro MET") says of time and
/// place: each payload's GPS time (`GPSU`, UTC as `yymmddhhmmss.sss`) and positions (`GPS5`
/// samples of latitude, longitude, altitude and two speeds, divided by the stream's `SCAL`).
///
/// It runs in the worker over hostile bytes: every record is bounds-checked, nesting is
/// limited, and what does not parse is a problem to report, never a trap. It keeps the first
/// and last reading of each kind (with the payload's presentation time) and counts the rest,
/// so a ten-hour recording costs no more memory than a short one.
package struct GPMFTelemetry: Sendable {
    package private(set) var payloads = 0
    package private(set) var readings = TelemetryReadings()
    /// GPS9's own per-sample times (days since 2000 and seconds since midnight, UTC) and fixes.
    package private(set) var readings9 = TelemetryReadings()
    package private(set) var fixes = 0
    /// Payloads whose `GPSF` says the receiver had no fix: their times and positions are not used.
    package private(set) var withoutFix = 0
    /// What could not be read, at most `maxProblems` of them.
    package private(set) var problems: [String] = []

    package static let maxDepth = 4
    package static let maxProblems = 20

    /// Reads one payload, presented at `seconds` into the stream (nil when it has no time).
    package mutating func read(_ payload: [UInt8], at seconds: Double?) {
        payloads += 1
        guard let seconds, seconds.isFinite else {
            problem("payload \(payloads) has no presentation time; its readings are not used")
            return
        }
        walk(payload, from: 0, to: payload.count, depth: 0, at: seconds)
    }

    /// The readings as tags (`gpmf.*`), as the worker reports them with the container's.
    package func tags(stream: Int) -> [String: String] {
        let tags = ["gpmf.stream": String(stream), "gpmf.payloads": String(payloads), "gpmf.gps5_samples": String(fixes),
                    "gpmf.payloads_without_fix": String(withoutFix)]
        return tags.merging(readings.tags(prefix: "gpmf", time: "gpsu", position: "gps5")) { $1 }
            .merging(readings9.tags(prefix: "gpmf", time: "gps9_time", position: "gps9")) { $1 }
    }

    /// The records of one level, `bytes[from..<to]`: a STRM's are gathered and read together.
    private mutating func walk(_ bytes: [UInt8], from: Int, to end: Int, depth: Int, at seconds: Double) {
        var stream = StreamRecords()
        var at = from
        while at < end {
            guard end - at >= 8 else { problem("payload \(payloads): \(end - at) stray bytes at byte \(at)"); return }
            let fourCC = String(decoding: bytes[at..<(at + 4)].map { $0 >= 0x20 && $0 < 0x7f ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            let type = bytes[at + 4]
            let size = Int(bytes[at + 5])
            let repeats = Int(bytes[at + 6]) << 8 | Int(bytes[at + 7])
            let length = size * repeats
            let data = at + 8
            guard length <= end - data else {
                problem("payload \(payloads): \(fourCC) at byte \(at) declares \(length) bytes, more than its container holds")
                return
            }
            if bytes[at..<data].allSatisfy({ $0 == 0 }) { break }   // padding to the payload's end
            if type == 0 {
                guard depth < Self.maxDepth else { problem("payload \(payloads): \(fourCC) nests deeper than \(Self.maxDepth) levels"); return }
                walk(bytes, from: data, to: data + length, depth: depth + 1, at: seconds)
            } else {
                stream.take(fourCC, type: type, size: size, repeats: repeats, bytes[data..<(data + length)])
            }
            at = data + length + (4 - length % 4) % 4
        }
        finish(stream, at: seconds)
    }

    /// Turns one level's GPS records into readings.
    private mutating func finish(_ stream: StreamRecords, at seconds: Double) {
        if let gps9 = stream.gps9 { finish9(gps9, stream: stream, at: seconds) }
        guard stream.time != nil || !stream.gps5.isEmpty else { return }
        if stream.fix == 0 { withoutFix += 1; return }
        if let time = stream.time {
            if time.utf8.count == 16, time.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) }) {
                readings.time(time, at: seconds)
            } else {
                problem("payload \(payloads): GPSU is not yymmddhhmmss.sss")
            }
        }
        guard !stream.gps5.isEmpty else { return }
        let scale = stream.scale.count == 5 ? stream.scale : stream.scale.count == 1 ? Array(repeating: stream.scale[0], count: 5) : []
        guard scale.count == 5, scale.allSatisfy({ $0 != 0 }) else {
            problem("payload \(payloads): GPS5 without a usable SCAL; its positions are not used")
            return
        }
        for sample in stream.gps5 {
            let latitude = Double(sample[0]) / Double(scale[0]), longitude = Double(sample[1]) / Double(scale[1])
            let altitude = Double(sample[2]) / Double(scale[2])
            guard abs(latitude) <= 90, abs(longitude) <= 180, latitude != 0 || longitude != 0 else { continue }
            readings.fix(String(format: "%.7f,%.7f,%.3f", latitude, longitude, altitude), at: seconds)
            fixes += 1
        }
    }

    /// GPS9 samples, laid out by the stream's TYPE (`lllllllSS`: latitude, longitude, altitude,
    /// 2D and 3D speed, days since 2000, seconds since midnight, DOP, fix), divided by SCAL.
    private mutating func finish9(_ data: (size: Int, bytes: ArraySlice<UInt8>), stream: StreamRecords, at seconds: Double) {
        var widths: [(width: Int, signed: Bool)] = []
        for type in stream.layout {
            switch type {
            case UInt8(ascii: "l"), UInt8(ascii: "L"): widths.append((4, type == UInt8(ascii: "l")))
            case UInt8(ascii: "s"), UInt8(ascii: "S"): widths.append((2, type == UInt8(ascii: "s")))
            case UInt8(ascii: "b"), UInt8(ascii: "B"): widths.append((1, type == UInt8(ascii: "b")))
            default: widths = []
            }
            if widths.isEmpty { break }
        }
        let scale = stream.scale.count == 9 ? stream.scale : stream.scale.count == 1 ? Array(repeating: stream.scale[0], count: 9) : []
        guard widths.count == 9, widths.reduce(0, { $0 + $1.width }) == data.size, scale.count == 9, scale.allSatisfy({ $0 != 0 }) else {
            problem("payload \(payloads): GPS9 without a TYPE and SCAL this reader knows; its samples are not used")
            return
        }
        for start in stride(from: data.bytes.startIndex, to: data.bytes.endIndex - data.size + 1, by: data.size) {
            var at = start
            let values = widths.enumerated().map { index, field -> Double in
                defer { at += field.width }
                return Double(StreamRecords.integer(data.bytes, at: at, width: field.width, signed: field.signed)) / Double(scale[index])
            }
            guard values[8] != 0 else { continue }   // no fix
            let (latitude, longitude) = (values[0], values[1])
            guard abs(latitude) <= 90, abs(longitude) <= 180, latitude != 0 || longitude != 0,
                  values[5] >= 0, values[5] < 36_600, values[6] >= 0, values[6] < 86_401 else { continue }
            readings9.time(String(format: "%.0f %.3f", values[5], values[6]), at: seconds)
            readings9.fix(String(format: "%.7f,%.7f,%.3f", latitude, longitude, values[2]), at: seconds)
        }
    }

    private mutating func problem(_ text: String) {
        if problems.count < Self.maxProblems { problems.append(text) }
    }

    /// The records of one level that matter here.
    private struct StreamRecords {
        package var scale: [Int64] = []
        package var fix: Int64?
        package var time: String?
        package var gps5: [[Int32]] = []
        /// TYPE: the layout of a complex record (GPS9's `lllllllSS`).
        package var layout: [UInt8] = []
        package var gps9: (size: Int, bytes: ArraySlice<UInt8>)?

        package mutating func take(_ fourCC: String, type: UInt8, size: Int, repeats: Int, _ data: ArraySlice<UInt8>) {
            switch fourCC {
            case "SCAL": scale = Self.integers(type: type, size: size, data) ?? []
            case "GPSF": fix = Self.integers(type: type, size: size, data)?.first
            case "GPSU" where type == UInt8(ascii: "U") || type == UInt8(ascii: "c"):
                time = String(decoding: data.prefix(16), as: UTF8.self)
            case "GPS5" where type == UInt8(ascii: "l") && size == 20:
                gps5 = stride(from: data.startIndex, to: data.endIndex, by: 20).map { start in
                    (0..<5).map { Int32(bitPattern: Self.bigEndian(data, at: start + 4 * $0, count: 4)) }
                }
            case "TYPE" where type == UInt8(ascii: "c"): layout = Array(data.prefix { $0 != 0 })
            case "GPS9" where size > 0: gps9 = (size, data)
            default: break
            }
        }

        /// Integer values of a record of type `l`, `L`, `s`, `S`, `b` or `B` (big-endian).
        package static func integers(type: UInt8, size: Int, _ data: ArraySlice<UInt8>) -> [Int64]? {
            let width: Int
            switch type {
            case UInt8(ascii: "l"), UInt8(ascii: "L"): width = 4
            case UInt8(ascii: "s"), UInt8(ascii: "S"): width = 2
            case UInt8(ascii: "b"), UInt8(ascii: "B"): width = 1
            default: return nil
            }
            guard size % width == 0 else { return nil }
            let signed = type == UInt8(ascii: "l") || type == UInt8(ascii: "s") || type == UInt8(ascii: "b")
            return stride(from: data.startIndex, to: data.endIndex - width + 1, by: width).map { integer(data, at: $0, width: width, signed: signed) }
        }

        /// One big-endian integer of 1, 2 or 4 bytes, sign-extended when `signed`.
        package static func integer(_ data: ArraySlice<UInt8>, at start: Int, width: Int, signed: Bool) -> Int64 {
            let value = bigEndian(data, at: start, count: width)
            guard signed else { return Int64(value) }
            let shift = UInt32(32 - 8 * width)
            return Int64(Int32(bitPattern: value << shift) >> Int32(shift))
        }

        package static func bigEndian(_ data: ArraySlice<UInt8>, at start: Int, count: Int) -> UInt32 {
            data[start..<(start + count)].reduce(0) { $0 << 8 | UInt32($1) }
        }
    }

    package init(problems: [String] = []) {
        self.problems = problems
    }
}
