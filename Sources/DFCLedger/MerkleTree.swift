import DFCCore

/// A custody log's Merkle tree held as its leaf hashes, with the tree head and the
/// proofs RFC 9162 defines (section 2.1.1 MTH, 2.1.3.1 PATH, 2.1.4.1 PROOF).
/// Each call costs O(n) hashes; nothing is kept between calls. `inclusionProofs`
/// proves many leaves in one call, computing each subtree's root once.
package struct MerkleTree: Sendable {
    package let leaves: [Merkle.Hash]

    /// The tree of these leaf hashes, in log order.
    package init(leaves: [Merkle.Hash]) { self.leaves = leaves }

    package var size: Int { leaves.count }

    /// MTH of the first `size` leaves.
    package func root(size: Int) -> Merkle.Hash {
        precondition(size >= 0 && size <= leaves.count)
        return root(0..<size)
    }

    /// PATH(m, D[n]): the audit path of leaf `index` in the tree of the first `size` leaves.
    package func inclusionProof(index: Int, size: Int) -> [Merkle.Hash] {
        inclusionProofs(indices: [index], size: size)[0]
    }

    /// The audit paths of several leaves in the same tree. The roots of subtrees of
    /// `Self.memoLeaves` leaves or more are computed once for all of them, so E proofs cost
    /// about n + E·log²(n) hashes instead of E·n.
    package func inclusionProofs(indices: [Int], size: Int) -> [[Merkle.Hash]] {
        precondition(size <= leaves.count && indices.allSatisfy { $0 >= 0 && $0 < size })
        var memo: [Range<Int>: Merkle.Hash] = [:]
        return indices.map { path($0, 0..<size, &memo) }
    }

    /// Subtrees at least this big have their roots remembered within one call.
    package static let memoLeaves = 64

    /// PROOF(m, D[n]): the consistency proof from the tree of the first `old` leaves to
    /// that of the first `new`. Empty when `old` is 0 or equals `new`.
    package func consistencyProof(from old: Int, to new: Int) -> [Merkle.Hash] {
        precondition(old >= 0 && old <= new && new <= leaves.count)
        guard old > 0, old < new else { return [] }
        return subproof(old, 0..<new, complete: true)
    }

    private func root(_ range: Range<Int>) -> Merkle.Hash {
        var memo: [Range<Int>: Merkle.Hash] = [:]
        return root(range, &memo)
    }

    private func root(_ range: Range<Int>, _ memo: inout [Range<Int>: Merkle.Hash]) -> Merkle.Hash {
        switch range.count {
        case 0: return Merkle.emptyRoot
        case 1: return leaves[range.lowerBound]
        default:
            if let known = memo[range] { return known }
            let mid = range.lowerBound + Merkle.split(range.count)
            let hash = Merkle.nodeHash(root(range.lowerBound..<mid, &memo), root(mid..<range.upperBound, &memo))
            if range.count >= Self.memoLeaves { memo[range] = hash }
            return hash
        }
    }

    private func path(_ m: Int, _ range: Range<Int>, _ memo: inout [Range<Int>: Merkle.Hash]) -> [Merkle.Hash] {
        guard range.count > 1 else { return [] }
        let k = Merkle.split(range.count)
        let mid = range.lowerBound + k
        if m < k {
            return path(m, range.lowerBound..<mid, &memo) + [root(mid..<range.upperBound, &memo)]
        }
        return path(m - k, mid..<range.upperBound, &memo) + [root(range.lowerBound..<mid, &memo)]
    }

    private func subproof(_ m: Int, _ range: Range<Int>, complete: Bool) -> [Merkle.Hash] {
        if m == range.count { return complete ? [] : [root(range)] }
        let k = Merkle.split(range.count)
        let mid = range.lowerBound + k
        if m <= k {
            return subproof(m, range.lowerBound..<mid, complete: complete) + [root(mid..<range.upperBound)]
        }
        return subproof(m - k, mid..<range.upperBound, complete: false) + [root(range.lowerBound..<mid)]
    }
}
