import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Ledger {
    /// Adds `actor`'s signature to a checkpoint of this store's log, so that a court
    /// registrar or a supervisory body holds a tree head both sides signed.
    ///
    /// The checkpoint must carry a valid signature by a registered actor, and the log as
    /// it stands must extend it unchanged; `actor` must not have signed it already. The
    /// cosigned checkpoint is stored and a `cosigned` event records it. Returns it, with
    /// every earlier signature kept as it was.
    public func cosign(_ checkpoint: Checkpoint, source: String, actor: String) throws -> Checkpoint {
        let signer = try signer(for: actor)
        guard checkpoint.format == .signedNote else {
            throw DFCError.checkpoint(source: source, reason: "is a DFC checkpoint v1, which holds one signature only: take a new checkpoint with `dfc checkpoint` and cosign that")
        }
        guard !checkpoint.signatures.contains(where: { !$0.isForeign && $0.signer == signer.name }) else {
            throw DFCError.checkpoint(source: source, reason: "\(signer.name) has signed it already")
        }
        return try withCatalog {
            try catalog.write { db in
                var tree = MerkleNodes(db)
                try requireExtends(checkpoint, source, size: try CustodyLog.size(db), &tree, db)
                let signature = try signer.sign(Data(checkpoint.signedText.utf8))
                let cosigned = checkpoint.adding(CheckpointSignature(signer: signer.name, keyID: signer.noteKeyID, signature: signature))
                try Catalog.insertCosigned(cosigned, db)
                try CustodyLog.append(db, action: "cosigned", signer: signer, exhibit: nil, details: [
                    "tree_size": String(checkpoint.treeSize), "root_hash": checkpoint.rootHash, "log": checkpoint.logID,
                    "signed_by": checkpoint.signatures.map(\.signer).joined(separator: ", "), "cosignature": signature,
                ])
                return cosigned
            }
        }
    }
}
