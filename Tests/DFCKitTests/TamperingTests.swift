import Crypto
import Foundation
import GRDB
import Testing

/// An insider with the SQLite file and the vault tampers with a store the way the issue
/// lists; `dfc audit` must exit 1 and name what is wrong. An untouched store passes.
@Suite struct TamperingTests {
    static let custodian = "Insp. A. Khan"
    static let analyst = "B. Officer"

    /// A store made through the CLI: two actors, two exhibits, reads, a checkpoint kept
    /// outside (`checkpoint.txt`), and a read after it. Built once; each test tampers a copy.
    static let base: String = {
        let dir = TestSupport.temporaryDirectory()
        let store = dir + "/store"
        func dfc(_ arguments: [String], _ actor: String?) {
            let result = try! TestSupport.dfc(arguments + ["--store", store], actor: actor)
            precondition(result.status == 0, "dfc \(arguments): \(result.stderr)")
        }
        dfc(["actor", "add", custodian, "--role", "custodian"], nil)
        dfc(["actor", "add", analyst, "--role", "analyst"], custodian)
        dfc(["ingest", TestSupport.fixture("mjpeg.avi"), TestSupport.fixture("hevc.mkv"), "--case", "LHR-7"], analyst)
        dfc(["show", "EX-1"], analyst)
        dfc(["frames", "EX-2"], analyst)
        dfc(["checkpoint", "--output", dir + "/checkpoint.txt"], custodian)
        dfc(["show", "EX-2"], analyst)
        return dir
    }()

    enum Tampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case editEventField, deleteEvent, reorderEvents, replaceFrameHash, deleteFrameRows, forgeWithUnregisteredKey,
             forgeAsUnknownActor, swapVaultFile, plantVaultFile, truncateLog, truncateAndRebuild, replaceActorKey,
             editStoredCheckpoint
        var testDescription: String { rawValue }

