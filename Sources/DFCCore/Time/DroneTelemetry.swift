import Foundation

/// What a DJI drone's telemetry subtitles say of time and place: the track DJI writes into its
/// MP4 (`mov_text`) or the `.SRT` file beside it, one record per frame or second, each with the
/// date and time of the controller's clock (no zone) and the aircraft's position, in the forms
/// DJI has written: `[latitude: …] [longitude: …]` with `abs_alt: …` (Mavic 3, Mini 3 and later),
/// `[latitude : …] [longtitude : …] [altitude: …]` (Mavic Air and Mavic 2, DJI's spelling), and
/// `GPS(longitude,latitude,altitude)` beside a `YYYY.MM.DD hh:mm:ss` date (Phantom 4, Mavic Pro:
/// longitude first; `GPS(0.0,0.0,…)` is no fix).
///
/// It runs in the worker over hostile text: only the first `maxScanned` bytes of a record are
/// looked at, and it keeps the first and last reading of each kind with the subtitle's
/// presentation time.
package struct DroneTelemetry: Sendable {
    package let stream: Int
    package private(set) var records = 0
    package private(set) var readings = TelemetryReadings()

    package static let maxScanned = 4096

    package init(stream: Int) { self.stream = stream }

    /// Reads one subtitle packet; `textAfterLength` for `mov_text`, whose text follows a 16-bit length.
    package mutating func read(_ payload: [UInt8], at seconds: Double?, textAfterLength: Bool) {
        var text = payload
        if textAfterLength {
            guard payload.count >= 2 else { return }
            let length = Int(payload[0]) << 8 | Int(payload[1])
            text = Array(payload.dropFirst(2).prefix(length))
        }
        text = Array(text.prefix(Self.maxScanned))
        guard let seconds, seconds.isFinite else { return }
        let time = Self.dateTime(in: text)
        let fix = Self.position(in: text)
        guard time != nil || fix != nil else { return }
        records += 1
        if let time { readings.time(time, at: seconds) }
        if let fix { readings.fix(fix, at: seconds) }
    }

    /// The readings as tags (`dji.*`), as the worker reports them with the container's; none
    /// when no subtitle looked like DJI telemetry.
    package var tags: [String: String] {
        guard records > 0 else { return [:] }
        return ["dji.stream": String(stream), "dji.records": String(records)].merging(readings.tags(prefix: "dji", time: "time", position: "position")) { $1 }
    }

    /// The first `YYYY-MM-DD hh:mm:ss[.fff]` or `YYYY.MM.DD hh:mm:ss` in the text (a fraction
    /// after `.` or `,`), as written.
    package static func dateTime(in text: [UInt8]) -> String? {
        let shape = Array("dddd-dd-dd dd:dd:dd".utf8)
        guard text.count >= shape.count else { return nil }
        for start in 0...(text.count - shape.count) {
            let separator = text[start + 4]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "."), text[start + 7] == separator else { continue }
            let fits = zip(text[start...], shape).enumerated().allSatisfy { index, pair in
                let (byte, want) = pair
                if index == 4 || index == 7 { return true }
                return want == UInt8(ascii: "d") ? (byte >= 0x30 && byte <= 0x39) : byte == want
            }
            guard fits else { continue }
            var end = start + shape.count
            if end < text.count, text[end] == UInt8(ascii: ".") || text[end] == UInt8(ascii: ",") {
                var digits = end + 1
                while digits < text.count, digits - end <= 9, text[digits] >= 0x30, text[digits] <= 0x39 { digits += 1 }
                if digits > end + 1 { end = digits }
            }
            return String(decoding: text[start..<end], as: UTF8.self)
        }
        return nil
    }

    /// `latitude,longitude,altitude` from any of the forms above (`latitude,longitude,` without
    /// an altitude), or nil.
    package static func position(in text: [UInt8]) -> String? {
        if let latitude = number(after: "latitude", in: text),
           let longitude = number(after: "longitude", in: text) ?? number(after: "longtitude", in: text) {
            return "\(latitude),\(longitude),\(number(after: "abs_alt", in: text) ?? number(after: "altitude", in: text) ?? "")"
        }
        // GPS(longitude,latitude,altitude): longitude first.
        guard let open = find("GPS(", in: text) else { return nil }
        var parts: [String] = []
        var at = open
        while parts.count < 3 {
            guard let (value, next) = decimal(in: text, from: at) else { break }
            parts.append(value)
            at = next
            guard at < text.count, text[at] == UInt8(ascii: ",") else { break }
            at += 1
        }
        guard parts.count >= 2, let longitude = Double(parts[0]), let latitude = Double(parts[1]), longitude != 0 || latitude != 0 else { return nil }
        return "\(parts[1]),\(parts[0]),\(parts.count == 3 ? parts[2] : "")"
    }

    /// The decimal number written after `key` and its colon (spaces skipped either side), as written.
    package static func number(after key: String, in text: [UInt8]) -> String? {
        var from = 0
        while let end = find(key, in: text, from: from) {
            from = end
            var at = end
            while at < text.count, text[at] == UInt8(ascii: " ") { at += 1 }
            guard at < text.count, text[at] == UInt8(ascii: ":") else { continue }
            at += 1
            while at < text.count, text[at] == UInt8(ascii: " ") { at += 1 }
            return decimal(in: text, from: at)?.text
        }
        return nil
    }

    /// Where the first `key` at or after `from` ends, or nil.
    package static func find(_ key: String, in text: [UInt8], from: Int = 0) -> Int? {
        let key = Array(key.utf8)
        guard text.count >= key.count + from else { return nil }
        for start in from...(text.count - key.count) where text[start..<(start + key.count)].elementsEqual(key) { return start + key.count }
        return nil
    }

    /// The decimal number (at most 24 characters) that starts at `from`, as written, and where it ends.
    package static func decimal(in text: [UInt8], from: Int) -> (text: String, end: Int)? {
        var at = from
        while at < text.count, at - from < 24, text[at] == UInt8(ascii: "-") || text[at] == UInt8(ascii: ".") || (text[at] >= 0x30 && text[at] <= 0x39) {
            at += 1
        }
        let number = String(decoding: text[from..<at], as: UTF8.self)
        return Double(number) != nil ? (number, at) : nil
    }
}
