import Foundation

/// What MISB ST 0601 metadata (KLV in MPEG-TS, FFmpeg's `klv` data stream) says of time and
/// place: each UAS Datalink Local Set's precision time stamp (item 2, microseconds since 1970
/// UTC) and the sensor's latitude, longitude and true altitude (items 13, 14, 15).
///
/// It runs in the worker over hostile bytes: lengths are bounds-checked, a set whose checksum
/// (item 1) does not match is not used, and only the first and last reading of each kind (with
/// the packet's presentation time) are kept.
package struct MISBTelemetry: Sendable {
    package let stream: Int
    package private(set) var sets = 0
    package private(set) var readings = TelemetryReadings()
    /// Sets not used: a checksum that does not match, or a length past the packet.
    package private(set) var rejected = 0
    package private(set) var problems: [String] = []

    /// The UAS Datalink Local Set's universal key (byte 7, the registry's version, may vary).
    package static let key: [UInt8] = [0x06, 0x0E, 0x2B, 0x34, 0x02, 0x0B, 0x01, 0x01, 0x0E, 0x01, 0x03, 0x01, 0x01, 0x00, 0x00, 0x00]

    package init(stream: Int) { self.stream = stream }

    /// Reads one packet of the stream, presented at `seconds` into the recording (nil when it has no time).
    package mutating func read(_ bytes: [UInt8], at seconds: Double?) {
        var at = 0
        while bytes.count - at >= Self.key.count + 1 {
            guard bytes[at..<(at + 16)].enumerated().allSatisfy({ $0.offset == 7 || $0.element == Self.key[$0.offset] }) else { return }
            guard let (length, lengthEnd) = Self.ber(bytes, at: at + 16), length <= bytes.count - lengthEnd else {
                reject("a local set at byte \(at) declares more bytes than the packet holds")
                return
            }
            let end = lengthEnd + length
            readSet(bytes, from: at, values: lengthEnd, to: end, at: seconds)
            at = end
        }
    }

    /// The readings as tags (`misb.*`), as the worker reports them with the container's.
    package var tags: [String: String] {
        guard sets > 0 || rejected > 0 else { return [:] }
        return ["misb.stream": String(stream), "misb.local_sets": String(sets), "misb.local_sets_rejected": String(rejected)]
            .merging(readings.tags(prefix: "misb", time: "precision_time", position: "sensor_position")) { $1 }
    }

    /// One local set, `bytes[from..<end]` with its items from `values`.
    private mutating func readSet(_ bytes: [UInt8], from start: Int, values: Int, to end: Int, at seconds: Double?) {
        var items: [Int: ArraySlice<UInt8>] = [:]
        var at = values
        while at < end {
            var tag = 0, tagBytes = 0
            while at < end, tagBytes < 4 {
                tag = tag << 7 | Int(bytes[at] & 0x7F)
                tagBytes += 1
                at += 1
                if bytes[at - 1] & 0x80 == 0 { break }
            }
            guard let (length, valueStart) = Self.ber(bytes, at: at), valueStart <= end, length <= end - valueStart else {
                reject("local set \(sets + rejected + 1): item \(tag) runs past the set")
                return
            }
            if tag == 1 {
                // The checksum covers every byte from the key to the checksum's own length.
                let covered = bytes[start..<valueStart]
                let sum = covered.enumerated().reduce(UInt16(0)) { $0 &+ UInt16($1.element) << (8 * UInt16(($1.offset + 1) % 2)) }
                guard length == 2, UInt16(bytes[valueStart]) << 8 | UInt16(bytes[valueStart + 1]) == sum else {
                    reject("local set \(sets + rejected + 1): its checksum does not match; not used")
                    return
                }
            }
            if items[tag] == nil { items[tag] = bytes[valueStart..<(valueStart + length)] }
            at = valueStart + length
        }
        guard items[1] != nil else { reject("local set \(sets + rejected + 1) has no checksum; not used"); return }
        sets += 1
        guard let seconds, seconds.isFinite else { return }
        if let time = items[2], time.count == 8 {
            readings.time(String(time.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }), at: seconds)
        }
        func signed(_ tag: Int) -> Int32? {
            guard let value = items[tag], value.count == 4 else { return nil }
            let raw = Int32(bitPattern: value.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            return raw == Int32.min ? nil : raw   // 0x80000000: "reserved", no reading
        }
        if let latitude = signed(13), let longitude = signed(14) {
            let altitude = items[15].flatMap { $0.count == 2 ? Double(UInt16($0[$0.startIndex]) << 8 | UInt16($0[$0.startIndex + 1])) * 19900 / 65535 - 900 : nil }
            readings.fix(String(format: "%.7f,%.7f,", Double(latitude) * 90 / Double(Int32.max), Double(longitude) * 180 / Double(Int32.max))
                + (altitude.map { String(format: "%.1f", $0) } ?? ""), at: seconds)
        }
    }

    private mutating func reject(_ problem: String) {
        rejected += 1
        if problems.count < GPMFTelemetry.maxProblems { problems.append(problem) }
    }

    /// A BER length at `at` (short form, or long form of up to four bytes) and where its value begins.
    package static func ber(_ bytes: [UInt8], at: Int) -> (Int, Int)? {
        guard at < bytes.count else { return nil }
        let first = Int(bytes[at])
        guard first & 0x80 != 0 else { return (first, at + 1) }
        let count = first & 0x7F
        guard count >= 1, count <= 4, at + count < bytes.count else { return nil }
        return (bytes[(at + 1)...(at + count)].reduce(0) { $0 << 8 | Int($1) }, at + 1 + count)
    }
}
