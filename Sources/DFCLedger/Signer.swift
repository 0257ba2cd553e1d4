package import Crypto
import DFCCore
import Foundation

/// An actor able to sign: the name and role every event records, and the private key
/// that signs it. Made only from a key file that matches the key the catalog registered.
/// Immutable once made (swift-crypto's key value is not marked Sendable, but never changes), so
/// the threads of one worker host share it.
package struct Signer: @unchecked Sendable {
    package let name: String
    package let role: ActorRole
    package let key: Curve25519.Signing.PrivateKey

    /// A signer of this name and role with this private key.
    package init(name: String, role: ActorRole, key: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.role = role
        self.key = key
    }

    /// The public key as the payloads name it: 32 bytes, 64 hex digits.
    package var publicKeyHex: String { Hex.string(key.publicKey.rawRepresentation) }

    /// The C2SP signed-note key name and key ID this actor signs checkpoints under.
    package var noteKeyName: String { SignedNote.keyName(actor: name) }
    package var noteKeyID: UInt32 { SignedNote.keyID(keyName: noteKeyName, publicKey: Array(key.publicKey.rawRepresentation)) }

    /// Ed25519 over `message`, 64 bytes as 128 hex digits.
    package func sign(_ message: Data) throws -> String {
        Hex.string(try key.signature(for: message))
    }

    /// Whether `signature` (hex) is `publicKey`'s (hex) Ed25519 signature of `message`.
    package static func isValid(signature: String, of message: Data, publicKey: String) -> Bool {
        guard let signatureBytes = Hex.bytes(signature), signatureBytes.count == 64,
              let keyBytes = Hex.bytes(publicKey), keyBytes.count == 32,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        else { return false }
        return key.isValidSignature(signatureBytes, for: message)
    }
}
