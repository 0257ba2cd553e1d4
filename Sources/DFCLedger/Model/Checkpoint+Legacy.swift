import Foundation
import DFCCore

extension Checkpoint {
    /// The first line of the format DFC printed before C2SP checkpoints.
    package static let legacyMagic = "DFC checkpoint v1"
    private static let legacyFields = ["log", "tree_size", "root_hash", "time", "signer", "role", "public_key", "signature"]

    /// Reads a "DFC checkpoint v1": eight `field value` lines after the first, the signature
    /// being Ed25519 over the first eight lines (the key is the `public_key` line).
    package init(parsingLegacy text: String, source: String) throws(DFCError) {
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard lines.count == Self.legacyFields.count + 1 else {
            throw DFCError.checkpoint(source: source, reason: "a DFC checkpoint v1 has \(Self.legacyFields.count + 1) lines, this has \(lines.count)")
        }
        var values: [String] = []
        for (line, field) in zip(lines.dropFirst(), Self.legacyFields) {
            guard line.hasPrefix(field + " ") else {
                throw DFCError.checkpoint(source: source, reason: "expected a \"\(field)\" line, found \"\(line.prefix(40))\"")
            }
            values.append(String(line.dropFirst(field.count + 1)))
        }
        guard let size = Int(values[1]), size >= 0 else {
            throw DFCError.checkpoint(source: source, reason: "tree_size is not a number: \(values[1])")
        }
        for (index, length) in [(0, 64), (2, 64), (6, 64), (7, 128)] where values[index].count != length || !Hex.isHex(values[index]) {
            throw DFCError.checkpoint(source: source, reason: "\(Self.legacyFields[index]) is not \(length) hex digits")
        }
        let signed = lines.prefix(8).map { $0 + "\n" }.joined()
        self.init(format: .legacy, logID: values[0].lowercased(), treeSize: size, rootHash: values[2].lowercased(), signedText: signed,
                  signatures: [CheckpointSignature(legacySigner: values[4], role: values[5], time: values[3],
                                                   publicKey: values[6].lowercased(), signature: values[7].lowercased())])
    }
}
