internal import Crypto
import DFCCore
import Foundation

/// The pieces of a C2SP signed note (c2sp.org/signed-note) that DFC writes and reads:
/// key names for actors, Ed25519 key IDs, signature lines and verifier keys.
///
/// A note is its text (ending in a newline), a blank line, then one line per signature:
/// `— <key name> base64(key ID || Ed25519 signature of the text)`. The key ID is the first
/// four bytes of SHA-256(key name || 0x0A || 0x01 || public key).
package enum SignedNote {
    /// The em dash and space that open a signature line.
    package static let signaturePrefix = "\u{2014} "
    /// Where DFC's key names and origins live: `.invalid` names nothing on any network.
    package static let namespace = "dfc.invalid"
    /// The Ed25519 signature type byte.
    package static let ed25519: UInt8 = 0x01

    /// The note key name of an actor. Key names may not hold spaces or `+`, and actor names
    /// hold spaces, so those (and `%`, for reversibility) are percent-encoded:
    /// `Insp. A. Khan` → `dfc.invalid/actor/Insp.%20A.%20Khan`.
    package static func keyName(actor: String) -> String {
        var encoded = ""
        for scalar in actor.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "+" || scalar == "%" || scalar.value < 0x20 {
                for byte in String(scalar).utf8 { encoded += String(format: "%%%02X", byte) }
            } else {
                encoded.unicodeScalars.append(scalar)
            }
        }
        return namespace + "/actor/" + encoded
    }

    /// The actor a DFC key name names, or nil for a key name that is not DFC's.
    package static func actor(keyName: String) -> String? {
        let prefix = namespace + "/actor/"
        guard keyName.hasPrefix(prefix) else { return nil }
        return String(keyName.dropFirst(prefix.count)).removingPercentEncoding
    }

    /// The checkpoint origin of a log, named by the hash of its first event.
    package static func origin(logID: String) -> String { namespace + "/custody/" + logID }

    /// The log ID an origin names, or nil.
    package static func logID(origin: String) -> String? {
        let prefix = namespace + "/custody/"
        guard origin.hasPrefix(prefix) else { return nil }
        let id = String(origin.dropFirst(prefix.count))
        return id.count == 64 && Hex.isHex(id) ? id.lowercased() : nil
    }

    /// SHA-256(key name || 0x0A || 0x01 || public key)[:4], big-endian.
    package static func keyID(keyName: String, publicKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(keyName.utf8) + [0x0A, ed25519] + publicKey)
        return Array(hasher.finalize()).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A verifier key in the form Go's `golang.org/x/mod/sumdb/note` reads:
    /// `<name>+<key ID, 8 hex digits>+base64(0x01 || public key)`.
    package static func verifierKey(keyName: String, publicKey: [UInt8]) -> String {
        keyName + "+" + String(format: "%08x", keyID(keyName: keyName, publicKey: publicKey)) + "+"
            + Data([ed25519] + publicKey).base64EncodedString()
    }

    /// The key name and public key of a verifier key, when it is a well-formed Ed25519 one
    /// whose key ID matches.
    package static func parseVerifierKey(_ text: String) -> (keyName: String, publicKey: [UInt8])? {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let id = UInt32(parts[1], radix: 16), parts[1].count == 8,
              let key = Data(base64Encoded: String(parts[2])), key.count == 33, key.first == ed25519 else { return nil }
        let name = String(parts[0]), publicKey = Array(key.dropFirst())
        return keyID(keyName: name, publicKey: publicKey) == id ? (name, publicKey) : nil
    }

    /// One signature line (with its newline).
    package static func signatureLine(keyName: String, keyID: UInt32, signature: [UInt8]) -> String {
        let id: [UInt8] = [UInt8(keyID >> 24), UInt8(keyID >> 16 & 0xff), UInt8(keyID >> 8 & 0xff), UInt8(keyID & 0xff)]
        return signaturePrefix + keyName + " " + Data(id + signature).base64EncodedString() + "\n"
    }

    /// A note split into its text and its signatures (key name, key ID, signature bytes).
    package struct Parsed {
        package var text: String
        package var signatures: [(keyName: String, keyID: UInt32, signature: [UInt8])]
    }

    /// Splits a signed note at its last blank line. Nil when it is not one.
    package static func parse(_ note: String) -> (Parsed?, String) {
        guard note.hasSuffix("\n") else { return (nil, "it does not end in a newline") }
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            return (nil, "it holds control characters (a signed note may hold none but newlines)")
        }
        guard let split = note.range(of: "\n\n", options: .backwards) else {
            return (nil, "it has no blank line between its text and its signatures")
        }
        let text = String(note[..<note.index(after: split.lowerBound)])
        let lines = note[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty else { return (nil, "it has no signature lines") }
        var signatures: [(String, UInt32, [UInt8])] = []
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard line.hasPrefix(signaturePrefix), parts.count == 3, !parts[1].isEmpty,
                  let bytes = Data(base64Encoded: String(parts[2])), bytes.count > 4 else {
                return (nil, "\"\(line.prefix(40))\" is not a signature line (— name base64)")
            }
            let id = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append((String(parts[1]), id, Array(bytes.dropFirst(4))))
        }
        return (Parsed(text: text, signatures: signatures), "")
    }
}
