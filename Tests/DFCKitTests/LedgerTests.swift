@testable import DFCKit
import Foundation
import GRDB
import Testing

/// Actors and their keys, checkpoints and Merkle proofs, checked with the independent verifier.
@Suite struct LedgerTests {
    typealias V = IndependentVerifier
    let custodian = TestSupport.custodian

    @Test func actorsNeedARegistrarWithTheRightRoleAndKeysOnlyTheirOwnerCanRead() throws {
        let store = try EvidenceStore(path: TestSupport.temporaryDirectory() + "/store", create: true)
        #expect(throws: DFCError.notPermitted(actor: "Analyst First", role: .analyst, action:
            "be the store's first actor: the first is a custodian or a supervisor, who can register the others")) {
            try store.registerActor(name: "Analyst First", role: .analyst, by: nil)
        }
        let first = try store.registerActor(name: custodian, role: .custodian, by: nil)
        #expect(first.registeredBy == 1)
        let keyFile = store.path + "/keys/T.%20Tester.ed25519"
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: store.path + "/keys")[.posixPermissions] as? Int == 0o700)

        #expect(throws: DFCError.actorMissing) { try store.registerActor(name: "Nobody Said", role: .analyst, by: nil) }
        _ = try store.registerActor(name: "A. Analyst", role: .analyst, by: custodian)
        #expect(throws: DFCError.notPermitted(actor: "A. Analyst", role: .analyst, action:
            "register actors: only a custodian or a supervisor may")) {
            try store.registerActor(name: "Z", role: .analyst, by: "A. Analyst")
        }
        #expect(throws: DFCError.actorExists(name: "A. Analyst")) { try store.registerActor(name: "A. Analyst", role: .auditor, by: custodian) }
        #expect(throws: DFCError.self) { try store.registerActor(name: "../../etc/passwd", role: .analyst, by: custodian) }
        #expect(try store.actors().map(\.name) == [custodian, "A. Analyst"])

        // Someone not registered cannot act, and leaves nothing behind.
        _ = try store.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: custodian)
        let before = try store.audit(actor: custodian).eventsChecked
        #expect(throws: DFCError.actorNotRegistered(name: "Stranger", store: store.path)) { try store.exhibit("EX-1", actor: "Stranger") }
        #expect(throws: DFCError.actorNotRegistered(name: "Stranger", store: store.path)) {
            try store.ingest(file: TestSupport.fixture("hevc.mkv"), caseID: "C", actor: "Stranger")
        }
        #expect(try store.audit(actor: custodian).eventsChecked == before + 1)   // only that audit's own event

        // A key others can read, or one that is not the registered key, is refused.
        let analystKey = store.path + "/keys/A.%20Analyst.ed25519"
        chmod(analystKey, 0o644)
        #expect { try store.exhibit("EX-1", actor: "A. Analyst") } throws: { "\($0)".contains("readable by others") }
        chmod(analystKey, 0o600)
        try FileManager.default.removeItem(atPath: analystKey)
        try FileManager.default.copyItem(atPath: keyFile, toPath: analystKey)
        #expect { try store.exhibit("EX-1", actor: "A. Analyst") } throws: { "\($0)".contains("does not match the key registered") }
    }

    @Test func ingestIntoANewStoreRegistersItsFirstActorAndSaysSo() throws {
        let store = try EvidenceStore(path: TestSupport.temporaryDirectory() + "/store", create: true)
        _ = try store.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: "Sgt. First")
        #expect(try store.actors().map { "\($0.name) \($0.role)" } == ["Sgt. First custodian"])
        let db = try DatabaseQueue(path: store.path + "/catalog.sqlite")
        let actions = try db.read { try String.fetchAll($0, sql: "SELECT action FROM custody_event ORDER BY seq") }
        #expect(actions == ["actor_registered", "ingested"])
        let first = try db.read { try String.fetchOne($0, sql: "SELECT payload FROM custody_event WHERE seq = 1") } ?? ""
        #expect(first.contains("\"command\":\"ingest\"") && first.contains("registered on the spot"))
        #expect(throws: DFCError.actorNotRegistered(name: "Sgt. Second", store: store.path)) {
            try store.ingest(file: TestSupport.fixture("hevc.mkv"), caseID: "C", actor: "Sgt. Second")
        }
    }

    @Test func checkpointsReadBackAndRefuseEdits() throws {
        let store = try TestSupport.newStore()
        let checkpoint = try store.checkpoint(actor: custodian)
        #expect(checkpoint.treeSize == 1 && checkpoint.hasValidSignature)
        #expect(V.checkpointSignatureIsValid(checkpoint.text))
        #expect(try Checkpoint(parsing: "\n" + checkpoint.text.replacingOccurrences(of: "\n", with: "\r\n"), source: "mail") == checkpoint)
        let edited = try Checkpoint(parsing: checkpoint.text.replacingOccurrences(of: "tree_size 1", with: "tree_size 2"), source: "x")
        #expect(!edited.hasValidSignature)
        #expect(!V.checkpointSignatureIsValid(edited.text))
        #expect(throws: DFCError.checkpoint(source: "notes.txt", reason: "not a DFC checkpoint (its first line is not \"DFC checkpoint v1\")")) {
            try Checkpoint(parsing: "hello", source: "notes.txt")
        }
    }

    /// The issue's acceptance test: a checkpoint taken before 100 further events verifies by
    /// consistency proof, and one taken of a forked copy of the log does not.
    @Test func aCheckpointBeforeAHundredEventsIsProvedAndAForkIsNot() throws {
        let store = try TestSupport.newStore(analysts: ["B. Officer"])
        let ingested = try store.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: "B. Officer")
        let early = try store.checkpoint(actor: custodian)
        let forkPath = TestSupport.temporaryDirectory() + "/fork"
        #expect(try TestSupport.run("/bin/cp", ["-a", store.path, forkPath]).status == 0)

        for _ in 0..<100 { _ = try store.exhibit(ingested.exhibit!.description, actor: "B. Officer") }
        let late = try store.checkpoint(actor: custodian)
        #expect(late.treeSize == early.treeSize + 101)   // 100 reads and the early checkpoint's own event

        let proof = try store.consistencyProof(from: early, source: "early", to: late, actor: custodian)
        #expect(V.verifyConsistency(first: early.treeSize, second: late.treeSize, firstHash: V.hex(early.rootHash),
                                    secondHash: V.hex(late.rootHash), path: proof.path.map(V.hex)))
        #expect(V.checkpointSignatureIsValid(early.text) && V.checkpointSignatureIsValid(late.text))
        #expect(try store.audit(actor: custodian, checkpoints: [early, late]).ok)

        // Each event's leaf is its payload bytes: proved into the late checkpoint's tree.
        let events = try store.custody(of: ingested.exhibit!.description, actor: custodian)
        for event in [events[0], events[50]] {
            let inclusion = try store.inclusionProof(event: event.seq, checkpoint: late, actor: custodian)
            let leaf = V.leafHash(Array(event.payload.utf8))
            #expect(inclusion.leafHash == V.hexString(leaf))
            #expect(V.verifyInclusion(leafHash: leaf, index: inclusion.leafIndex, size: late.treeSize,
                                      path: inclusion.path.map(V.hex), root: V.hex(late.rootHash)))
        }

        // The fork shares the log up to the early checkpoint, then goes its own way.
        let fork = try EvidenceStore(path: forkPath)
        for _ in 0..<5 { _ = try fork.exhibit(ingested.exhibit!.description, actor: custodian) }
        let forked = try fork.checkpoint(actor: custodian)
        #expect(forked.hasValidSignature && forked.logID == early.logID)
        #expect { try store.consistencyProof(from: forked, source: "forked.txt", actor: custodian) } throws: {
            "\($0)".contains("forked.txt") && "\($0)".contains("not an append-only extension")
        }
        let audit = try store.audit(actor: custodian, checkpoints: [forked])
        #expect(audit.problems.contains { $0.contains("supplied checkpoint") && $0.contains("rewritten") })
        #expect(!V.verifyConsistency(first: forked.treeSize, second: late.treeSize, firstHash: V.hex(forked.rootHash),
                                     secondHash: V.hex(late.rootHash),
                                     path: try store.consistencyProof(from: early, source: "early", actor: custodian).path.map(V.hex)))
    }

    /// A store made before events were signed is migrated in place: its old events stay as
    /// they were, new ones are signed, and the audit names the old ones as not signed.
    @Test func aStoreFromBeforeSignaturesIsMigratedAndItsOldEventsNamedUnsigned() throws {
        let path = TestSupport.temporaryDirectory() + "/store"
        try FileManager.default.createDirectory(atPath: path + "/vault", withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path + "/catalog.sqlite")
        try Catalog.migrator.migrate(old, upTo: "v1")
        let payload = #"{"action":"audited","actor":"Old Hand","at":"2026-01-01T00:00:00.000Z","details":{},"prev":"\#(String(repeating: "0", count: 64))","seq":1,"v":1}"#
        try old.write { db in
            try db.execute(sql: "INSERT INTO custody_event (seq, action, actor, recorded_at, payload, prev_hash, hash) VALUES (1, 'audited', 'Old Hand', '2026-01-01T00:00:00.000Z', ?, ?, ?)",
                           arguments: [payload, String(repeating: "0", count: 64), V.hexString(V.sha256(Array(payload.utf8)))])
        }
        try old.close()
        let store = try EvidenceStore(path: path)
        _ = try store.registerActor(name: custodian, role: .custodian, by: nil)
        let audit = try store.audit(actor: custodian)
        #expect(audit.problems == ["custody event 1: is not signed"])
        #expect(audit.signaturesValid == 1)
    }
}
