import Foundation

/// A signed tree head over a store's custody log: how many events it held, the RFC 9162
/// Merkle root over them, when, and who signed. Printed as plain text that a person can
/// keep, e-mail or print, and read back with `init(parsing:source:)`:
///
///     DFC checkpoint v1
///     log 3f0c…        (hash of the log's first event: which log this is)
///     tree_size 42
///     root_hash 9a1e…
///     time 2026-11-21T09:30:00.000Z
///     signer Insp. A. Khan
///     role custodian
///     public_key 5b2d…
///     signature 0c7e…
///
/// The signature is Ed25519 over the UTF-8 bytes of the first eight lines, each ended
/// by a line feed (`signedText`).
public struct Checkpoint: Sendable, Codable, Equatable {
    /// Hash of the first event of the log (64 zeros for an empty log).
    public var logID: String
    /// Number of events covered.
    public var treeSize: Int
    /// RFC 9162 Merkle tree head over those events, hex.
    public var rootHash: String
    /// When it was signed (RFC 3339, UTC).
    public var time: String
    /// The actor who signed it.
    public var signer: String
    /// The signer's role.
    public var role: String
    /// The signer's Ed25519 public key, hex.
    public var publicKey: String
    /// Ed25519 signature of `signedText`, hex.
    public var signature: String

    static let magic = "DFC checkpoint v1"
    private static let fields = ["log", "tree_size", "root_hash", "time", "signer", "role", "public_key", "signature"]

    /// The bytes the signature covers.
    public var signedText: String {
        [Self.magic, "log \(logID)", "tree_size \(treeSize)", "root_hash \(rootHash)", "time \(time)",
         "signer \(signer)", "role \(role)", "public_key \(publicKey)"].map { $0 + "\n" }.joined()
    }

    /// The checkpoint as printed.
    public var text: String { signedText + "signature \(signature)\n" }

    /// Whether the signature is the public key's valid signature of `signedText`. (Whether
    /// that key belongs to the signer is for the store, or the reader, to say.)
    public var hasValidSignature: Bool {
        Signer.isValid(signature: signature, of: Data(signedText.utf8), publicKey: publicKey)
    }

    /// Reads a checkpoint as printed. Blank lines around it and CR line ends are tolerated;
    /// anything else out of place is an error naming `source` (a file name, say).
    public init(parsing text: String, source: String) throws(DFCError) {
        let lines = text.replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard lines.first == Self.magic else {
            throw DFCError.checkpoint(source: source, reason: "not a DFC checkpoint (its first line is not \"\(Self.magic)\")")
        }
        guard lines.count == Self.fields.count + 1 else {
            throw DFCError.checkpoint(source: source, reason: "a checkpoint has \(Self.fields.count + 1) lines, this has \(lines.count)")
        }
        var values: [String] = []
        for (line, field) in zip(lines.dropFirst(), Self.fields) {
            guard line.hasPrefix(field + " ") else {
                throw DFCError.checkpoint(source: source, reason: "expected a \"\(field)\" line, found \"\(line.prefix(40))\"")
            }
            values.append(String(line.dropFirst(field.count + 1)))
        }
        guard let size = Int(values[1]), size >= 0 else {
            throw DFCError.checkpoint(source: source, reason: "tree_size is not a number: \(values[1])")
        }
        for (index, length) in [(0, 64), (2, 64), (6, 64), (7, 128)] where values[index].count != length || !Hex.isHex(values[index]) {
            throw DFCError.checkpoint(source: source, reason: "\(Self.fields[index]) is not \(length) hex digits")
        }
        self.init(logID: values[0].lowercased(), treeSize: size, rootHash: values[2].lowercased(), time: values[3],
                  signer: values[4], role: values[5], publicKey: values[6].lowercased(), signature: values[7].lowercased())
    }

    init(logID: String, treeSize: Int, rootHash: String, time: String, signer: String, role: String,
         publicKey: String, signature: String) {
        self.logID = logID
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.time = time
        self.signer = signer
        self.role = role
        self.publicKey = publicKey
        self.signature = signature
    }
}
