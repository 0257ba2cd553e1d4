import Crypto
import Foundation

/// A small verifier written from RFC 9162 and the README's byte formats alone, sharing no
/// code with DFCKit: what an outside program holding DFC's printed checkpoints and proofs
/// would run. The tests check DFC's output with it.
enum IndependentVerifier {
    typealias Bytes = [UInt8]

    static func sha256(_ parts: Bytes...) -> Bytes {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        return Array(hasher.finalize())
    }

    static func leafHash(_ data: Bytes) -> Bytes { sha256([0x00], data) }
    static func nodeHash(_ left: Bytes, _ right: Bytes) -> Bytes { sha256([0x01], left, right) }

    /// RFC 9162, 2.1.3.2: verifying an inclusion proof.
    static func verifyInclusion(leafHash: Bytes, index: Int, size: Int, path: [Bytes], root: Bytes) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1
        var r = leafHash
        for p in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1; sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// RFC 9162, 2.1.4.2: verifying consistency between two tree heads.
    static func verifyConsistency(first: Int, second: Int, firstHash: Bytes, secondHash: Bytes, path: [Bytes]) -> Bool {
        guard first >= 0, first <= second else { return false }
        if first == second { return path.isEmpty && firstHash == secondHash }
        if first == 0 { return path.isEmpty }
        guard !path.isEmpty else { return false }
        var path = path
        if first & (first - 1) == 0 { path.insert(firstHash, at: 0) }
        var fn = first - 1, sn = second - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1; sn >>= 1
        }
        return fr == firstHash && sr == secondHash && sn == 0
    }

    /// `key value` lines of a printed checkpoint or proof; `path` lines collected in order.
    struct Fields {
        var values: [String: String] = [:]
        var path: [Bytes] = []

        init(_ text: String) {
            for line in text.split(separator: "\n").map(String.init) {
                guard let space = line.firstIndex(of: " ") else { continue }
                let key = String(line[..<space]), value = String(line[line.index(after: space)...])
                if key == "path" { path.append(hex(value)) } else if values[key] == nil { values[key] = value }
            }
        }

        subscript(_ key: String) -> String { values[key] ?? "" }
        func int(_ key: String) -> Int { Int(self[key]) ?? -1 }
        func bytes(_ key: String) -> Bytes { hex(self[key]) }
    }

    /// Checks a printed checkpoint's Ed25519 signature over its first eight lines.
    static func checkpointSignatureIsValid(_ text: String) -> Bool {
        let fields = Fields(text)
        let signed = text.split(separator: "\n").prefix { !$0.hasPrefix("signature ") }.map { $0 + "\n" }.joined()
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: fields.bytes("public_key")) else { return false }
        return key.isValidSignature(fields.bytes("signature"), for: Data(signed.utf8))
    }

    static func hex(_ text: String) -> Bytes {
        var out: Bytes = []
        var chars = Array(text.utf8)[...]
        while chars.count >= 2, let byte = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) {
            out.append(byte)
            chars = chars.dropFirst(2)
        }
        return out
    }

    static func hexString(_ bytes: Bytes) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
