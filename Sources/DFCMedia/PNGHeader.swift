import DFCCore

/// The width and height of a PNG from its signature and IHDR chunk (the first 24 bytes),
/// without decoding anything.
package enum PNGHeader {
    package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    package static func size(of png: [UInt8]) -> (Int, Int)? {
        guard png.count >= 24, Array(png[0..<8]) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else { return nil }
        let number = { (at: Int) in png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }
}
