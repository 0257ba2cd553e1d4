import Foundation
import DFCCore
import DFCLedger

/// A checkpoint an incremental audit (`dfc audit --since FILE`) may trust: a tree head of this
/// log that an earlier clean audit signed (its `audited` event records the tree head, the result
/// `clean` and the signature the checkpoint carries), cosigned where the store's checkpoints are.
/// The audit still re-hashes every event it covers and recomputes their tree, which must have
/// the checkpoint's root (an edited old event is caught); it does not verify their signatures again.
package struct TrustedCheckpoint: Sendable {
    /// The events it covers (its tree size).
    package let size: Int
    /// The `audited` event of the clean audit that signed it, and who that was.
    package let auditEvent: Int64
    package let auditor: String
    /// Every registered actor whose signature on it verifies.
    package let signers: [String]
    /// What that audit recorded of the covered events' stored rows (`LedgerCheck.eventsDigest`).
    package let eventsDigest: String

    /// The checkpoint's standing against the log, or a `checkpoint` error (the audit did not look)
    /// saying why it cannot be trusted: not validly signed, not of this log or longer than it, no
    /// clean audit signed it, or, where the store's checkpoints are cosigned, no cosigner did.
    package init(_ checkpoint: Checkpoint, source: String, _ db: CatalogDB) throws {
        func refuse(_ reason: String) -> DFCError {
            DFCError.checkpoint(source: source, reason: reason + ": an incremental audit cannot start from it (a full audit, without --since, can)")
        }
        let actors = try CustodyLog.actors(db)
        let verification = checkpoint.verify(keys: actors.mapValues(\.publicKey))
        if let problem = verification.problem { throw refuse(problem) }
        let logSize = try CustodyLog.size(db)
        guard checkpoint.treeSize >= 1, checkpoint.treeSize <= logSize else {
            throw refuse("it covers \(checkpoint.treeSize) events, and the log holds \(logSize)")
        }
        guard checkpoint.logID == (try CustodyLog.logID(db)) else { throw refuse("it was taken of another log") }
        var found: (seq: Int64, actor: String, digest: String)?
        let audits = try CustodyEventRecord.fetchAll(db, sql: "SELECT * FROM custody_event WHERE action = 'audited' AND seq > ? ORDER BY seq",
                                                      arguments: [checkpoint.treeSize])
        for event in audits {
            guard let payload = CustodyLog.decode(event), payload.seq == event.seq, payload.action == "audited",
                  CustodyLog.signatureStatus(event, payload, actors: actors) == .valid else { continue }
            let d = payload.details
            guard d["result"] == "clean", d["tree_size"] == String(checkpoint.treeSize), d["root_hash"] == checkpoint.rootHash,
                  let digest = d["events_digest"], verification.valid.contains(payload.actor),
                  checkpoint.signatures.contains(where: { $0.signer == payload.actor && $0.signature == d["checkpoint_signature"] })
            else { continue }
            found = (event.seq, payload.actor, digest)
            break
        }
        guard let found else {
            throw refuse("no clean audit signed it (no audited event after it records this tree head as clean with the signature it carries)")
        }
        // Where checkpoints are cosigned (the log holds cosigned events), this one must be too, by another actor.
        let cosigners = Set(try String.fetchAll(db, sql: "SELECT DISTINCT actor FROM custody_event WHERE action = 'cosigned'"))
        if !cosigners.isEmpty, !verification.valid.contains(where: { cosigners.contains($0) && $0 != found.actor }) {
            throw refuse("the store's checkpoints are cosigned (by \(cosigners.sorted().joined(separator: ", "))), and this one carries no cosignature "
                + "by them besides the auditor's: cosign it first (dfc checkpoint --cosign FILE)")
        }
        (size, auditEvent, auditor, signers, eventsDigest) = (checkpoint.treeSize, found.seq, found.actor, verification.valid, found.digest)
    }
}