        /// What the audit must say (every fragment, in one PROBLEM line).
        var expected: [String] {
            switch self {
            case .editEventField: ["custody event 5", "signature does not verify"]
            case .deleteEvent: ["custody event 5", "expected event 4 here"]
            case .reorderEvents: ["custody event 4", "chain is broken"]
            case .replaceFrameHash: ["EX-000002", "frame rows no longer match"]
            case .deleteFrameRows: ["EX-000001", "frame rows no longer match"]
            case .forgeWithUnregisteredKey: ["not the key registered for B. Officer", "forged"]
            case .forgeAsUnknownActor: ["signed as Mallory", "not a registered actor"]
            case .swapVaultFile: ["EX-000001", "vault copy", "SHA-256 is"]
            case .plantVaultFile: ["vault/00/planted", "belongs to no exhibit"]
            case .truncateLog: ["stored checkpoint", "events were removed"]
            case .truncateAndRebuild: ["supplied checkpoint", "the log was rewritten"]
            case .replaceActorKey: ["actor B. Officer", "disagrees with the event that registered it"]
            case .editStoredCheckpoint: ["stored checkpoint", "signature does not verify"]
            }
        }
    }

    @Test func anUntouchedStorePasses() throws {
        let dir = try copyOfBase()
        let audit = try TestSupport.dfc(["audit", "--store", dir + "/store", "--checkpoint", dir + "/checkpoint.txt"], actor: Self.custodian)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.contains("CLEAN") && !audit.stdout.contains("PROBLEM"))
    }

    @Test(arguments: Tampering.allCases)
    func tamperingFailsTheAudit(_ tampering: Tampering) throws {
        let dir = try copyOfBase()
        let store = dir + "/store"
        try tamper(tampering, store: store, checkpoint: dir + "/checkpoint.txt")
        var arguments = ["audit", "--store", store]
        if tampering == .truncateAndRebuild { arguments += ["--checkpoint", dir + "/checkpoint.txt"] }
        let audit = try TestSupport.dfc(arguments, actor: Self.custodian)
        #expect(audit.status == 1, "\(audit.stdout)\(audit.stderr)")
        let problems = audit.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEM\t") }
        #expect(problems.contains { line in tampering.expected.allSatisfy { line.contains($0) } }, "\(audit.stdout)")
    }

    /// The gap the README states: a log cut back and regrown by someone who can sign,
    /// with the stored checkpoints deleted too, looks whole to a store that kept nothing
    /// outside. The checkpoint held outside is what catches it (the case above).
    @Test func aTruncatedAndRebuiltLogIsInvisibleWithoutACheckpointHeldOutside() throws {
        let dir = try copyOfBase()
        try tamper(.truncateAndRebuild, store: dir + "/store", checkpoint: dir + "/checkpoint.txt")
        let audit = try TestSupport.dfc(["audit", "--store", dir + "/store"], actor: Self.custodian)
        #expect(audit.status == 0, "\(audit.stdout)")
    }

    private func copyOfBase() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/copy"
        let copy = try TestSupport.run("/bin/cp", ["-a", Self.base, dir])
        try #require(copy.status == 0, "\(copy.stderr)")
        return dir
    }

    private func tamper(_ tampering: Tampering, store: String, checkpoint: String) throws {
        let db = try DatabaseQueue(path: store + "/catalog.sqlite")
        let checkpointSize = Int(try String(contentsOfFile: checkpoint, encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("tree_size ") }!.dropFirst(10))!
        try db.writeWithoutTransaction { db in
            for trigger in ["custody_event_no_update", "custody_event_no_delete", "actor_no_update", "checkpoint_no_delete", "checkpoint_no_update"] {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            switch tampering {
            case .editEventField:   // event 5 is the first read (show EX-1): make it say it was something else
                try db.execute(sql: #"UPDATE custody_event SET payload = replace(payload, '"command":"show"', '"command":"lookup"') WHERE seq = 5"#)
                let payload = try String.fetchOne(db, sql: "SELECT payload FROM custody_event WHERE seq = 5")!
                try db.execute(sql: "UPDATE custody_event SET hash = ? WHERE seq = 5", arguments: [IndependentVerifier.hexString(
                    IndependentVerifier.sha256(Array(payload.utf8)))])
            case .deleteEvent:
                try db.execute(sql: "DELETE FROM custody_event WHERE seq = 4")
            case .reorderEvents:
                try db.execute(sql: "UPDATE custody_event SET seq = -1 WHERE seq = 4")
                try db.execute(sql: "UPDATE custody_event SET seq = 4 WHERE seq = 5")
                try db.execute(sql: "UPDATE custody_event SET seq = 5 WHERE seq = -1")
            case .replaceFrameHash:
                try db.execute(sql: "UPDATE frame SET sha256 = zeroblob(32) WHERE exhibit_id = 2 AND idx = 3")
            case .deleteFrameRows:
                try db.execute(sql: "DELETE FROM frame WHERE exhibit_id = 1 AND idx >= 5")
            case .forgeWithUnregisteredKey:
                try forgeEvent(db, actor: Self.analyst)
            case .forgeAsUnknownActor:
                try forgeEvent(db, actor: "Mallory")
            case .swapVaultFile:
                let vaultPath = try String.fetchOne(db, sql: "SELECT vault_path FROM exhibit WHERE id = 1")!
                let file = store + "/" + vaultPath
                chmod(file, 0o644)
                try FileManager.default.removeItem(atPath: file)
                try FileManager.default.copyItem(atPath: TestSupport.fixture("mpeg2.ts"), toPath: file)
            case .plantVaultFile:
                try FileManager.default.createDirectory(atPath: store + "/vault/00", withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: store + "/vault/00/planted", contents: Data("planted".utf8))
            case .truncateLog:
                try db.execute(sql: "DELETE FROM custody_event WHERE seq > ?", arguments: [checkpointSize - 2])
            case .truncateAndRebuild:
                try db.execute(sql: "DELETE FROM custody_event WHERE seq > ?", arguments: [checkpointSize - 2])
                try db.execute(sql: "DELETE FROM checkpoint")
            case .replaceActorKey:
                let key = IndependentVerifier.hexString(Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation))
                try db.execute(sql: "UPDATE actor SET public_key = ? WHERE name = ?", arguments: [key, Self.analyst])
            case .editStoredCheckpoint:
                try db.execute(sql: "UPDATE checkpoint SET text = replace(text, 'role custodian', 'role supervisor')")
            }
        }
        if tampering == .truncateAndRebuild {   // regrow the log past the checkpoint with genuine, signed events
            for _ in 0..<4 { #expect(try TestSupport.dfc(["show", "EX-1", "--store", store], actor: Self.analyst).status == 0) }
        }
    }

    /// Appends an event that links correctly to the chain and is signed, but with a key the
    /// insider made: exactly what someone with the SQLite file and no actor's key can do.
    private func forgeEvent(_ db: Database, actor: String) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1")!
        let key = Curve25519.Signing.PrivateKey()
        let seq: Int64 = last["seq"] + 1
        let payload: [String: AnyEncodable] = [
            "v": .init(2), "seq": .init(seq), "prev": .init(last["hash"] as String), "action": .init("accessed"),
            "actor": .init(actor), "role": .init("analyst"), "at": .init("2026-11-21T12:00:00.000Z"), "exhibit": .init("EX-000001"),
            "key": .init(IndependentVerifier.hexString(Array(key.publicKey.rawRepresentation))), "details": .init(["command": "show"]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(payload)
        try db.execute(sql: """
            INSERT INTO custody_event (seq, exhibit_id, action, actor, recorded_at, payload, prev_hash, hash, signature)
            VALUES (?, 1, 'accessed', ?, '2026-11-21T12:00:00.000Z', ?, ?, ?, ?)
            """, arguments: [seq, actor, String(decoding: bytes, as: UTF8.self), last["hash"] as String,
                             IndependentVerifier.hexString(IndependentVerifier.sha256(Array(bytes))),
                             IndependentVerifier.hexString(Array(try key.signature(for: bytes)))])
    }
}

/// Any Encodable value, for building a forged payload by hand.
struct AnyEncodable: Encodable {
    let encode: (any Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encode = value.encode }
    func encode(to encoder: any Encoder) throws { try encode(encoder) }
}
