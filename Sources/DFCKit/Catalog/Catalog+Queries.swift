import Foundation
internal import GRDB

extension Catalog {
    /// Every picture with this SHA-256, across all exhibits and all their analyses, in order;
    /// a picture that more than one analysis of an exhibit decoded alike is listed once.
    static func frames(withSHA256 hash: Data, _ db: Database) throws -> [(exhibit: Int64, stream: Int, index: Int, seconds: Double?)] {
        try Row.fetchAll(db, sql: """
            SELECT exhibit_id, stream, idx, min(pts_seconds) FROM (
                SELECT exhibit_id, stream, idx, pts_seconds FROM frame WHERE sha256 = ?
                UNION ALL
                SELECT a.exhibit_id, f.stream, f.idx, f.pts_seconds FROM analysis_frame f JOIN analysis a ON a.id = f.analysis_id
                WHERE f.sha256 = ?)
            GROUP BY exhibit_id, stream, idx ORDER BY exhibit_id, stream, idx
            """, arguments: [hash, hash]).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// The vault path of every exhibit.
    static func vaultPaths(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT vault_path FROM exhibit"))
    }

    /// Stores a signed checkpoint as printed.
    static func insert(_ checkpoint: Checkpoint, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO checkpoint (tree_size, root_hash, signer, recorded_at, text) VALUES (?, ?, ?, ?, ?)",
                       arguments: [checkpoint.treeSize, checkpoint.rootHash, checkpoint.signatures.map(\.signer).joined(separator: ", "), Timestamp.now(), checkpoint.text])
    }

    /// Stores a checkpoint with its cosignatures, as printed.
    static func insertCosigned(_ checkpoint: Checkpoint, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO cosigned_checkpoint (tree_size, root_hash, signers, recorded_at, text) VALUES (?, ?, ?, ?, ?)",
                       arguments: [checkpoint.treeSize, checkpoint.rootHash, checkpoint.signatures.map(\.signer).joined(separator: ", "),
                                   Timestamp.now(), checkpoint.text])
    }

    /// How many custody events come before event `seq` (its leaf index in the Merkle tree).
    static func eventsBefore(_ seq: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM custody_event WHERE seq < ?", arguments: [seq]) ?? 0
    }
}
