import DFCCore

/// Proof that one custody event is leaf `leafIndex` of the log's Merkle tree of
/// `treeSize` events (RFC 9162, 2.1.3). Printed as:
///
///     DFC inclusion proof v1
///     event 17
///     leaf_index 16
///     tree_size 42
///     leaf_hash …      SHA-256(0x00 || the event's payload bytes)
///     root_hash …
///     path …           one line per audit path hash, leaf to root
public struct InclusionProof: Sendable, Codable, Equatable {
    /// The event's number in the log.
    public var event: Int64
    /// Its leaf index (event − 1).
    public var leafIndex: Int
    /// The size of the tree proved against.
    public var treeSize: Int
    /// The event's leaf hash, hex.
    public var leafHash: String
    /// The tree head, hex.
    public var rootHash: String
    /// The audit path, hex, from the leaf up.
    public var path: [String]

    /// The proof as printed.
    public var text: String {
        (["DFC inclusion proof v1", "event \(event)", "leaf_index \(leafIndex)", "tree_size \(treeSize)",
          "leaf_hash \(leafHash)", "root_hash \(rootHash)"] + path.map { "path \($0)" }).map { $0 + "\n" }.joined()
    }

    package init(event: Int64, leafIndex: Int, treeSize: Int, leafHash: String, rootHash: String, path: [String]) {
        self.event = event
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.leafHash = leafHash
        self.rootHash = rootHash
        self.path = path
    }
}
