import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Ledger {
    /// Signs a tree head over the whole custody log as it stands, stores it, and records
    /// a `checkpointed` event after it. Keep the printed text somewhere the store's
    /// holder cannot reach: it is what later proves the log was only ever extended.
    public func checkpoint(actor: String) throws -> Checkpoint {
        let signer = try signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                var nodes = MerkleNodes(db)
                let size = try CustodyLog.size(db)
                return try signCheckpoint(signer, size: size, root: try nodes.root(size: size), db)
            }
        }
    }

    /// Signs, stores and records (`checkpointed`) a checkpoint over the log whose leaf
    /// hashes are `leaves`, inside the caller's write transaction.
    package func signCheckpoint(_ signer: Signer, leaves: [Merkle.Hash], _ db: CatalogDB) throws -> Checkpoint {
        var frontier = MerkleFrontier()
        for leaf in leaves { frontier.append(leafHash: leaf) }
        return try signCheckpoint(signer, size: frontier.count, root: frontier.root, db)
    }

    /// Signs, stores and records a checkpoint over the first `size` events, whose tree's root is `root`.
    package func signCheckpoint(_ signer: Signer, size: Int, root: Merkle.Hash, _ db: CatalogDB) throws -> Checkpoint {
        let logID = try CustodyLog.logID(db)
        let text = Checkpoint.noteText(logID: logID, treeSize: size, rootHash: Hex.string(root))
        let signature = try signer.sign(Data(text.utf8))
        let checkpoint = Checkpoint(
            format: .signedNote, logID: logID, treeSize: size, rootHash: Hex.string(root), signedText: text,
            signatures: [CheckpointSignature(signer: signer.name, keyID: signer.noteKeyID, signature: signature)])
        try Catalog.insert(checkpoint, db)
        try CustodyLog.append(db, action: "checkpointed", signer: signer, exhibit: nil, details: [
            "tree_size": String(checkpoint.treeSize), "root_hash": checkpoint.rootHash, "log": checkpoint.logID,
            "checkpoint_signature": signature, "format": checkpoint.format.rawValue,
        ])
        return checkpoint
    }

    /// Proves that custody event `event` is in the log's Merkle tree of `treeSize` events
    /// (default: the whole log as it stands), or in the tree `checkpoint` signed, after
    /// checking that the log still has that tree. Records a `proved` event.
    public func inclusionProof(event seq: Int64, treeSize: Int? = nil, checkpoint: Checkpoint? = nil,
                               checkpointSource: String = "checkpoint", actor: String) throws -> InclusionProof {
        let signer = try signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                guard let event = try CustodyEventRecord.fetchOne(db, key: seq) else { throw DFCError.eventNotFound(seq) }
                var tree = MerkleNodes(db)
                let logSize = try CustodyLog.size(db)
                let size = checkpoint?.treeSize ?? treeSize ?? logSize
                let index = try Catalog.eventsBefore(seq, db)
                guard size <= logSize, index < size else {
                    throw DFCError.invalidArgument("custody event \(seq) is not within a tree of \(size) events (the log has \(logSize))")
                }
                if let checkpoint { try requireExtends(checkpoint, checkpointSource, size: logSize, &tree, db) }
                let proof = InclusionProof(
                    event: seq, leafIndex: index, treeSize: size, leafHash: Hex.string(try tree.leaf(index)),
                    rootHash: Hex.string(try tree.root(size: size)), path: try tree.inclusionProof(index: index, size: size).map(Hex.string))
                try CustodyLog.append(db, action: "proved", signer: signer, exhibit: event.exhibitID.map(ExhibitID.init), details: [
                    "proof": "inclusion", "event": String(seq), "tree_size": String(size), "root_hash": proof.rootHash,
                ])
                return proof
            }
        }
    }

    /// Proves that the log as it stands (or as the later checkpoint `to` signed it)
    /// extends, unchanged, the tree `checkpoint` signed. Throws `DFCError.checkpoint`,
    /// naming the source, when it does not: a signature fails, a checkpoint covers more
    /// events than the log has, or the log's root at a checkpoint's size is not the
    /// checkpoint's. Records a `proved` event.
    public func consistencyProof(from checkpoint: Checkpoint, source: String, to later: Checkpoint? = nil,
                                 laterSource: String = "checkpoint", actor: String) throws -> ConsistencyProof {
        let signer = try signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                var tree = MerkleNodes(db)
                let logSize = try CustodyLog.size(db)
                try requireExtends(checkpoint, source, size: logSize, &tree, db)
                if let later { try requireExtends(later, laterSource, size: logSize, &tree, db) }
                let size = later?.treeSize ?? logSize
                guard checkpoint.treeSize <= size else {
                    throw DFCError.checkpoint(source: source, reason: "covers \(checkpoint.treeSize) events, more than the later tree's \(size)")
                }
                let proof = ConsistencyProof(
                    fromSize: checkpoint.treeSize, toSize: size, fromRoot: checkpoint.rootHash,
                    toRoot: Hex.string(try tree.root(size: size)),
                    path: try tree.consistencyProof(from: checkpoint.treeSize, to: size).map(Hex.string))
                try CustodyLog.append(db, action: "proved", signer: signer, exhibit: nil, details: [
                    "proof": "consistency", "from_size": String(proof.fromSize), "from_root": proof.fromRoot,
                    "to_size": String(proof.toSize), "to_root": proof.toRoot,
                ])
                return proof
            }
        }
    }

    /// Refuses a checkpoint that is not validly signed or that the log (of `size` events, its
    /// tree `tree`) does not extend unchanged.
    package func requireExtends(_ checkpoint: Checkpoint, _ source: String, size: Int, _ tree: inout MerkleNodes, _ db: CatalogDB) throws {
        if let problem = checkpoint.verify(keys: try CustodyLog.actorKeys(db)).problem {
            throw DFCError.checkpoint(source: source, reason: problem)
        }
        guard checkpoint.treeSize <= size else {
            throw DFCError.checkpoint(source: source, reason: "covers \(checkpoint.treeSize) events, but the log has only \(size): events were removed")
        }
        let logID = try CustodyLog.logID(db)
        guard checkpoint.treeSize == 0 || checkpoint.logID == logID else {
            throw DFCError.checkpoint(source: source, reason: "names log \(checkpoint.logID.prefix(16))…, but this log's first event is \(logID.prefix(16))…: it is of another log")
        }
        let root = Hex.string(try tree.root(size: checkpoint.treeSize))
        guard root == checkpoint.rootHash else {
            throw DFCError.checkpoint(source: source, reason: "at tree size \(checkpoint.treeSize) this log's root is \(root), the checkpoint's is \(checkpoint.rootHash): this log is not an append-only extension of it (rewritten, or a fork)")
        }
    }
}
