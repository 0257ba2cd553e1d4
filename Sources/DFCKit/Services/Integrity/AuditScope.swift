internal import Crypto
import Foundation

/// What an incremental audit takes from its trusted checkpoint: the events it covers (re-hashed,
/// not re-verified) and which exhibits ingested before it have their rows and vault copy
/// re-hashed this time: all, or a share chosen by the checkpoint's signed text (its signatures
/// included), so that each day's checkpoint picks another share and none can be told beforehand.
struct AuditScope {
    let trusted: TrustedCheckpoint
    let rows: RowShare
    /// SHA-256 of the checkpoint's whole text: what picks the share.
    let seed: [UInt8]

    /// The custody log's own tables: re-read whole by the incremental audit, their indexes left to the full audit's engine check.
    static let logTables: Set<String> = ["custody_event", "merkle_node"]

    init(trusted: TrustedCheckpoint, checkpoint: Checkpoint, rows: RowShare) {
        self.trusted = trusted
        self.rows = rows
        seed = Array(SHA256.hash(data: Data(checkpoint.text.utf8)))
    }

    /// Whether this audit re-hashes the exhibit's rows and vault copy: every one ingested after the
    /// checkpoint (or with no ingested event: the audit names that), and those before it in the share.
    func covers(_ record: ExhibitRecord, _ ledger: LedgerCheck) -> Bool {
        guard let ingested = ledger.ingested[record.exhibitID.description], ingested.seq <= Int64(trusted.size) else { return true }
        guard case .share(let count, let parts) = rows else { return true }
        var hasher = SHA256()
        hasher.update(data: seed)
        hasher.update(data: Data(record.exhibitID.description.utf8))
        let value = hasher.finalize().prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return value % UInt64(parts) < UInt64(count)
    }

    /// What the audit verified again and what it did not, for its report and its `audited` event.
    func coverage(_ ledger: LedgerCheck, _ records: [ExhibitRecord], checked: Int) -> IncrementalCoverage {
        let older = records.filter { record in ledger.ingested[record.exhibitID.description].map { $0.seq <= Int64(trusted.size) } ?? false }
        let olderChecked = older.filter { covers($0, ledger) }.count
        var not = ["the signatures and payloads of custody events 1 to \(trusted.size): re-hashed, linked, recomputed into the Merkle "
            + "tree (which has the checkpoint's root) and their rows held to what the clean audit of custody event \(trusted.auditEvent) saw, not verified again",
                   "the engine's own check of the custody log's indexes (\(Self.logTables.sorted().joined(separator: ", "))): the full audit makes it"]
        if olderChecked < older.count {
            not.append("the rows and vault copies of \(older.count - olderChecked) of the \(older.count) exhibits ingested before the checkpoint "
                + "(share \(rows) this time)")
        }
        return IncrementalCoverage(sinceTreeSize: trusted.size, sinceAuditEvent: trusted.auditEvent, checkpointSigners: trusted.signers,
                                   eventsVerified: ledger.events - trusted.size, rows: rows.description, rowsSeed: Hex.string(seed),
                                   olderExhibits: older.count, olderExhibitsChecked: olderChecked, notReverified: not)
    }
}
