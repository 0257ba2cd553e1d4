import Crypto
@testable import DFCKit
import Foundation
import Testing

/// An analyst who signs a camera registration with their own genuine key, past the library's
/// refusal (a modified DFC calling its internals): the register is kept by custodians and
/// supervisors, and the audit names the event by the role the analyst's registration gave.
@Suite struct RogueRegistrationTests {
    @Test func aCameraRegisteredWithAnAnalystsOwnKeyIsNamedByTheAudit() throws {
        let store = try TestSupport.newStore(analysts: ["R. Analyst"])
        #expect(throws: DFCError.self) { try store.exhibits.registerSource("CAM-1", latitude: 31.5, longitude: 74.3, actor: "R. Analyst") }
        let signer = try store.ledger.signer(for: "R. Analyst")
        try store.ledger.catalog.write { db in
            let event = try CustodyLog.append(db, action: "source_registered", signer: signer, exhibit: nil,
                                              details: ["command": "source add", "name": "CAM-1", "latitude": "31.5", "longitude": "74.3"])
            try Catalog.insert(CameraSourceRow(seq: event.seq, name: "CAM-1", latitude: 31.5, longitude: 74.3, heading: nil, zone: nil), db)
        }
        let problems = try store.integrity.audit(actor: TestSupport.custodian).problems
        #expect(problems.contains { $0.contains("R. Analyst, an analyst, registered the camera CAM-1, which only a custodian or supervisor may do") },
                "\(problems)")
        #expect(problems.count == 1, "the event itself is genuine and linked: \(problems)")
    }

    /// A modified DFC that, ingesting a camera's footage, signs a correction said to follow the
    /// camera's standing one but with another offset (with a genuine key): the audit names it.
    @Test func aCorrectionThatMisquotesTheCamerasStandingOneIsNamedByTheAudit() throws {
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        _ = try store.exhibits.registerSource("CAM-2", latitude: 31.5, longitude: 74.3, actor: custodian)
        _ = try store.exhibits.correctClock(source: "CAM-2", from: "2026-11-03T00:00:00Z", to: "2026-11-04T00:00:00Z", offset: "+00:01:00",
                                   reason: "station clock", actor: custodian)
        let standing = try #require(try store.ledger.catalog.read { db in try Catalog.events(action: "camera_clock_corrected", db).last?.seq })
        let clip = try TimeLookupTests.clip("a.mp4", in: TestSupport.temporaryDirectory(), metadata: ["creation_time": "2026-11-03T12:00:00Z"])
        // Registered without the camera (so no correction follows it in), then "followed" by hand with ten minutes.
        let id = try #require(try store.intake.ingest(file: clip, caseID: "T-1", actor: custodian).exhibit).description
        #expect(try store.integrity.audit(actor: custodian).ok)
        let signer = try store.ledger.signer(for: custodian)
        try store.ledger.catalog.write { db in
            let record = try store.exhibits.resolve(id, db)
            try store.exhibits.appendCorrection(record, milliseconds: 600_000, zone: nil, reason: "station clock",
                                                details: ["source": "CAM-2", "range_from": "2026-11-03T00:00:00Z", "range_to": "2026-11-04T00:00:00Z",
                                                          "standing": String(standing), "command": "ingest"], signer: signer, db)
        }
        let problems = try store.integrity.audit(actor: custodian).problems
        #expect(problems.contains { $0.contains("follows the camera's standing correction \(standing), which is no camera_clock_corrected event before it saying the same") },
                "\(problems)")
        #expect(problems.count == 1, "the event itself is genuine and linked: \(problems)")
        // Quoting it rightly but by command, on an exhibit ingested after the standing event: only its ingest may.
        try store.ledger.catalog.write { db in
            try store.exhibits.appendCorrection(try store.exhibits.resolve(id, db), milliseconds: 60_000, zone: nil, reason: "station clock",
                                                details: ["source": "CAM-2", "range_from": "2026-11-03T00:00:00Z", "range_to": "2026-11-04T00:00:00Z",
                                                          "standing": String(standing)], signer: signer, db)
        }
        let more = try store.integrity.audit(actor: custodian).problems
        #expect(more.contains { $0.contains("applies the camera's standing correction \(standing) by command to an exhibit ingested after it") }, "\(more)")
    }

    /// An analyst signs, with its own genuine key, a `store_described` event that says the vault keeps
    /// originals for a day: the audit names it and keeps the retention the store was made with.
    @Test func aStoreDescriptionSignedByAnAnalystIsNamedAndNotTaken() throws {
        let store = try TestSupport.newStore(analysts: ["R. Analyst"])
        let analyst = try store.ledger.signer(for: "R. Analyst")
        try store.ledger.catalog.write { db in
            _ = try CustodyLog.append(db, action: "store_described", signer: analyst, exhibit: nil,
                                      details: ["store_catalog": "sqlite", "store_vault": "folder", "retention_days": "1", "command": "migrate-store"])
        }
        let problems = try store.integrity.audit(actor: TestSupport.custodian).problems
        #expect(problems.contains { $0.contains("(store_described): signed by R. Analyst (analyst), which only a custodian or supervisor may sign") },
                "\(problems)")
    }

    /// An analyst appends, with its own genuine key, a correctly chained `actor_registered` event
    /// naming "Mallory" a supervisor, and has Mallory authorise an export. With every key the
    /// store lists as trusted, verify-package follows Mallory's authority back and refuses it; an
    /// actor revoked before it signed is refused offline too.
    @Test func aSelfMadeSupervisorAuthorisesNothingOffline() throws {
        let store = try TestSupport.newStore(analysts: ["R. Analyst", "S. Leaver"])
        let exhibit = try #require(try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "M-1", actor: "R. Analyst").exhibit)
        let clip = exhibit.description
        let analyst = try store.ledger.signer(for: "R. Analyst")
        let mallory = Signer(name: "Mallory", role: .supervisor, key: Curve25519.Signing.PrivateKey())
        try store.ledger.catalog.write { db in
            let event = try CustodyLog.append(db, action: "actor_registered", signer: analyst, exhibit: nil, details: [
                "registered_actor": "Mallory", "role": "supervisor", "public_key": mallory.publicKeyHex, "command": "actor add",
                "key_file": "kept where the key was made (only the public key was given)",
            ])
            try ActorRecord(name: "Mallory", role: "supervisor", publicKey: mallory.publicKeyHex, registeredSeq: event.seq,
                            registeredAt: event.recordedAt).insert(db)
        }
        let package = TestSupport.temporaryDirectory() + "/package"
        _ = try store.disclosure.export([clip], to: package, authoriser: mallory, requester: analyst, reason: "mine", recipient: "anyone",
                                        withFrames: false)
        let keys = try store.ledger.actors().map(\.verifierKey).joined(separator: "\n")
        let keyFile = TestSupport.temporaryDirectory() + "/keys.txt"
        try keys.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let verify = try TestSupport.dfc(["verify-package", package, "--keys", keyFile], actor: nil)
        #expect(verify.status == 1 && verify.stdout.contains("registers Mallory as supervisor, but R. Analyst had no authority to"),
                "\(verify.stdout)\(verify.stderr)")
        // A revoked actor's later signature, made by a modified DFC with its genuine key.
        _ = try store.ledger.revokeActor(name: "S. Leaver", reason: "left the unit", by: TestSupport.custodian)
        let leaver = try store.ledger.keys.load(for: "S. Leaver")
        let revokedSigner = Signer(name: "S. Leaver", role: .analyst, key: leaver)
        try store.ledger.catalog.write { db in
            _ = try CustodyLog.append(db, action: "accessed", signer: revokedSigner, exhibit: exhibit, details: ["command": "show"])
        }
        let second = TestSupport.temporaryDirectory() + "/package2"
        let custodian = try store.ledger.signer(for: TestSupport.custodian)
        _ = try store.disclosure.export([clip], to: second, authoriser: custodian, requester: custodian, reason: "court", recipient: "court",
                                        withFrames: false)
        let late = try TestSupport.dfc(["verify-package", second, "--keys", keyFile], actor: nil)
        #expect(late.status == 1 && late.stdout.contains("revoked S. Leaver: a revoked actor signs nothing"), "\(late.stdout)\(late.stderr)")

        // The same package without the revocation (an exporter that left it and its proof out and
        // resealed the bag): the keys as `actor list --verifier-keys` prints them mark the revoked
        // one, and both verifiers refuse the late signature by them alone; the bare keys cannot.
        let revocation = try #require(try store.ledger.actors().first { $0.name == "S. Leaver" }?.revokedBy)
        for file in ["events.jsonl", "proofs.jsonl"] {
            let path = second + "/dfc/custody/" + file
            let kept = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { line in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return ((object?["seq"] ?? object?["event"]) as? NSNumber)?.int64Value != revocation
            }
            try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        try TestSupport.resealTagManifests(second)
        let listed = try TestSupport.dfc(["actor", "list", "--verifier-keys", "--store", store.path], actor: nil)
        #expect(listed.stdout.contains("\trevoked by custody event \(revocation) at "), "\(listed.stdout)")
        try listed.stdout.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let marked = try TestSupport.dfc(["verify-package", second, "--keys", keyFile], actor: nil)
        #expect(marked.status == 1 && marked.stdout.contains("which the trusted keys say revoked S. Leaver"), "\(marked.stdout)\(marked.stderr)")
        let court = try TestSupport.run("/bin/bash", [TestSupport.script("court-verify"), second, keyFile])
        #expect(court.status != 0 && court.stderr.contains("signed by S. Leaver after custody event \(revocation) revoked its key"),
                "\(court.stdout)\(court.stderr)")
        try keys.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let bare = try TestSupport.run("/bin/bash", [TestSupport.script("court-verify"), second, keyFile])
        #expect(bare.status == 0, "\(bare.stdout)\(bare.stderr)")
    }
}
