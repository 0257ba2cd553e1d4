import Foundation
import DFCCore
import DFCLedger

extension Catalog {
    /// The vault path of every exhibit.
    package static func vaultPaths(_ db: CatalogDB) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT vault_path FROM exhibit"))
    }

    /// Stores a signed checkpoint as printed.
    package static func insert(_ checkpoint: Checkpoint, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO checkpoint (tree_size, root_hash, signer, recorded_at, text) VALUES (?, ?, ?, ?, ?)",
                       arguments: [checkpoint.treeSize, checkpoint.rootHash, checkpoint.signatures.map(\.signer).joined(separator: ", "), Timestamp.now(), checkpoint.text])
    }

    /// Stores a checkpoint with its cosignatures, as printed.
    package static func insertCosigned(_ checkpoint: Checkpoint, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO cosigned_checkpoint (tree_size, root_hash, signers, recorded_at, text) VALUES (?, ?, ?, ?, ?)",
                       arguments: [checkpoint.treeSize, checkpoint.rootHash, checkpoint.signatures.map(\.signer).joined(separator: ", "),
                                   Timestamp.now(), checkpoint.text])
    }

    /// How many custody events come before event `seq` (its leaf index in the Merkle tree).
    package static func eventsBefore(_ seq: Int64, _ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM custody_event WHERE seq < ?", arguments: [seq]) ?? 0
    }
}
