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

    /// Checks one signature of a C2SP signed note (c2sp.org/signed-note), as that text
    /// specifies it: the text ends at the last blank line; a signature line is an em dash,
    /// a space, the key name, a space and base64(key ID || Ed25519 signature of the text);
    /// the key ID is SHA-256(key name || 0x0A || 0x01 || public key)[:4], big-endian.
    static func noteSignatureIsValid(_ note: String, keyName: String, publicKey: Bytes) -> Bool {
        guard let blank = note.range(of: "\n\n", options: .backwards),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        let text = String(note[...blank.lowerBound])
        let keyID = Array(sha256(Array(keyName.utf8), [0x0A, 0x01], publicKey).prefix(4))
        for line in note[blank.upperBound...].split(separator: "\n") where line.hasPrefix("\u{2014} \(keyName) ") {
            guard let bytes = Data(base64Encoded: String(line.split(separator: " ").last ?? "")), bytes.count == 68,
                  Array(bytes.prefix(4)) == keyID else { continue }
            return key.isValidSignature(bytes.dropFirst(4), for: Data(text.utf8))
        }
        return false
    }

    /// The three lines of a C2SP tlog-checkpoint's text: origin, tree size, root hash.
    static func checkpointHead(_ note: String) -> (origin: String, size: Int, root: Bytes) {
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 3 else { return ("", -1, []) }
        return (lines[0], Int(lines[1]) ?? -1, Array(Data(base64Encoded: lines[2]) ?? Data()))
    }

    /// A DFC actor's note key name: `dfc.invalid/actor/` and the name with spaces as %20.
    static func keyName(_ actor: String) -> String {
        "dfc.invalid/actor/" + actor.replacingOccurrences(of: " ", with: "%20")
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
