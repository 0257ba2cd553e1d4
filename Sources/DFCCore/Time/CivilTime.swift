/// A date and time of day as a clock shows it, with the offset from UTC when the text gives
/// one: read strictly from ISO 8601 (`2026-11-03T14:32:00.5+05:00`, `…Z`, seconds optional, a space for `T`,
/// `+0500` for `+05:00`), from EXIF's `2026:11:03 14:32:00` and from `2026.11.03 14:32:00` (older
/// DJI telemetry); the date's two separators are the same. A field out of range (month 13,
/// 30 February, hour 24) is no time at all, never a rolled-over guess.
package struct CivilTime: Sendable, Equatable {
    package var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// Nanoseconds past the second, as written (to nine digits).
    package var nanoseconds: Int = 0
    /// Seconds east of UTC; nil when the text names no zone.
    package var offset: Int?

    /// Reads `text`, or nil when it is not a date and time of the forms above.
    package init?(parsing text: String) {
        var scanner = Digits(Array(text.utf8))
        guard let year = scanner.number(4), let separator = scanner.next(of: [UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: ".")]),
              let month = scanner.number(2), scanner.take([separator]),
              let day = scanner.number(2), scanner.take([UInt8(ascii: "T"), UInt8(ascii: " "), UInt8(ascii: "t")]),
              let hour = scanner.number(2), scanner.take([UInt8(ascii: ":")]),
              let minute = scanner.number(2) else { return nil }
        var second = 0
        let hasSeconds = scanner.take([UInt8(ascii: ":")])
        if hasSeconds {
            guard let value = scanner.number(2) else { return nil }
            second = value
        }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        if hasSeconds, scanner.take([UInt8(ascii: "."), UInt8(ascii: ",")]) {
            var digits = 0, value = 0
            while let digit = scanner.digit() {
                if digits < 9 { value = value * 10 + digit; digits += 1 }
                else if digits >= 18 { return nil }
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { value *= 10 }
            nanoseconds = value
        }
        if scanner.take([UInt8(ascii: "Z"), UInt8(ascii: "z")]) {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(2) else { return nil }
            _ = scanner.take([UInt8(ascii: ":")])
            guard let minutes = scanner.number(2), hours <= 14, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.atEnd, isValid else { return nil }
    }

    package init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanoseconds: Int = 0, offset: Int? = nil) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        self.nanoseconds = nanoseconds
        self.offset = offset
    }

    /// Whether every field is in range (a leap second, :60, is not accepted: no clock of ours writes one).
    package var isValid: Bool {
        guard (1...9999).contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60,
              day >= 1, day <= Self.days(in: month, of: year) else { return false }
        return true
    }

    package static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Milliseconds since 1970-01-01 of the clock's reading taken as UTC (its offset ignored).
    package var localMilliseconds: Int64 {
        // Days from the civil date (Howard Hinnant's algorithm), exact for every year here.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era) * 146_097 + Int64(doe) - 719_468
        return ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(nanoseconds / 1_000_000)
    }

    /// Milliseconds since 1970 UTC, when the zone is known.
    package var utcMilliseconds: Int64? { offset.map { localMilliseconds - Int64($0) * 1000 } }

    /// The reading as ISO 8601 without a zone, to the millisecond: `2026-11-03T14:32:00.000`.
    package var localText: String { Self.text(localMilliseconds) }

    /// `ms` since 1970 as `YYYY-MM-DDTHH:MM:SS.mmm` (UTC when `zone` is `Z`).
    /// A value outside the years 1 to 9999 (only an edited catalog row holds one) is written
    /// `out-of-range(N ms)`, never as a date.
    package static func text(_ ms: Int64, zone: String = "") -> String {
        guard ms >= -62_135_596_800_000, ms <= 253_402_300_799_999 else { return "out-of-range(\(ms) ms)" }
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let rest = ms - days * 86_400_000
        // Civil date from days (the inverse of the above).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3_600_000, 2)):\(pad(rest / 60_000 % 60, 2)):"
            + "\(pad(rest / 1000 % 60, 2)).\(pad(rest % 1000, 3))\(zone)"
    }

    /// An offset in seconds as ISO 8601 does: `Z`, `+05:30`, `-03:00`.
    package static func zoneText(_ offset: Int) -> String {
        guard offset != 0 else { return "Z" }
        let minutes = abs(offset) / 60
        return (offset < 0 ? "-" : "+") + (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }
}

/// Reads ASCII digits and separators off the front of a byte string.
private struct Digits {
    package let bytes: [UInt8]
    package var at = 0
    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package var atEnd: Bool { at == bytes.count }

    package mutating func digit() -> Int? {
        guard at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 else { return nil }
        defer { at += 1 }
        return Int(bytes[at] - 0x30)
    }

    package mutating func number(_ width: Int) -> Int? {
        var value = 0
        for _ in 0..<width {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    package mutating func take(_ any: [UInt8]) -> Bool { next(of: any) != nil }

    /// The next byte when it is one of `any` (taken), else nil (nothing taken).
    package mutating func next(of any: [UInt8]) -> UInt8? {
        guard at < bytes.count, any.contains(bytes[at]) else { return nil }
        at += 1
        return bytes[at - 1]
    }

    package mutating func sign() -> Int? {
        if take([UInt8(ascii: "+")]) { return 1 }
        if take([UInt8(ascii: "-")]) { return -1 }
        return nil
    }
}
