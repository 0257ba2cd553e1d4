@testable import DFCKit
import Crypto
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
            try store.ledger.registerActor(name: "Analyst First", role: .analyst, by: nil)
        }
        let first = try store.ledger.registerActor(name: custodian, role: .custodian, by: nil)
        #expect(first.registeredBy == 1)
        let keyFile = store.path + "/keys/T.%20Tester.ed25519"
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: store.path + "/keys")[.posixPermissions] as? Int == 0o700)

        #expect(throws: DFCError.actorMissing) { try store.ledger.registerActor(name: "Nobody Said", role: .analyst, by: nil) }
        _ = try store.ledger.registerActor(name: "A. Analyst", role: .analyst, by: custodian)
        #expect(throws: DFCError.notPermitted(actor: "A. Analyst", role: .analyst, action:
            "register actors: only a custodian or a supervisor may")) {
            try store.ledger.registerActor(name: "Z", role: .analyst, by: "A. Analyst")
        }
        #expect(throws: DFCError.actorExists(name: "A. Analyst")) { try store.ledger.registerActor(name: "A. Analyst", role: .auditor, by: custodian) }
        #expect(throws: DFCError.self) { try store.ledger.registerActor(name: "../../etc/passwd", role: .analyst, by: custodian) }
        #expect(try store.ledger.actors().map(\.name) == [custodian, "A. Analyst"])

        // Someone not registered cannot act, and leaves nothing behind.
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: custodian)
        let before = try store.integrity.audit(actor: custodian).eventsChecked
        #expect(throws: DFCError.actorNotRegistered(name: "Stranger", store: store.path)) { try store.reading.exhibit("EX-1", actor: "Stranger") }
        #expect(throws: DFCError.actorNotRegistered(name: "Stranger", store: store.path)) {
            try store.intake.ingest(file: TestSupport.fixture("hevc.mkv"), caseID: "C", actor: "Stranger")
        }
        #expect(try store.integrity.audit(actor: custodian).eventsChecked == before + 1)   // only that audit's own event

        // A key others can read, or one that is not the registered key, is refused.
        let analystKey = store.path + "/keys/A.%20Analyst.ed25519"
        chmod(analystKey, 0o644)
        #expect { try store.reading.exhibit("EX-1", actor: "A. Analyst") } throws: { "\($0)".contains("readable by others") }
        chmod(analystKey, 0o600)
        try FileManager.default.removeItem(atPath: analystKey)
        try FileManager.default.copyItem(atPath: keyFile, toPath: analystKey)
        #expect { try store.reading.exhibit("EX-1", actor: "A. Analyst") } throws: { "\($0)".contains("does not match the key registered") }
    }

    @Test func ingestIntoANewStoreRegistersItsFirstActorAndSaysSo() throws {
        let store = try EvidenceStore(path: TestSupport.temporaryDirectory() + "/store", create: true)
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: "Sgt. First")
        #expect(try store.ledger.actors().map { "\($0.name) \($0.role)" } == ["Sgt. First custodian"])
        let db = try DatabaseQueue(path: store.path + "/catalog.sqlite")
        let actions = try db.read { try String.fetchAll($0, sql: "SELECT action FROM custody_event ORDER BY seq") }
        #expect(actions == ["actor_registered", "ingested"])
        let first = try db.read { try String.fetchOne($0, sql: "SELECT payload FROM custody_event WHERE seq = 1") } ?? ""
        #expect(first.contains("\"command\":\"ingest\"") && first.contains("registered on the spot"))
        #expect(throws: DFCError.actorNotRegistered(name: "Sgt. Second", store: store.path)) {
            try store.intake.ingest(file: TestSupport.fixture("hevc.mkv"), caseID: "C", actor: "Sgt. Second")
        }
    }

    @Test func checkpointsAreSignedNotesThatReadBackAndRefuseEdits() throws {
        let store = try TestSupport.newStore()
        let checkpoint = try store.ledger.checkpoint(actor: custodian)
        let key = try store.ledger.actors()[0].publicKey
        #expect(checkpoint.treeSize == 1 && checkpoint.format == .signedNote)
        #expect(checkpoint.verify(keys: [custodian: key]).ok)
        #expect(V.noteSignatureIsValid(checkpoint.text, keyName: V.keyName(custodian), publicKey: V.hex(key)))
        let head = V.checkpointHead(checkpoint.text)
        #expect(head.origin == "dfc.invalid/custody/" + checkpoint.logID && head.size == 1 && V.hexString(head.root) == checkpoint.rootHash)
        #expect(try Checkpoint(parsing: "\n" + checkpoint.text.replacingOccurrences(of: "\n", with: "\r\n"), source: "mail") == checkpoint)

        let edited = try Checkpoint(parsing: checkpoint.text.replacingOccurrences(of: "\n1\n", with: "\n2\n"), source: "x")
        #expect(edited.treeSize == 2 && edited.verify(keys: [custodian: key]).invalid == [custodian])
        #expect(!V.noteSignatureIsValid(edited.text, keyName: V.keyName(custodian), publicKey: V.hex(key)))
        // Another key under the same name is not the actor's: its signature is ignored, so nothing vouches for it.
        let other = Hex.string(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        #expect(checkpoint.verify(keys: [custodian: other]).problem?.contains("no signature by a known key") == true)
        #expect(throws: DFCError.checkpoint(source: "notes.txt", reason: "not a signed checkpoint: it has no blank line between its text and its signatures")) {
            try Checkpoint(parsing: "hello", source: "notes.txt")
        }
    }

    /// A checkpoint printed before the C2SP format still reads, verifies and is audited.
    @Test func aDFCCheckpointV1IsStillReadAndChecked() throws {
        let store = try TestSupport.newStore()
        let current = try store.ledger.checkpoint(actor: custodian)
        let key = try store.ledger.actors()[0].publicKey
        let seedHex = try String(contentsOfFile: store.path + "/" + KeyFolder.relativePath(for: custodian), encoding: .utf8)
            .split(separator: "\n")[1]
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: V.hex(String(seedHex)))
        let signed = ["DFC checkpoint v1", "log \(current.logID)", "tree_size 1", "root_hash \(current.rootHash)",
                      "time 2026-11-21T09:30:00.000Z", "signer \(custodian)", "role custodian", "public_key \(key)"]
            .map { $0 + "\n" }.joined()
        let text = signed + "signature " + V.hexString(Array(try privateKey.signature(for: Data(signed.utf8)))) + "\n"
        let legacy = try Checkpoint(parsing: text, source: "old.txt")
        #expect(legacy.format == .legacy && legacy.treeSize == 1 && legacy.text == text)
        #expect(legacy.verify(keys: [custodian: key]).ok && legacy.signatures[0].time == "2026-11-21T09:30:00.000Z")
        #expect(try store.integrity.audit(actor: custodian, checkpoints: [legacy]).ok)
        #expect(try store.ledger.consistencyProof(from: legacy, source: "old.txt", actor: custodian).fromSize == 1)
        let forged = try Checkpoint(parsing: text.replacingOccurrences(of: "role custodian", with: "role auditor"), source: "old.txt")
        #expect(!forged.verify(keys: [custodian: key]).ok)
        #expect(throws: (any Error).self) { try store.ledger.cosign(legacy, source: "old.txt", actor: custodian) }
    }

    /// A second actor cosigns: both signatures verify independently, the audit checks the
    /// stored cosigned checkpoint, and a forged or repeated cosignature is refused.
    @Test func aSecondActorCosignsACheckpoint() throws {
        let store = try TestSupport.newStore()
        _ = try store.ledger.registerActor(name: "Registrar M. Osei", role: .supervisor, by: custodian)
        let checkpoint = try store.ledger.checkpoint(actor: custodian)
        let cosigned = try store.ledger.cosign(checkpoint, source: "cp.txt", actor: "Registrar M. Osei")
        let keys = Dictionary(uniqueKeysWithValues: try store.ledger.actors().map { ($0.name, $0.publicKey) })
        #expect(cosigned.signatures.map(\.signer) == [custodian, "Registrar M. Osei"])
        #expect(cosigned.verify(keys: keys).valid == [custodian, "Registrar M. Osei"])
        #expect(cosigned.text.hasPrefix(checkpoint.text))
        for name in [custodian, "Registrar M. Osei"] {
            #expect(V.noteSignatureIsValid(cosigned.text, keyName: V.keyName(name), publicKey: V.hex(keys[name]!)))
        }
        #expect(try store.integrity.audit(actor: custodian, checkpoints: [cosigned]).ok)
        #expect(throws: DFCError.checkpoint(source: "cp2.txt", reason: "Registrar M. Osei has signed it already")) {
            try store.ledger.cosign(cosigned, source: "cp2.txt", actor: "Registrar M. Osei")
        }
        let edited = try Checkpoint(parsing: checkpoint.text.replacingOccurrences(of: "\n\(checkpoint.treeSize)\n", with: "\n1\n"), source: "e.txt")
        #expect { try store.ledger.cosign(edited, source: "e.txt", actor: "Registrar M. Osei") } throws: {
            "\($0)".contains("e.txt") && "\($0)".contains("signature does not verify")
        }
    }

    /// The issue's acceptance test: a checkpoint taken before 100 further events verifies by
    /// consistency proof, and one taken of a forked copy of the log does not.
    @Test func aCheckpointBeforeAHundredEventsIsProvedAndAForkIsNot() throws {
        let store = try TestSupport.newStore(analysts: ["B. Officer"])
        let ingested = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: "B. Officer")
        let early = try store.ledger.checkpoint(actor: custodian)
        let fork = try Insider(store).fork(to: TestSupport.temporaryDirectory() + "/fork")

        for _ in 0..<100 { _ = try store.reading.exhibit(ingested.exhibit!.description, actor: "B. Officer") }
        let late = try store.ledger.checkpoint(actor: custodian)
        #expect(late.treeSize == early.treeSize + 101)   // 100 reads and the early checkpoint's own event

        let proof = try store.ledger.consistencyProof(from: early, source: "early", to: late, actor: custodian)
        #expect(V.verifyConsistency(first: early.treeSize, second: late.treeSize, firstHash: V.hex(early.rootHash),
                                    secondHash: V.hex(late.rootHash), path: proof.path.map(V.hex)))
        let key = V.hex(try store.ledger.actors()[0].publicKey)
        #expect(V.noteSignatureIsValid(early.text, keyName: V.keyName(custodian), publicKey: key)
                && V.noteSignatureIsValid(late.text, keyName: V.keyName(custodian), publicKey: key))
        #expect(try store.integrity.audit(actor: custodian, checkpoints: [early, late]).ok)

        // Each event's leaf is its payload bytes: proved into the late checkpoint's tree.
        let events = try store.reading.custody(of: ingested.exhibit!.description, actor: custodian)
        for event in [events[0], events[50]] {
            let inclusion = try store.ledger.inclusionProof(event: event.seq, checkpoint: late, actor: custodian)
            let leaf = V.leafHash(Array(event.payload.utf8))
            #expect(inclusion.leafHash == V.hexString(leaf))
            #expect(V.verifyInclusion(leafHash: leaf, index: inclusion.leafIndex, size: late.treeSize,
                                      path: inclusion.path.map(V.hex), root: V.hex(late.rootHash)))
        }

        // The fork shares the log up to the early checkpoint, then goes its own way.
        for _ in 0..<5 { _ = try fork.reading.exhibit(ingested.exhibit!.description, actor: custodian) }
        let forked = try fork.ledger.checkpoint(actor: custodian)
        #expect(forked.verify(keys: [custodian: try store.ledger.actors()[0].publicKey]).ok && forked.logID == early.logID)
        #expect { try store.ledger.consistencyProof(from: forked, source: "forked.txt", actor: custodian) } throws: {
            "\($0)".contains("forked.txt") && "\($0)".contains("not an append-only extension")
        }
        let audit = try store.integrity.audit(actor: custodian, checkpoints: [forked])
        #expect(audit.problems.contains { $0.contains("supplied checkpoint") && $0.contains("rewritten") })
        #expect(!V.verifyConsistency(first: forked.treeSize, second: late.treeSize, firstHash: V.hex(forked.rootHash),
                                     secondHash: V.hex(late.rootHash),
                                     path: try store.ledger.consistencyProof(from: early, source: "early", actor: custodian).path.map(V.hex)))
    }

    /// A store made before events were signed is migrated in place: its old events stay as
    /// they were, new ones are signed, and the audit names the old ones as not signed.
    @Test func aStoreFromBeforeSignaturesIsMigratedAndItsOldEventsNamedUnsigned() throws {
        let path = TestSupport.temporaryDirectory() + "/store"
        try FileManager.default.createDirectory(atPath: path + "/vault", withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path + "/catalog.sqlite")
        try SQLiteCatalog.migrator.migrate(old, upTo: "v1")
        let payload = #"{"action":"audited","actor":"Old Hand","at":"2026-01-01T00:00:00.000Z","details":{},"prev":"\#(String(repeating: "0", count: 64))","seq":1,"v":1}"#
        try old.write { db in
            try db.execute(sql: "INSERT INTO custody_event (seq, action, actor, recorded_at, payload, prev_hash, hash) VALUES (1, 'audited', 'Old Hand', '2026-01-01T00:00:00.000Z', ?, ?, ?)",
                           arguments: [payload, String(repeating: "0", count: 64), V.hexString(V.sha256(Array(payload.utf8)))])
        }
        try old.close()
        let store = try EvidenceStore(path: path)
        _ = try store.ledger.registerActor(name: custodian, role: .custodian, by: nil)
        let audit = try store.integrity.audit(actor: custodian)
        #expect(audit.problems == ["custody event 1: is not signed"])
        #expect(audit.signaturesValid == 1)
    }

    /// Events appended in batches (the benchmark's filler) chain, sign and grow the stored tree
    /// exactly as events appended one by one: the audit recomputes every Merkle row from the events.
    @Test func eventsAppendedInBatchesAreTheLogOneByOneWouldBe() throws {
        let store = try TestSupport.newStore()
        let signer = try store.ledger.signer(for: TestSupport.custodian)
        let event = CustodyLog.NewEvent(action: "accessed", signer: signer, exhibit: nil, details: ["command": "batched"])
        for size in [1, 7, 300, 1, 692] {
            try store.context.catalog.write { db in try CustodyLog.append(db, Array(repeating: event, count: size)) }
            try store.context.catalog.write { db in
                try CustodyLog.append(db, action: "accessed", signer: signer, exhibit: nil, details: ["command": "one"])
            }
        }
        let checkpoint = try store.ledger.checkpoint(actor: TestSupport.custodian)
        let audit = try store.integrity.audit(actor: TestSupport.custodian, checkpoints: [checkpoint])
        #expect(audit.ok, "\(audit.problems)")
        #expect(audit.eventsChecked == 1 + 1001 + 5 + 1 && audit.treeSize == audit.eventsChecked)
        #expect(audit.signaturesValid == audit.eventsChecked)
        // A proof for an event in the middle of a batch verifies against the checkpoint.
        let proof = try store.ledger.inclusionProof(event: 500, checkpoint: checkpoint, actor: TestSupport.custodian)
        #expect(V.verifyInclusion(leafHash: V.hex(proof.leafHash), index: proof.leafIndex, size: checkpoint.treeSize,
                                  path: proof.path.map(V.hex), root: V.hex(checkpoint.rootHash)))
    }
}
