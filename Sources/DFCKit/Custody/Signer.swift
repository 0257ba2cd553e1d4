internal import Crypto
import Foundation

/// An actor able to sign: the name and role every event records, and the private key
/// that signs it. Made only from a key file that matches the key the catalog registered.
/// Immutable once made (swift-crypto's key value is not marked Sendable, but never changes), so
/// the threads of one worker host share it.
struct Signer: @unchecked Sendable {
    let name: String
    let role: ActorRole
    let key: Curve25519.Signing.PrivateKey

    /// The public key as the payloads name it: 32 bytes, 64 hex digits.
    var publicKeyHex: String { Hex.string(key.publicKey.rawRepresentation) }

    /// The C2SP signed-note key name and key ID this actor signs checkpoints under.
    var noteKeyName: String { SignedNote.keyName(actor: name) }
    var noteKeyID: UInt32 { SignedNote.keyID(keyName: noteKeyName, publicKey: Array(key.publicKey.rawRepresentation)) }

    /// Ed25519 over `message`, 64 bytes as 128 hex digits.
    func sign(_ message: Data) throws -> String {
        Hex.string(try key.signature(for: message))
    }

    /// Whether `signature` (hex) is `publicKey`'s (hex) Ed25519 signature of `message`.
    static func isValid(signature: String, of message: Data, publicKey: String) -> Bool {
        guard let signatureBytes = Hex.bytes(signature), signatureBytes.count == 64,
              let keyBytes = Hex.bytes(publicKey), keyBytes.count == 32,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        else { return false }
        return key.isValidSignature(signatureBytes, for: message)
    }
}
