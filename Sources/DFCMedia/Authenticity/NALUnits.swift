/// The NAL units of H.264 and H.265 packets, as the signing frameworks see them: split from a
/// packet (length-prefixed as MP4 and Matroska store them, or Annex B with start codes as raw
/// `.h264`/`.h265` files and MPEG-TS carry them), classified, and unescaped where a SEI is read.
///
/// Every read is bounds-checked: a packet is hostile input.
package struct NALUnits {
    /// The two codecs the frameworks sign.
    package enum Family: Sendable {
        case h264, h265

        /// FFmpeg's codec name → family; nil for codecs the frameworks do not sign.
        package init?(codec: String) {
            switch codec {
            case "h264": self = .h264
            case "hevc", "h265": self = .h265
            default: return nil
            }
        }

        var headerLength: Int { self == .h264 ? 1 : 2 }
    }

    /// What a NAL unit is, for signing.
    package enum Kind: Equatable {
        /// A slice of an intra (IDR/IRAP) picture; `first` when it is the picture's first slice.
        case intra(first: Bool)
        /// A slice of another picture the frameworks hash (H.264 type 1; H.265 TRAIL).
        case inter
        /// A SEI NAL unit.
        case sei
        /// Anything else (parameter sets, delimiters, slices the frameworks leave out).
        case other
    }

    package let family: Family
    /// Bytes in each length prefix (MP4/Matroska), or nil for Annex B.
    package let lengthSize: Int?

    /// Reads the prefix length from the stream's extradata (`avcC`/`hvcC`); Annex B when the
    /// extradata is empty or itself in Annex B.
    package init(family: Family, extradata: [UInt8]) {
        self.family = family
        if extradata.first == 1 {
            switch family {
            case .h264 where extradata.count >= 5: lengthSize = Int(extradata[4] & 3) + 1
            case .h265 where extradata.count >= 22: lengthSize = Int(extradata[21] & 3) + 1
            default: lengthSize = nil
            }
        } else {
            lengthSize = nil
        }
    }

    /// Calls `body` with each NAL unit of `packet`, without start code or length, trailing zero
    /// bytes removed (as the frameworks hash them). A length that runs past the packet ends it.
    package func forEach(in packet: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        let bytes = packet.bindMemory(to: UInt8.self)
        if let lengthSize, Self.prefixedLengthFits(bytes, lengthSize) {
            var offset = 0
            while offset + lengthSize <= bytes.count {
                var length = 0
                for index in 0..<lengthSize { length = length << 8 | Int(bytes[offset + index]) }
                offset += lengthSize
                guard length > 0, length <= bytes.count - offset else { break }
                body(Self.trimmed(UnsafeRawBufferPointer(rebasing: packet[offset..<(offset + length)])))
                offset += length
            }
            return
        }
        // Annex B: a unit runs from after a start code to the next 00 00 00 or 00 00 01.
        var index = 0
        var start: Int? = nil
        while index + 2 < bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] <= 1 {
                if let begin = start { body(Self.trimmed(UnsafeRawBufferPointer(rebasing: packet[begin..<index]))); start = nil }
                if bytes[index + 2] == 1 { start = index + 3; index += 3; continue }
            }
            index += 1
        }
        if let begin = start, begin < bytes.count { body(Self.trimmed(UnsafeRawBufferPointer(rebasing: packet[begin...]))) }
    }

    /// What `unit` is.
    package func kind(of unit: UnsafeRawBufferPointer) -> Kind {
        guard unit.count > family.headerLength else { return .other }
        let first = unit[family.headerLength] & 0x80 != 0
        switch family {
        case .h264:
            guard unit[0] & 0x80 == 0 else { return .other }
            switch unit[0] & 0x1f {
            case 5: return .intra(first: first)
            case 1: return .inter
            case 6: return .sei
            default: return .other
            }
        case .h265:
            guard unit[0] & 0x80 == 0, unit[1] & 0x07 != 0 else { return .other }
            switch (unit[0] >> 1) & 0x3f {
            case 16...21: return .intra(first: first)
            case 0, 1: return .inter
            case 39, 40: return .sei
            default: return .other
            }
        }
    }

    /// The SEI messages of a SEI NAL unit: `(type, payload)` with the payload's bytes as they are
    /// in `unescaped`, where `unescaped` is the unit with emulation prevention removed (or, when
    /// the payloads' sizes only fit the bytes as written, as written: some signers write
    /// `00 00 00` into a SEI without emulation prevention, which MP4's length prefixes carry).
    package func seiMessages(_ unit: [UInt8]) -> (unescaped: [UInt8], removed: [Int], messages: [(type: Int, payload: Range<Int>)])? {
        let (clean, removed) = Self.unescape(unit)
        let unescaped = Self.messages(clean, from: family.headerLength)
        if let unescaped, unescaped.exact || removed.isEmpty { return (clean, removed, unescaped.messages) }
        if !removed.isEmpty, let written = Self.messages(unit, from: family.headerLength), written.exact { return (unit, [], written.messages) }
        return unescaped.map { (clean, removed, $0.messages) }
    }

    /// Parses `sei_message()`s up to the RBSP stop bit; nil when a size runs past the end.
    /// `exact` when the last message ends just before the stop byte, as a well-formed SEI does.
    private static func messages(_ bytes: [UInt8], from start: Int) -> (messages: [(type: Int, payload: Range<Int>)], exact: Bool)? {
        var result: [(type: Int, payload: Range<Int>)] = []
        var index = start
        func value() -> Int? {
            var total = 0
            while index < bytes.count, bytes[index] == 0xff { total += 255; index += 1 }
            guard index < bytes.count else { return nil }
            total += Int(bytes[index]); index += 1
            return total
        }
        while index < bytes.count, !(bytes[index] == 0x80 && index == bytes.count - 1) {
            guard result.count < 64, let type = value(), let size = value(), size <= bytes.count - index else { return nil }
            result.append((type, index..<(index + size)))
            index += size
        }
        return result.isEmpty ? nil : (result, index == bytes.count - 1)
    }

    /// Removes emulation prevention bytes (`00 00 03` → `00 00`); `removed` holds, for each byte
    /// removed, the index in the result of the byte that followed it.
    package static func unescape(_ bytes: [UInt8]) -> (bytes: [UInt8], removed: [Int]) {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var removed: [Int] = []
        var zeros = 0
        for byte in bytes {
            if zeros >= 2 && byte == 3 { removed.append(result.count); zeros = 0; continue }
            result.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return (result, removed)
    }

    /// Whether the packet's first length prefix fits in it (a muxer that wrote Annex B into an
    /// MP4 gives a first "length" of 1 or 0x000001xx past the packet's end, most often).
    private static func prefixedLengthFits(_ bytes: UnsafeBufferPointer<UInt8>, _ lengthSize: Int) -> Bool {
        guard bytes.count > lengthSize else { return false }
        var length = 0
        for index in 0..<lengthSize { length = length << 8 | Int(bytes[index]) }
        return length > 1 && length <= bytes.count - lengthSize
    }

    private static func trimmed(_ unit: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var end = unit.count
        while end > 0 && unit[end - 1] == 0 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: unit[0..<end])
    }
}
