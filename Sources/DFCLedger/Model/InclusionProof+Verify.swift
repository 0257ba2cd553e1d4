import DFCCore

extension InclusionProof {
    /// Whether the audit path leads from the event's leaf hash, at its index, to the root hash
    /// (RFC 9162, 2.1.3.2), and, given a checkpoint, whether that root is the tree the checkpoint
    /// signed (same size, same root). Check the checkpoint's signatures with `Checkpoint.verify(keys:)`;
    /// a proof is only as good as the tree head it ends at.
    public func verifies(against checkpoint: Checkpoint? = nil) -> Bool {
        guard let leaf = Hex.bytes(leafHash), let root = Hex.bytes(rootHash), leafIndex >= 0 else { return false }
        var hashes: [Merkle.Hash] = []
        for hex in path {
            guard let hash = Hex.bytes(hex), hash.count == 32 else { return false }
            hashes.append(hash)
        }
        if let checkpoint, checkpoint.treeSize != treeSize || checkpoint.rootHash.lowercased() != rootHash.lowercased() {
            return false
        }
        return Merkle.verifyInclusion(leafHash: leaf, index: leafIndex, size: treeSize, path: hashes, root: root)
    }
}
