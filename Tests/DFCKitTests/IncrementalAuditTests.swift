import DFCKit
import Foundation
import GRDB
import Testing

/// The incremental audit (`dfc audit --since CHECKPOINT`): what a clean audit's checkpoint lets the
/// next one skip, what it never skips (every event re-hashed, the tree recomputed, the rows of old
/// events held to what the clean audit saw), and the checkpoints it refuses to start from.
/// Runs on the embedded catalog and, in the second pass of Scripts/test, on PostgreSQL.
@Suite struct IncrementalAuditTests {
    let custodian = TestSupport.custodian

    /// A store with three exhibits and a clean audit's checkpoint over it, then a fourth exhibit and some reading.
    func storeWithCheckpoint() throws -> (store: EvidenceStore, checkpoint: Checkpoint, file: String) {
        let store = try TestSupport.newStore()
        for name in ["mjpeg.avi", "still_exif.jpg", "hevc.mkv"] {
            _ = try store.intake.ingest(file: TestSupport.fixture(name), caseID: "INC-1", actor: custodian)
        }
        let full = try store.integrity.audit(actor: custodian)
        let text = try #require(full.checkpoint, "a clean audit signs its tree head: \(full.problems)")
        let file = TestSupport.temporaryDirectory() + "/audit-checkpoint.txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try store.intake.ingest(file: TestSupport.fixture("mpeg2.ts"), caseID: "INC-1", actor: custodian)
        _ = try store.reading.lookup(.caseID("INC-1"), actor: custodian)
        return (store, try Checkpoint(parsing: text, source: file), file)
    }

    @Test func aCleanAuditsCheckpointLetsTheNextVerifyOnlyWhatCameAfterAndSaySo() throws {
        let (store, checkpoint, file) = try storeWithCheckpoint()
        let report = try store.integrity.audit(actor: custodian, since: checkpoint, sinceSource: file)
        #expect(report.ok, "\(report.problems)")
        let covered = try #require(report.incremental)
        #expect(covered.sinceTreeSize == checkpoint.treeSize && covered.checkpointSigners == [custodian])
        #expect(covered.eventsVerified == report.eventsChecked - checkpoint.treeSize && report.signaturesValid == covered.eventsVerified,
                "\(report.signaturesValid) of \(report.eventsChecked)")
        #expect(covered.olderExhibits == 3 && covered.olderExhibitsChecked == 3 && covered.rows == "all" && report.exhibitsChecked == 4)
        #expect(covered.notReverified.contains { $0.contains("custody events 1 to \(checkpoint.treeSize)") })
        // Its own checkpoint starts the next one; the audited event says what it covered.
        let next = try Checkpoint(parsing: try #require(report.checkpoint), source: "next")
        #expect(try store.integrity.audit(actor: custodian, since: next, rows: .share(1, of: 7)).ok)
        let audited = try lastAudit(store)
        #expect(audited.contains("\"since_tree_size\":\"\(next.treeSize)\"") && audited.contains("\"rows\":\"1/7\""), "\(audited)")

        // The CLI: what it did not verify again, one line each; its own checkpoint written for tomorrow.
        let tomorrow = TestSupport.temporaryDirectory() + "/tomorrow.txt"
        let run = try TestSupport.dfc(["audit", "--store", store.path, "--since", file, "--rows", "1/7", "--write-checkpoint", tomorrow])
        #expect(run.status == 0 && run.stdout.contains("INCREMENTAL\tsince tree size \(checkpoint.treeSize)")
                && run.stdout.contains("NOT REVERIFIED\t"), "\(run.stdout) \(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: tomorrow))
        #expect(throws: DFCError.self) { try store.integrity.audit(actor: custodian, since: next, rows: .share(1, of: 0)) }
        let share = try TestSupport.dfc(["audit", "--store", store.path, "--since", tomorrow, "--rows", "8/7"])
        #expect(share.status == 64 && share.stderr.contains("--rows 8/7"), "\(share.stderr)")
    }

