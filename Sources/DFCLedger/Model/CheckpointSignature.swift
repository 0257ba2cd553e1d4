import Foundation
import DFCCore

/// One signature on a checkpoint: who signed, under which note key name and key ID, and
/// the Ed25519 signature of the checkpoint's text.
public struct CheckpointSignature: Sendable, Equatable {
    /// The actor who signed (for a key that is not a DFC actor's, its key name).
    public let signer: String
    /// The C2SP note key name (`dfc.invalid/actor/…`).
    public let keyName: String
    /// The C2SP key ID: the first four bytes of SHA-256(key name, 0x0A, 0x01, public key).
    public let keyID: UInt32
    /// The Ed25519 signature, 64 bytes as 128 hex digits (for a foreign key, its bytes as they came).
    public let signature: String
    /// Whether the key name is not a DFC actor's: C2SP has verifiers ignore such signatures.
    public let isForeign: Bool
    /// For a "DFC checkpoint v1": the public key, role and time the old format carried.
    public let publicKey: String?
    /// The signer's role (old format only).
    public let role: String?
    /// When it was signed (old format only).
    public let time: String?

    package init(signer: String, keyID: UInt32, signature: String) {
        self.signer = signer
        keyName = SignedNote.keyName(actor: signer)
        self.keyID = keyID
        self.signature = signature
        isForeign = false
        publicKey = nil
        role = nil
        time = nil
    }

    package init(foreign keyName: String, keyID: UInt32, bytes: [UInt8]) {
        signer = keyName
        self.keyName = keyName
        self.keyID = keyID
        signature = Hex.string(bytes)
        isForeign = true
        publicKey = nil
        role = nil
        time = nil
    }

    package init(legacySigner signer: String, role: String, time: String, publicKey: String, signature: String) {
        self.signer = signer
        keyName = signer
        keyID = 0
        self.signature = signature
        isForeign = false
        self.publicKey = publicKey
        self.role = role
        self.time = time
    }

    /// The signature line of a signed note.
    package var line: String {
        SignedNote.signatureLine(keyName: keyName, keyID: keyID, signature: Hex.bytes(signature) ?? [])
    }
}
