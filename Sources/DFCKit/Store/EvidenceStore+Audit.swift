import Foundation
import GRDB

extension EvidenceStore {
    /// Checks the whole store and records an `audited` event with the result:
    /// - every custody event's hash, link, position and signature, each signature against
    ///   the key registered for its actor, and the actor table against the events that
    ///   registered each actor;
    /// - the RFC 9162 Merkle tree over the events against every stored checkpoint, every
    ///   tree head recorded in the log, and each checkpoint in `checkpoints` (held outside);
    /// - every vault file's size, SHA-256 and SHA-512, that each exhibit has its vault file
    ///   and that every vault file belongs to an exhibit;
    /// - each exhibit's packet and frame rows against the digests its `ingested` event
    ///   committed to.
    public func audit(actor: String, checkpoints: [Checkpoint] = []) throws -> AuditReport {
        let signer = try signer(for: actor)
        var problems: [String] = []
        let (ledger, records) = try withCatalog {
            try catalog.read { db -> (LedgerCheck, [ExhibitRecord]) in
                let ledger = try LedgerCheck(db, supplied: checkpoints)
                problems += ledger.problems
                let records = try ExhibitRecord.order(Column("id")).fetchAll(db)
                for record in records { problems += try checkRows(record, db) }
                return (ledger, records)
            }
        }
        for record in records {
            if let problem = checkVaultCopy(record).problem { problems.append(problem) }
        }
        let known = Set(records.map(\.vaultPath))
        for file in vault.allFiles() where !known.contains(file) {
            problems.append("\(file): a file in the vault that belongs to no exhibit: left by an ingest that was "
                + "killed before it committed, or put there by hand; ingesting the same file again adopts it")
        }
        let report = AuditReport(
            eventsChecked: ledger.events, signaturesValid: ledger.validSignatures, treeSize: ledger.events,
            rootHash: Hex.string(ledger.root), checkpointsChecked: ledger.checkpointsChecked,
            exhibitsChecked: records.count, problems: problems)
        try withCatalog {
            try catalog.write { db in
                try CustodyLog.append(db, action: "audited", signer: signer, exhibit: nil, details: [
                    "result": report.ok ? "clean" : "\(problems.count) problems", "events_checked": String(ledger.events),
                    "tree_size": String(ledger.events), "root_hash": report.rootHash,
                    "checkpoints_checked": String(ledger.checkpointsChecked),
                    "exhibits_checked": String(records.count), "host": Host.name, "dfc_version": DFCVersion.current,
                ])
            }
        }
        return report
    }

    /// The exhibit's packet and frame rows against the digests its `ingested` event holds.
    private func checkRows(_ record: ExhibitRecord, _ db: Database) throws -> [String] {
        let digests = try Catalog.rowDigests(exhibit: record.id!, db)
        let event = try CustodyEventRecord.filter(Column("exhibit_id") == record.id && Column("action") == "ingested").fetchOne(db)
        guard let event, let payload = CustodyLog.decode(event) else {
            return ["\(record.exhibitID): has no ingested custody event"]
        }
        var problems: [String] = []
        if payload.details["sha256"] != record.sha256 || payload.details["sha512"] != record.sha512
            || payload.details["size"] != String(record.size) {
            problems.append("\(record.exhibitID): its file hashes differ from those its ingested event (\(event.seq)) recorded")
        }
        if payload.details["packets_digest"] != digests.packets {
            problems.append("\(record.exhibitID): its packet rows no longer match what its ingested event (\(event.seq)) committed to")
        }
        if payload.details["frames_digest"] != digests.frames {
            problems.append("\(record.exhibitID): its frame rows no longer match what its ingested event (\(event.seq)) committed to")
        }
        return problems
    }
}
