import Foundation

/// What a DJI drone's telemetry subtitles say of time and place: the track DJI writes into its
/// MP4 (`mov_text`) or the `.SRT` file beside it, one record per frame or second, each with the
/// date and time of the controller's clock (no zone) and `[latitude: …] [longitude: …]`,
/// `abs_alt: …`.
///
/// It runs in the worker over hostile text: only the first `maxScanned` bytes of a record are
/// looked at, and it keeps the first and last reading of each kind with the subtitle's
/// presentation time.
struct DroneTelemetry: Sendable {
    let stream: Int
    private(set) var records = 0
    private(set) var readings = TelemetryReadings()

    static let maxScanned = 4096

    init(stream: Int) { self.stream = stream }

    /// Reads one subtitle packet; `textAfterLength` for `mov_text`, whose text follows a 16-bit length.
    mutating func read(_ payload: [UInt8], at seconds: Double?, textAfterLength: Bool) {
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
    var tags: [String: String] {
        guard records > 0 else { return [:] }
        return ["dji.stream": String(stream), "dji.records": String(records)].merging(readings.tags(prefix: "dji", time: "time", position: "position")) { $1 }
    }

    /// The first `YYYY-MM-DD hh:mm:ss[.fff]` in the text, as written.
    static func dateTime(in text: [UInt8]) -> String? {
        let shape = Array("dddd-dd-dd dd:dd:dd".utf8)
        guard text.count >= shape.count else { return nil }
        for start in 0...(text.count - shape.count) {
            let fits = zip(text[start...], shape).allSatisfy { byte, want in
                want == UInt8(ascii: "d") ? (byte >= 0x30 && byte <= 0x39) : byte == want
            }
            guard fits else { continue }
            var end = start + shape.count
            if end < text.count, text[end] == UInt8(ascii: ".") {
                var digits = end + 1
                while digits < text.count, digits - end <= 9, text[digits] >= 0x30, text[digits] <= 0x39 { digits += 1 }
                if digits > end + 1 { end = digits }
            }
            return String(decoding: text[start..<end], as: UTF8.self)
        }
        return nil
    }

    /// `latitude,longitude,altitude` from `[latitude: …] [longitude: …]` and `abs_alt: …`
    /// (`latitude,longitude,` without one), or nil.
    static func position(in text: [UInt8]) -> String? {
        guard let latitude = number(after: "latitude:", in: text), let longitude = number(after: "longitude:", in: text) else { return nil }
        return "\(latitude),\(longitude),\(number(after: "abs_alt:", in: text) ?? "")"
    }

    /// The decimal number written after `key` (spaces skipped), as written.
    static func number(after key: String, in text: [UInt8]) -> String? {
        let key = Array(key.utf8)
        guard text.count > key.count else { return nil }
        for start in 0...(text.count - key.count) where text[start..<(start + key.count)].elementsEqual(key) {
            var at = start + key.count
            while at < text.count, text[at] == UInt8(ascii: " ") { at += 1 }
            let begin = at
            while at < text.count, at - begin < 24, text[at] == UInt8(ascii: "-") || text[at] == UInt8(ascii: ".") || (text[at] >= 0x30 && text[at] <= 0x39) {
                at += 1
            }
            let number = String(decoding: text[begin..<at], as: UTF8.self)
            return Double(number) != nil ? number : nil
        }
        return nil
    }
}
