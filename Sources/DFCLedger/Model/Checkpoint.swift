import Foundation
import DFCCore

/// A signed tree head over a store's custody log: how many events it held and the RFC 9162
/// Merkle root over them, signed by one actor and cosigned by any others.
///
/// It is a C2SP `tlog-checkpoint` (c2sp.org/tlog-checkpoint) written as a C2SP signed note
/// (c2sp.org/signed-note) with Ed25519 signatures, the format of Go's checksum database
/// and Sigstore's logs, so existing transparency-log tools can check it:
///
///     dfc.invalid/custody/3f0c…       (origin: the log, named by the hash of its first event)
///     42                              (tree size)
///     mh4Q…=                          (root hash, base64)
///
///     — dfc.invalid/actor/Insp.%20A.%20Khan Pj3k…   (key ID and signature, base64)
///     — dfc.invalid/actor/Registrar%20M.%20Osei 9xQ2…   (a cosignature)
///
/// A key name is `dfc.invalid/actor/` and the actor's name with spaces percent-encoded
/// (`.invalid` names nothing on any network). The note names no key: whoever checks it
/// needs the actors' public keys (the store's actor table, or the `keys.txt` a package
/// ships), as C2SP intends. Checkpoints printed by DFC before this format
/// ("DFC checkpoint v1", which carried their key) are still read and checked.
public struct Checkpoint: Sendable, Equatable {
    /// How the checkpoint is written.
    public enum Format: String, Sendable {
        /// A C2SP tlog-checkpoint signed note.
        case signedNote = "c2sp-tlog-checkpoint"
        /// "DFC checkpoint v1", written by DFC before the standard format.
        case legacy = "dfc-checkpoint-v1"
    }

    /// How it is written.
    public let format: Format
    /// Hash of the first event of the log (64 zeros for an empty log).
    public let logID: String
    /// Number of events covered.
    public let treeSize: Int
    /// RFC 9162 Merkle tree head over those events, hex.
    public let rootHash: String
    /// The bytes every signature covers: the note text (origin, tree size, root hash).
    public let signedText: String
    /// The signatures, the first being the signer's and the others cosignatures.
    public let signatures: [CheckpointSignature]

    /// The actor who signed first.
    public var signer: String { signatures.first?.signer ?? "" }

    /// The checkpoint as printed.
    public var text: String {
        switch format {
        case .signedNote:
            return signedText + "\n" + signatures.map(\.line).joined()
        case .legacy:
            return signedText + "signature \(signatures.first?.signature ?? "")\n"
        }
    }

    /// The note's origin line.
    public var origin: String { SignedNote.origin(logID: logID) }

    /// Reads a checkpoint as printed: a C2SP signed note, or an older "DFC checkpoint v1".
    /// Blank lines around it and CR line ends (a mail program's) are tolerated; anything else
    /// out of place is an error naming `source` (a file name, say).
    public init(parsing text: String, source: String) throws(DFCError) {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n")
        while text.hasPrefix("\n") { text.removeFirst() }
        while text.hasSuffix("\n\n") { text.removeLast() }
        if !text.hasSuffix("\n") { text += "\n" }
        if text.hasPrefix(Self.legacyMagic + "\n") {
            self = try Self(parsingLegacy: text, source: source)
            return
        }
        let (parsed, reason) = SignedNote.parse(text)
        guard let parsed else { throw DFCError.checkpoint(source: source, reason: "not a signed checkpoint: \(reason)") }
        let lines = parsed.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard lines.count >= 3, !lines.contains(where: \.isEmpty) else {
            throw DFCError.checkpoint(source: source, reason: "a checkpoint's text is at least three non-empty lines (origin, tree size, root hash)")
        }
        guard let logID = SignedNote.logID(origin: lines[0]) else {
            throw DFCError.checkpoint(source: source, reason: "its origin \"\(lines[0].prefix(60))\" is not a DFC custody log's (\(SignedNote.namespace)/custody/ and 64 hex digits)")
        }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else {
            throw DFCError.checkpoint(source: source, reason: "its tree size is not a decimal number: \(lines[1].prefix(30))")
        }
        guard let root = Data(base64Encoded: lines[2]), root.count == 32 else {
            throw DFCError.checkpoint(source: source, reason: "its root hash is not 32 bytes in base64")
        }
        var signatures: [CheckpointSignature] = []
        for signature in parsed.signatures {
            guard signature.signature.count == 64, let actor = SignedNote.actor(keyName: signature.keyName) else {
                // C2SP: a verifier ignores signatures of keys it does not know; keep the line as it was.
                signatures.append(CheckpointSignature(foreign: signature.keyName, keyID: signature.keyID, bytes: signature.signature))
                continue
            }
            signatures.append(CheckpointSignature(signer: actor, keyID: signature.keyID, signature: Hex.string(signature.signature)))
        }
        self.init(format: .signedNote, logID: logID, treeSize: size, rootHash: Hex.string(root), signedText: parsed.text,
                  signatures: signatures)
    }

    package init(format: Format, logID: String, treeSize: Int, rootHash: String, signedText: String, signatures: [CheckpointSignature]) {
        self.format = format
        self.logID = logID
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.signedText = signedText
        self.signatures = signatures
    }

    /// The note text a new checkpoint signs.
    package static func noteText(logID: String, treeSize: Int, rootHash: String) -> String {
        SignedNote.origin(logID: logID) + "\n" + String(treeSize) + "\n" + Data(Hex.bytes(rootHash) ?? []).base64EncodedString() + "\n"
    }

    /// The same checkpoint with one more signature.
    package func adding(_ signature: CheckpointSignature) -> Checkpoint {
        Checkpoint(format: format, logID: logID, treeSize: treeSize, rootHash: rootHash, signedText: signedText,
                   signatures: signatures + [signature])
    }
}