    @Test func everyTamperingAfterTheCheckpointAndEveryEditedOldEventIsStillCaught() throws {
        let (store, checkpoint, _) = try storeWithCheckpoint()
        let insider = try Insider(store)
        let size = checkpoint.treeSize
        // An event after the checkpoint signed by no one; the new exhibit's frames; an old exhibit's frames.
        try insider.execute("UPDATE custody_event SET signature = (SELECT signature FROM custody_event WHERE seq = 1) WHERE seq = \(size + 2)")
        try insider.execute("UPDATE frame SET sha256 = \(insider.zeroHash) WHERE exhibit_id = 4 AND idx = 0")
        try insider.execute("UPDATE frame SET sha256 = \(insider.zeroHash) WHERE exhibit_id = 1 AND idx = 3")
        var problems = try store.integrity.audit(actor: custodian, since: checkpoint).problems
        #expect(problems.contains { $0.hasPrefix("custody event \(size + 2):") && $0.contains("signature does not verify") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("EX-000004") && $0.contains("frame rows") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("EX-000001") && $0.contains("frame rows") }, "\(problems)")

        // An old event's payload (caught by its hash and the tree), and an old event's signature beside it.
        let (fresh, trusted, _) = try storeWithCheckpoint()
        let other = try Insider(fresh)
        try other.execute("UPDATE custody_event SET payload = replace(payload, 'INC-1', 'INC-2') WHERE seq = 3")
        try other.execute("UPDATE custody_event SET signature = (SELECT signature FROM custody_event WHERE seq = 1) WHERE seq = 4")
        problems = try fresh.integrity.audit(actor: custodian, since: trusted).problems
        #expect(problems.contains { $0.hasPrefix("custody event 3:") && $0.contains("the event was altered") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("the supplied checkpoint (tree size \(trusted.treeSize)") && $0.contains("the log was rewritten") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("custody events 1 to \(trusted.treeSize): their stored rows") }, "\(problems)")
    }

    @Test func aCheckpointNoCleanAuditSignedIsRefusedAndACosignedStoreWantsItCosigned() throws {
        let (store, checkpoint, file) = try storeWithCheckpoint()
        // A checkpoint anyone signed with `dfc checkpoint`: no clean audit checked that tree.
        let plain = try store.ledger.checkpoint(actor: custodian)
        #expect(throws: DFCError.self) { try store.integrity.audit(actor: custodian, since: plain) }
        let run = try TestSupport.dfc(["audit", "--store", store.path, "--since", file + ".none"])
        #expect(run.status != 0 && run.status != 1, "could not look is not 'no': \(run.status)")
        // One whose root was edited no longer verifies.
        let edited = try Checkpoint(parsing: checkpoint.text.replacingOccurrences(of: "\n\(checkpoint.treeSize)\n", with: "\n\(checkpoint.treeSize - 1)\n"),
                                    source: "edited")
        #expect(throws: DFCError.self) { try store.integrity.audit(actor: custodian, since: edited) }
        let refused = try TestSupport.dfc(["audit", "--store", store.path, "--since", try write(plain.text)])
        #expect(refused.status == 65 && refused.stderr.contains("no clean audit signed it"), "\(refused.status) \(refused.stderr)")

        // Once the store's checkpoints are cosigned, the audit's must be too, by someone else.
        _ = try store.ledger.registerActor(name: "Registrar M. Osei", role: .supervisor, by: custodian)
        _ = try store.ledger.cosign(plain, source: "plain", actor: "Registrar M. Osei")
        #expect(throws: DFCError.self) { try store.integrity.audit(actor: custodian, since: checkpoint) }
        let cosigned = try store.ledger.cosign(checkpoint, source: file, actor: "Registrar M. Osei")
        let report = try store.integrity.audit(actor: custodian, since: cosigned)
        #expect(report.ok && report.incremental?.checkpointSigners == [custodian, "Registrar M. Osei"], "\(report.problems)")
    }

    /// The payload of the store's last `audited` event, read from the catalog directly.
    private func lastAudit(_ store: EvidenceStore) throws -> String {
        let sql = "SELECT payload FROM custody_event WHERE action = 'audited' ORDER BY seq DESC LIMIT 1"
        if let database = try Insider(store).database { return try TestSupport.Postgres.psql(database, sql) }
        return try DatabaseQueue(path: store.path + "/catalog.sqlite").read { try String.fetchOne($0, sql: sql) } ?? ""
    }

    private func write(_ text: String) throws -> String {
        let file = TestSupport.temporaryDirectory() + "/checkpoint.txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
