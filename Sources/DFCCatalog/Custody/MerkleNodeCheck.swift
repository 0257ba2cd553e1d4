import Foundation
import DFCCore
import DFCLedger

/// The audit's check of `merkle_node` against the tree it recomputes from the events: one
/// merge of the rows, read in the order the recomputation completes them, with the subtrees
/// as they complete. Constant memory; every row read once.
package struct MerkleNodeCheck {
    private let rows: any SQLCursor
    private var pending: (key: (Int, Int), hash: Data?)?
    package private(set) var wrong = 0, missing = 0, extra = 0
    package private(set) var first: (level: Int, index: Int)?

    package init(_ db: CatalogDB) throws {
        // Ordered by the last leaf each subtree covers, then by level: the order of completion.
        rows = try SQLRow.fetchCursor(db, sql: "SELECT level, idx, hash FROM merkle_node ORDER BY ((idx + 1) << CAST(level AS INTEGER)), level")
        try advance()
    }

    private mutating func advance() throws {
        guard let row = try rows.next() else { pending = nil; return }
        let level: Int = (try? row.at(0)) ?? -1, index: Int = (try? row.at(1)) ?? -1
        pending = (Self.key(level, index), try? row.at(2))
    }

    /// `(last leaf covered, level)`.
    private static func key(_ level: Int, _ index: Int) -> (Int, Int) {
        guard level >= 0, level < 62, index >= 0, index < (Int.max >> 1) >> level else { return (Int.max, Int.max) }
        return (((index + 1) << level) - 1, level)
    }

    /// Compares the subtrees a leaf completed with the rows.
    package mutating func check(_ nodes: [(level: Int, index: Int, hash: Merkle.Hash)]) throws {
        for node in nodes {
            let key = Self.key(node.level, node.index)
            while let row = pending, row.key < key {
                extra += 1
                try advance()
            }
            if let row = pending, row.key == key {
                if row.hash?.elementsEqual(node.hash) != true { wrong += 1; note(node) }
                try advance()
            } else {
                missing += 1
                note(node)
            }
        }
    }

    private mutating func note(_ node: (level: Int, index: Int, hash: Merkle.Hash)) {
        if first == nil { first = (node.level, node.index) }
    }

    /// The finding, if the rows disagree with the log; rows past the end count as extra.
    package mutating func finish() throws -> String? {
        while pending != nil {
            extra += 1
            try advance()
        }
        guard wrong + missing + extra > 0 else { return nil }
        return "merkle_node: the stored subtree roots disagree with the tree of the log's events (\(wrong) wrong, \(missing) missing, "
            + "\(extra) not of any event\(first.map { "; first at level \($0.level), index \($0.index)" } ?? "")): the table was altered, "
            + "and tree heads and proofs made from it since are not the log's"
    }
}
