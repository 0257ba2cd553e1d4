@testable import DFCKit
import Foundation
import Testing

/// DFC's PDQ against Meta's reference (PyPI `pdqhash`, built from the C++ source by
/// Scripts/install-oracles): the same RGB pixels must give the same 256 bits and quality.
@Suite struct PDQTests {
    /// A picture with structure at several scales and deterministic noise, so that each
    /// seed gives a different hash and the median threshold is exercised.
    static func picture(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let cx = Double(width) * Double(seed % 7 + 1) / 8, cy = Double(height) * Double(seed % 5 + 1) / 6
        for y in 0..<height {
            for x in 0..<width {
                let ring = sin(((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot() / Double(seed % 9 + 3))
                let block = ((x / max(1, width / 6)) + (y / max(1, height / 4)) + Int(seed)) % 3
                let base = 128 + 90 * ring
                let i = (y * width + x) * 3
                rgb[i] = UInt8(clamping: Int(base) + block * 30 - 30 + Int(next() % 24))
                rgb[i + 1] = UInt8(clamping: Int(255 - base) + Int(next() % 16))
                rgb[i + 2] = UInt8(clamping: (x * 255 / width + y * 97 / height + Int(next() % 8)) % 256)
            }
        }
        return rgb
    }

    static func reference(_ rgb: [UInt8], width: Int, height: Int) throws -> String {
        let file = TestSupport.temporaryDirectory() + "/picture.rgb"
        try Data(rgb).write(to: URL(fileURLWithPath: file))
        let run = try TestSupport.run(TestSupport.oraclePython, [TestSupport.script("pdq-oracle"), "image", file, String(width), String(height)])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: [(64, 64), (352, 288), (640, 360), (1280, 720), (101, 77), (5, 5), (300, 7), (1920, 1080)])
    func equalsTheReferenceBitForBit(size: (Int, Int)) throws {
        let (width, height) = size
        for seed in UInt64(1)...3 {
            let rgb = Self.picture(width: width, height: height, seed: seed)
            let ours = rgb.withUnsafeBytes { PDQ.hash(rgb: $0, width: width, height: height, stride: width * 3) }
            #expect("\(ours.hex) \(ours.quality)" == (try Self.reference(rgb, width: width, height: height)), "\(width)×\(height) seed \(seed)")
        }
    }

    @Test func aPictureUnderFivePixelsHasAZeroHash() {
        let rgb = [UInt8](repeating: 200, count: 4 * 40 * 3)
        let hash = rgb.withUnsafeBytes { PDQ.hash(rgb: $0, width: 4, height: 40, stride: 12) }
        #expect(hash.hex == String(repeating: "0", count: 64) && hash.quality == 0)
    }

    @Test func hexRoundTripsAndDistanceCountsBits() throws {
        let hex = "9b51cd53448b66a523c5334311e349a76cc7e44ec66e9a3cba3d99343c3ebc4c"
        let hash = try #require(PDQHash(hex: hex, quality: 100))
        #expect(hash.hex == hex)
        var other = hash
        other.words[0] ^= 0b1011
        other.words[15] ^= 0x8000
        #expect(hash.distance(to: other) == 4 && other.hex.hasPrefix("1b51") && other.hex.hasSuffix("bc47"))
        #expect(PDQHash(hex: "xyz") == nil && PDQHash(hex: String(hex.dropLast())) == nil)
    }

    /// Words of the wrong count make a hash of the first 16, zero-filled: never a trap.
    @Test func wordsOfTheWrongCountAreCutOrFilled() {
        #expect(PDQHash(words: [1, 2], quality: 50).words == [1, 2] + [UInt16](repeating: 0, count: 14))
        let seventeen = (1...17).map(UInt16.init)
        #expect(PDQHash(words: seventeen, quality: 50).words == Array(seventeen.prefix(16)))
        #expect(PDQHash(words: [], quality: 0) == PDQHash(words: [UInt16](repeating: 0, count: 16), quality: 0))
    }
}
