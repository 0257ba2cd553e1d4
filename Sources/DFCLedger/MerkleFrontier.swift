import DFCCore

/// The right edge of an RFC 9162 Merkle tree: one perfect subtree per set bit of the
/// leaf count. Leaves are appended one at a time, and the root of the tree so far
/// costs O(log n), so one pass over a log of any length checks every tree head
/// recorded along the way in constant memory.
package struct MerkleFrontier: Sendable {
    private var subtrees: [(hash: Merkle.Hash, size: Int)] = []
    package private(set) var count = 0

    /// An empty frontier: no leaf yet.
    package init() {}

    /// Appends a leaf; returns the complete subtrees it completes, the leaf itself first, as
    /// `merkle_node` keeps them (level, index, root).
    @discardableResult
    package mutating func append(leafHash: Merkle.Hash) -> [(level: Int, index: Int, hash: Merkle.Hash)] {
        let leaf = count
        var hash = leafHash
        var size = 1, level = 0
        var completed = [(level: 0, index: leaf, hash: leafHash)]
        while let last = subtrees.last, last.size == size {
            subtrees.removeLast()
            hash = Merkle.nodeHash(last.hash, hash)
            size *= 2
            level += 1
            completed.append((level, leaf >> level, hash))
        }
        subtrees.append((hash, size))
        count += 1
        return completed
    }

    /// MTH of the leaves appended so far.
    package var root: Merkle.Hash {
        guard var hash = subtrees.last?.hash else { return Merkle.emptyRoot }
        for subtree in subtrees.dropLast().reversed() { hash = Merkle.nodeHash(subtree.hash, hash) }
        return hash
    }
}
