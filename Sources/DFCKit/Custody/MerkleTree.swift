/// A custody log's Merkle tree held as its leaf hashes, with the tree head and the
/// proofs RFC 9162 defines (section 2.1.1 MTH, 2.1.3.1 PATH, 2.1.4.1 PROOF).
/// Each call costs O(n) hashes; nothing is cached, so what it proves is always
/// what the leaves say now.
struct MerkleTree: Sendable {
    let leaves: [Merkle.Hash]

    var size: Int { leaves.count }

    /// MTH of the first `size` leaves.
    func root(size: Int) -> Merkle.Hash {
        precondition(size >= 0 && size <= leaves.count)
        return root(0..<size)
    }

    /// PATH(m, D[n]): the audit path of leaf `index` in the tree of the first `size` leaves.
    func inclusionProof(index: Int, size: Int) -> [Merkle.Hash] {
        precondition(index >= 0 && index < size && size <= leaves.count)
        return path(index, 0..<size)
    }

    /// PROOF(m, D[n]): the consistency proof from the tree of the first `old` leaves to
    /// that of the first `new`. Empty when `old` is 0 or equals `new`.
    func consistencyProof(from old: Int, to new: Int) -> [Merkle.Hash] {
        precondition(old >= 0 && old <= new && new <= leaves.count)
        guard old > 0, old < new else { return [] }
        return subproof(old, 0..<new, complete: true)
    }

    private func root(_ range: Range<Int>) -> Merkle.Hash {
        switch range.count {
        case 0: return Merkle.emptyRoot
        case 1: return leaves[range.lowerBound]
        default:
            let mid = range.lowerBound + Merkle.split(range.count)
            return Merkle.nodeHash(root(range.lowerBound..<mid), root(mid..<range.upperBound))
        }
    }

    private func path(_ m: Int, _ range: Range<Int>) -> [Merkle.Hash] {
        guard range.count > 1 else { return [] }
        let k = Merkle.split(range.count)
        let mid = range.lowerBound + k
        if m < k {
            return path(m, range.lowerBound..<mid) + [root(mid..<range.upperBound)]
        }
        return path(m - k, mid..<range.upperBound) + [root(range.lowerBound..<mid)]
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
