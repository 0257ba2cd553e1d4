import DFCCore

extension Merkle {
    /// RFC 9162, 2.1.3.2: whether `path` proves that `leafHash` is leaf `index` of the tree
    /// of `size` leaves whose root is `root`.
    public static func verifyInclusion(leafHash: Hash, index: Int, size: Int, path: [Hash], root: Hash) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1
        var hash = leafHash
        for sibling in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                hash = nodeHash(sibling, hash)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                hash = nodeHash(hash, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && hash == root
    }
}
