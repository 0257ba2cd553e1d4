import Foundation
import DFCCore

extension Checkpoint {
    /// How a checkpoint's signatures stand against a set of known keys.
    public struct Verification: Sendable, Equatable {
        /// Actors whose signature verifies with the key known for them.
        public var valid: [String] = []
        /// Actors with a known key whose signature does not verify.
        public var invalid: [String] = []
        /// Signatures of keys not known (another name, or another key under a known name): ignored, as C2SP says.
        public var unknown: [String] = []

        /// At least one known signature verifies and none fails.
        public var ok: Bool { invalid.isEmpty && !valid.isEmpty }

        /// Why the checkpoint cannot be trusted, or nil when it can.
        public var problem: String? {
            if !invalid.isEmpty {
                return "its signature does not verify (\(invalid.joined(separator: ", "))): it was altered or not signed by the key it names"
            }
            if valid.isEmpty {
                return "it carries no signature by a known key"
                    + (unknown.isEmpty ? "" : " (signed by \(unknown.joined(separator: ", ")), whose keys are not the ones registered)")
            }
            return nil
        }

        package init(valid: [String] = [], invalid: [String] = [], unknown: [String] = []) {
            self.valid = valid
            self.invalid = invalid
            self.unknown = unknown
        }
    }

    /// Checks every signature against `keys` (actor name → Ed25519 public key, hex), as a
    /// C2SP verifier does: a signature counts only when its key name and key ID both match a
    /// known key, and then it must verify.
    public func verify(keys: [String: String]) -> Verification {
        var result = Verification()
        for signature in signatures {
            switch format {
            case .legacy:
                guard let key = signature.publicKey,
                      Signer.isValid(signature: signature.signature, of: Data(signedText.utf8), publicKey: key) else {
                    result.invalid.append(signature.signer)
                    continue
                }
                if keys[signature.signer] == key { result.valid.append(signature.signer) } else { result.unknown.append(signature.signer) }
            case .signedNote:
                guard !signature.isForeign, let key = keys[signature.signer], let keyBytes = Hex.bytes(key),
                      SignedNote.keyID(keyName: signature.keyName, publicKey: keyBytes) == signature.keyID else {
                    result.unknown.append(signature.signer)
                    continue
                }
                if Signer.isValid(signature: signature.signature, of: Data(signedText.utf8), publicKey: key) {
                    result.valid.append(signature.signer)
                } else {
                    result.invalid.append(signature.signer)
                }
            }
        }
        return result
    }
}
