/// One signing SEI of ONVIF Media Signing or Axis Signed Video: a `user_data_unregistered` SEI
/// message with the framework's UUID, a reserved byte, then tag–length–value fields.
///
/// Written from the frameworks' published formats: ONVIF's tags have a two-byte length; Axis's
/// general and crypto-information tags a one-byte one, the others two. Every field is checked
/// against the bytes that hold it; a field that does not fit makes the SEI unreadable, never a crash.
package struct SigningSEI {
    package enum Framework: String, Sendable {
        case onvif, axis

        static let onvifUUID: [UInt8] = [0x00, 0x5b, 0xc9, 0x3f, 0x2d, 0x71, 0x5e, 0x95, 0xad, 0xa4, 0x79, 0x6f, 0x90, 0x87, 0x7a, 0x6f]
        static let axisUUID: [UInt8] = Array("Signed Video...0".utf8)
    }

    /// Why a SEI could not be read.
    package struct Unreadable: Error {
        package let reason: String
    }

    package var framework: Framework
    /// The reserved byte's flags: the signed bytes include emulation prevention; a "golden" SEI.
    package var signedWithEmulationPrevention = false
    package var golden = false
    package var gopCounter: Int64?
    package var nalUnitCount: Int?
    package var triggeredByPartialGOP = false
    package var startTimestamp: Int64?
    package var endTimestamp: Int64?
    package var signingSoftware: String?
    /// The hash over the GOP's NAL unit hashes, and the hash linking to the GOP before.
    package var gopHash: [UInt8]?
    package var linkedHash: [UInt8]?
    /// The NAL unit hashes, in order, when the signer wrote them.
    package var hashList: [[UInt8]]?
    package var hashAlgorithmOID: [UInt8]?
    package var signature: [UInt8]?
    /// Where, in the unescaped NAL unit, the signature tag starts (what precedes it is signed).
    package var signatureTagOffset: Int?
    /// PEM text: a certificate chain (ONVIF) or a public key (Axis).
    package var certificatesPEM: String?
    package var publicKeyPEM: String?
    package var manufacturer: String?
    package var serialNumber: String?
    package var firmwareVersion: String?
    package var hardwareID: String?
    package var address: String?
    package var hasVendorData = false

    /// Which framework's UUID a `user_data_unregistered` payload starts with.
    package static func framework(of payload: ArraySlice<UInt8>) -> Framework? {
        guard payload.count >= 17 else { return nil }
        let uuid = Array(payload.prefix(16))
        if uuid == Framework.onvifUUID { return .onvif }
        if uuid == Framework.axisUUID { return .axis }
        return nil
    }

    /// Reads the SEI whose payload is `bytes[payload]`; `bytes` is the unescaped NAL unit.
    package init(framework: Framework, bytes: [UInt8], payload: Range<Int>) throws(Unreadable) {
        self.framework = framework
        guard payload.count >= 17 else { throw Unreadable(reason: "the payload is shorter than its UUID and reserved byte") }
        let reserved = bytes[payload.lowerBound + 16]
        signedWithEmulationPrevention = reserved & 0x80 != 0
        golden = reserved & 0x40 != 0
        var offset = payload.lowerBound + 17
        var tags = 0
        while offset < payload.upperBound {
            tags += 1
            guard tags <= 64 else { throw Unreadable(reason: "more than 64 fields") }
            let tag = bytes[offset]
            let lengthBytes = framework == .axis && (tag == 1 || tag == 7) ? 1 : 2
            guard offset + 1 + lengthBytes <= payload.upperBound else { throw Unreadable(reason: "field \(tag) has no room for its length") }
            var length = 0
            for index in 0..<lengthBytes { length = length << 8 | Int(bytes[offset + 1 + index]) }
            let start = offset + 1 + lengthBytes
            guard length >= 1, length <= payload.upperBound - start else {
                throw Unreadable(reason: "field \(tag) claims \(length) bytes, \(payload.upperBound - start) are left")
            }
            let value = Array(bytes[start..<(start + length)])
            try read(tag: tag, value: value, at: offset)
            offset = start + length
        }
        if let list = hashListBytes {
            let size = hashSize
            guard list.count % size == 0 else { throw Unreadable(reason: "the hash list's \(list.count) bytes are not whole \(size)-byte hashes") }
            hashList = stride(from: 0, to: list.count, by: size).map { Array(list[$0..<($0 + size)]) }
        }
    }

    private var hashListBytes: [UInt8]?

    private mutating func read(tag: UInt8, value: [UInt8], at offset: Int) throws(Unreadable) {
        var reader = FieldReader(bytes: value, tag: tag)
        switch (framework, tag) {
        case (.onvif, 1): try readONVIFGeneral(&reader)
        case (.axis, 1): try readAxisGeneral(&reader)
        case (.onvif, 2), (.axis, 4):
            _ = try reader.byte()
            hashListBytes = reader.rest()
        case (.onvif, 3), (.axis, 5):
            let version = try reader.byte()
            if framework == .axis {
                _ = try reader.byte()  // the signer's encoding status
                if version < 2 { _ = try reader.byte() }
            }
            let size = try reader.integer(2)
            signature = try reader.bytes(Int(size))
            signatureTagOffset = offset
        case (.onvif, 4), (.axis, 7):
            _ = try reader.byte()
            hashAlgorithmOID = try reader.bytes(Int(try reader.byte()))
        case (.onvif, 5):
            _ = try reader.byte()
            firmwareVersion = try reader.text(Int(try reader.byte()))
            serialNumber = try reader.text(Int(try reader.byte()))
            manufacturer = try reader.text(Int(try reader.byte()))
        case (.axis, 3):
            _ = try reader.byte()
            hardwareID = try reader.text(Int(try reader.byte()))
            firmwareVersion = try reader.text(Int(try reader.byte()))
            serialNumber = try reader.text(Int(try reader.byte()))
            manufacturer = try reader.text(Int(try reader.byte()))
            address = try reader.text(Int(try reader.byte()))
        case (.onvif, 6):
            _ = try reader.byte()
            _ = try reader.byte()  // provisioned by the user, not the maker
            certificatesPEM = String(decoding: reader.rest(), as: UTF8.self)
        case (.axis, 2):
            let version = try reader.byte()
            if version < 2 { _ = try reader.byte() }
            publicKeyPEM = String(decoding: reader.rest(), as: UTF8.self)
        case (.onvif, 7), (.axis, 6):
            break  // arbitrary data: signed, not interpreted
        case (.axis, 129):
            hasVendorData = true
        default:
            throw Unreadable(reason: "unknown field tag \(tag)")
        }
    }

    private mutating func readONVIFGeneral(_ reader: inout FieldReader) throws(Unreadable) {
        let version = try reader.byte()
        guard (1...2).contains(version) else { throw Unreadable(reason: "general field version \(version) is not one DFC reads") }
        signingSoftware = try reader.bytes(3).map(String.init).joined(separator: ".")
        triggeredByPartialGOP = try reader.byte() != 0
        startTimestamp = Int64(bitPattern: try reader.integer(8))
        endTimestamp = version >= 2 ? Int64(bitPattern: try reader.integer(8)) : startTimestamp
        gopCounter = Int64(try reader.integer(4))
        nalUnitCount = Int(try reader.integer(2))
        try readHashPair(&reader, gopFirst: true)
    }

    private mutating func readAxisGeneral(_ reader: inout FieldReader) throws(Unreadable) {
        let version = try reader.byte()
        guard (1...4).contains(version) else { throw Unreadable(reason: "general field version \(version) is not one DFC reads") }
        gopCounter = Int64(try reader.integer(4))
        nalUnitCount = Int(try reader.integer(2))
        signingSoftware = try reader.bytes(3).map(String.init).joined(separator: ".")
        guard version >= 2 else { return }
        let flags = try reader.byte()
        triggeredByPartialGOP = flags & 2 != 0
        if flags & 1 != 0 {
            startTimestamp = Int64(bitPattern: try reader.integer(8))
            endTimestamp = version >= 4 ? Int64(bitPattern: try reader.integer(8)) : startTimestamp
        }
        if version >= 3 { try readHashPair(&reader, gopFirst: false) }
    }

    /// The rest of a general field: two hashes of equal size (ONVIF: GOP hash, linked hash;
    /// Axis: linked hash, GOP hash).
    private mutating func readHashPair(_ reader: inout FieldReader, gopFirst: Bool) throws(Unreadable) {
        let rest = reader.rest()
        guard rest.count % 2 == 0, rest.count <= 128 else { throw Unreadable(reason: "the general field's hashes are \(rest.count) bytes") }
        let first = Array(rest.prefix(rest.count / 2)), second = Array(rest.suffix(rest.count / 2))
        gopHash = gopFirst ? first : second
        linkedHash = gopFirst ? second : first
    }

    /// The size of one hash: from the crypto information, or the GOP hash's size, or SHA-256's.
    package var hashSize: Int {
        if let oid = hashAlgorithmOID, let size = Self.hashSizes[oid] { return size }
        if let size = gopHash?.count, size > 0 { return size }
        return 32
    }

    /// DER OIDs of SHA-256, SHA-384 and SHA-512 → their sizes.
    package static let hashSizes: [[UInt8]: Int] = [
        [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]: 32,
        [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02]: 48,
        [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03]: 64,
    ]
}

/// Reads big-endian fields from one TLV value, throwing when one runs past its end.
private struct FieldReader {
    let bytes: [UInt8]
    let tag: UInt8
    var index = 0

    mutating func byte() throws(SigningSEI.Unreadable) -> UInt8 {
        guard index < bytes.count else { throw SigningSEI.Unreadable(reason: "field \(tag) ends early") }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func integer(_ count: Int) throws(SigningSEI.Unreadable) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<count { value = value << 8 | UInt64(try byte()) }
        return value
    }

    mutating func bytes(_ count: Int) throws(SigningSEI.Unreadable) -> [UInt8] {
        guard count >= 0, count <= bytes.count - index else { throw SigningSEI.Unreadable(reason: "field \(tag) ends early") }
        defer { index += count }
        return Array(bytes[index..<(index + count)])
    }

    /// A string of `count` bytes, up to its first NUL.
    mutating func text(_ count: Int) throws(SigningSEI.Unreadable) -> String? {
        let raw = try bytes(count)
        let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        return text.isEmpty ? nil : text
    }

    mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return Array(bytes[index...])
    }
}
