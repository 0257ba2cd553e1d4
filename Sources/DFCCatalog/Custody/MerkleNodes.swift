import Foundation
import DFCCore
import DFCLedger

/// The custody log's RFC 9162 Merkle tree, kept with the log: the root of every complete
/// subtree (each leaf, each aligned pair, each aligned four, …) is a row
/// `merkle_node(level, idx, hash)`, inserted with the event that completes it, never changed.
/// A tree head or a proof of any size then reads O(log² n) rows instead of hashing every leaf
/// inside the write lock. The audit recomputes every row from the events (`LedgerCheck`):
/// nothing here is trusted that the log does not vouch for.
package struct MerkleNodes {
    package let db: CatalogDB
    /// Rows read in this call, by (level, idx): a proof reads the same subtrees again and again.
    private var cache: [Int: Merkle.Hash] = [:]

    package init(_ db: CatalogDB) { self.db = db }

    /// Records the leaf `index` (its hash `leaf`) and every subtree it completes. A left sibling
    /// that is missing (an event inserted by hand) is computed from the events and recorded.
    package static func append(leaf: Merkle.Hash, index: Int, _ db: CatalogDB) throws {
        var nodes = MerkleNodes(db)
        var pending: [Int: Merkle.Hash] = [:]
        for node in try nodes.completed(byLeaf: leaf, at: index, pending: &pending) {
            try insert(level: node.level, index: node.index, node.hash, db)
        }
    }

    /// The rows `(level, idx, hash)` that the leaf `index` (its hash `leaf`) completes, the leaf
    /// first. `pending` holds the rows of leaves appended before it that are not in the table yet
    /// (a batch of events inserted together), and takes this leaf's.
    package mutating func completed(byLeaf leaf: Merkle.Hash, at index: Int, pending: inout [Int: Merkle.Hash]) throws
        -> [(level: Int, index: Int, hash: Merkle.Hash)] {
        var completed = [(level: 0, index: index, hash: leaf)]
        var hash = leaf, level = 0, position = index
        while position & 1 == 1 {
            let sibling: Merkle.Hash
            if let known = pending[(position - 1) << 6 | level] {
                sibling = known
            } else {
                sibling = try perfectRoot(level: level, index: position - 1)
            }
            hash = Merkle.nodeHash(sibling, hash)
            level += 1
            position >>= 1
            completed.append((level, position, hash))
        }
        for node in completed { pending[node.index << 6 | node.level] = node.hash }
        return completed
    }

    private static func insert(level: Int, index: Int, _ hash: Merkle.Hash, _ db: CatalogDB) throws {
        // OR IGNORE: a row already there (a log cut back by hand and extended) is left for the audit to name.
        try db.execute(sql: "INSERT OR IGNORE INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)", arguments: [level, index, Data(hash)])
    }

    /// Fills the table for a log that has none (a store from before it was kept).
    package static func backfill(_ db: CatalogDB) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM merkle_node") == 0 else { return }
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT payload FROM custody_event ORDER BY seq")
        var index = 0
        while let row = try rows.next() {
            let payload: String = try row.at(0)
            try append(leaf: Merkle.leafHash(Array(payload.utf8)), index: index, db)
            index += 1
        }
    }

    /// MTH of the first `size` leaves.
    package mutating func root(size: Int) throws -> Merkle.Hash { try root(0..<size) }

    /// PATH(m, D[n]): the audit path of leaf `index` in the tree of the first `size` leaves.
    package mutating func inclusionProof(index: Int, size: Int) throws -> [Merkle.Hash] {
        guard index >= 0, index < size else { return [] }
        return try path(index, 0..<size)
    }

    /// PROOF(m, D[n]) from the tree of the first `old` leaves to that of the first `new`.
    package mutating func consistencyProof(from old: Int, to new: Int) throws -> [Merkle.Hash] {
        guard old > 0, old < new else { return [] }
        return try subproof(old, 0..<new, complete: true)
    }

    /// The hash of leaf `index`.
    package mutating func leaf(_ index: Int) throws -> Merkle.Hash { try perfectRoot(level: 0, index: index) }

    /// The root of leaves `range`: one row for an aligned perfect subtree, else split as RFC 9162 does.
    private mutating func root(_ range: Range<Int>) throws -> Merkle.Hash {
        let count = range.count
        if count == 0 { return Merkle.emptyRoot }
        if count & (count - 1) == 0, range.lowerBound % count == 0 {
            return try perfectRoot(level: count.trailingZeroBitCount, index: range.lowerBound / count)
        }
        let mid = range.lowerBound + Merkle.split(count)
        return Merkle.nodeHash(try root(range.lowerBound..<mid), try root(mid..<range.upperBound))
    }

    private mutating func path(_ m: Int, _ range: Range<Int>) throws -> [Merkle.Hash] {
        guard range.count > 1 else { return [] }
        let k = Merkle.split(range.count)
        let mid = range.lowerBound + k
        if m < k { return try path(m, range.lowerBound..<mid) + [try root(mid..<range.upperBound)] }
        return try path(m - k, mid..<range.upperBound) + [try root(range.lowerBound..<mid)]
    }

    private mutating func subproof(_ m: Int, _ range: Range<Int>, complete: Bool) throws -> [Merkle.Hash] {
        if m == range.count { return complete ? [] : [try root(range)] }
        let k = Merkle.split(range.count)
        let mid = range.lowerBound + k
        if m <= k { return try subproof(m, range.lowerBound..<mid, complete: complete) + [try root(mid..<range.upperBound)] }
        return try subproof(m - k, mid..<range.upperBound, complete: false) + [try root(range.lowerBound..<mid)]
    }

    /// The stored root of the perfect subtree `index` at `level` (leaves index·2^level …);
    /// one that is missing is computed from the events themselves.
    private mutating func perfectRoot(level: Int, index: Int) throws -> Merkle.Hash {
        let key = index << 6 | level
        if let known = cache[key] { return known }
        let hash: Merkle.Hash
        if let data = try Data.fetchOne(db, sql: "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?", arguments: [level, index]),
           data.count == 32 {
            hash = Array(data)
        } else {
            hash = try Self.computed(level: level, index: index, db)
        }
        if cache.count > 4096 { cache.removeAll() }
        cache[key] = hash
        return hash
    }

    private static func computed(level: Int, index: Int, _ db: CatalogDB) throws -> Merkle.Hash {
        let first = Int64(index) << level + 1, count = 1 << level
        let payloads = try String.fetchAll(db, sql: "SELECT payload FROM custody_event WHERE seq >= ? ORDER BY seq LIMIT ?",
                                           arguments: [first, count])
        guard payloads.count == count else {
            throw DFCError.catalogDamaged(path: "merkle_node", reason: "the log has no events \(first)…\(first + Int64(count) - 1) for the subtree at level \(level), index \(index)")
        }
        return MerkleTree(leaves: payloads.map { Merkle.leafHash(Array($0.utf8)) }).root(size: count)
    }
}
