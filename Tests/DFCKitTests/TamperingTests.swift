import Crypto
import Foundation
import Testing

/// An insider with the catalog (the SQLite file, or PostgreSQL's superuser with the triggers off:
/// the second pass of Scripts/test) and the vault tampers with a store the way the issue lists;
/// `dfc audit` must exit 1 and name what is wrong. An untouched store passes.
@Suite struct TamperingTests {
    static let custodian = "Insp. A. Khan"
    static let analyst = "B. Officer"
    static let registrar = "Registrar M. Osei"

    /// A store made through the CLI: two actors, two exhibits, reads, a checkpoint kept
    /// outside (`checkpoint.txt`), a read after it, a third exhibit with a timeline gap, and
    /// an amendment of the second's case, a second analysis of the third, and a still with
    /// EXIF metadata. Built once; each test tampers a copy.
    static let base: String = {
        let dir = TestSupport.temporaryDirectory()
        let store = dir + "/store"
        func dfc(_ arguments: [String], _ actor: String?) { TestSupport.dfcSucceeding(arguments + ["--store", store], actor: actor) }
        // On PostgreSQL (DFC_TEST_CATALOG=postgresql) a catalog there or the tests stop: never SQLite in its place.
        _ = TestSupport.newStorePathOrStop(at: store)
        dfc(["actor", "add", custodian, "--role", "custodian"], nil)
        dfc(["actor", "add", analyst, "--role", "analyst"], custodian)
        dfc(["ingest", TestSupport.fixture("mjpeg.avi"), TestSupport.fixture("hevc.mkv"), "--case", "LHR-7"], analyst)
        dfc(["show", "EX-1"], analyst)
        dfc(["frames", "EX-2"], analyst)
        dfc(["checkpoint", "--output", dir + "/checkpoint.txt"], custodian)
        dfc(["show", "EX-2"], analyst)
        dfc(["ingest", TestSupport.fixture("gap_5s.mp4"), "--case", "LHR-7", "--source", "Camera 12"], analyst)
        dfc(["amend", "EX-2", "--case", "LHR-8", "--reason", "filed under the wrong case at intake"], custodian)
        dfc(["reanalyze", "EX-3", "--reason", "validation of the decoder"], analyst)
        dfc(["ingest", TestSupport.fixture("still_exif.jpg"), "--case", "LHR-7"], analyst)   // EX-4, with EXIF
        dfc(["actor", "add", registrar, "--role", "supervisor"], custodian)
        dfc(["checkpoint", "--cosign", dir + "/checkpoint.txt", "--output", dir + "/cosigned.txt"], registrar)
        return dir
    }()

    enum Tampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case editEventField, deleteEvent, reorderEvents, replaceFrameHash, deleteFrameRows, forgeWithUnregisteredKey,
             forgeAsUnknownActor, swapVaultFile, plantVaultFile, truncateLog, truncateAndRebuild, replaceActorKey,
             editStoredCheckpoint, deleteEveryFinding, moveExhibitToAnotherCase, changeSource, shiftFramePTS,
             changePictureType, changeStreamCodec, removeWholeExhibit, deletePacketRow, editFindingMessage,
             addExhibitByHand, deleteAmendment, editAmendment, editReanalysedFrame, removeReanalysis, addAnalysisByHand,
             editAnalysisReason, replacePDQHash, deletePDQRow, editExifLocation, replaceCosignature, deleteCosignedCheckpoint,
             forgeMerkleNode
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
            case .deleteEveryFinding, .editFindingMessage: ["EX-000003", "finding rows no longer match"]
            case .moveExhibitToAnotherCase: ["EX-000001", "exhibit row (case, source", "no longer match"]
            case .changeSource: ["EX-000003", "exhibit row (case, source", "no longer match"]
            case .shiftFramePTS, .changePictureType: ["EX-000002", "frame rows no longer match"]
            case .changeStreamCodec: ["EX-000002", "stream rows no longer match"]
            case .removeWholeExhibit: ["EX-000001", "(ingested) names it, but the catalog has no such exhibit"]
            case .deletePacketRow: ["EX-000001", "packet rows no longer match"]
            case .addExhibitByHand: ["EX-000005", "has no ingested custody event"]
            case .deleteAmendment: ["EX-000002", "(amended) has no amendment row"]
            case .editAmendment: ["amendment", "EX-000002", "disagrees with the amended event"]
            case .editReanalysedFrame: ["EX-000003", "frame rows of its analysis 1 no longer match", "reanalysed event"]
            case .removeReanalysis: ["EX-000003", "(reanalysed) recorded analysis 1, but the catalog has no such analysis"]
            case .addAnalysisByHand: ["EX-000001", "analysis 2 has no reanalysed custody event"]
            case .editAnalysisReason: ["EX-000003", "analysis row (container, libraries, counts, reason) of its analysis 1 no longer match"]
            case .replacePDQHash: ["EX-000001", "PDQ hash rows no longer match"]
            case .deletePDQRow: ["EX-000003", "PDQ hash rows of its analysis 1 no longer match"]
            case .editExifLocation: ["EX-000004", "exhibit row (case, source", "no longer match"]
            case .replaceCosignature: ["cosigned checkpoint", "Registrar M. Osei", "not by the key registered"]
            case .deleteCosignedCheckpoint: ["(cosigned) recorded a cosigned checkpoint that is no longer stored"]
            case .forgeMerkleNode: ["merkle_node", "disagree with the tree of the log's events", "1 wrong", "level 1, index 0"]
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

    /// The gap the README states: a log cut back and regrown by someone who can sign, with
    /// the stored checkpoints deleted too, and with everything the cut events recorded (here
    /// the third exhibit, its second analysis, the still and the amendment) removed as well, looks whole to a store that kept
    /// nothing outside. The checkpoint held outside is what catches it (the case above); an
    /// insider who cuts the log and leaves the rows behind is caught without one.
    @Test func aTruncatedAndRebuiltLogIsInvisibleWithoutACheckpointHeldOutside() throws {
        let dir = try copyOfBase()
        let store = dir + "/store"
        let cutOnly = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(cutOnly.status == 0)
        try tamper(.truncateAndRebuild, store: store, checkpoint: dir + "/checkpoint.txt")
        let rowsLeft = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(rowsLeft.status == 1 && rowsLeft.stdout.contains("EX-000003: has no ingested custody event"), "\(rowsLeft.stdout)")

        let insider = try Insider(path: store)
        // Everything the cut events recorded: the third exhibit (and its second analysis), the still, the amendment, the registrar.
        let vaultPaths = try insider.strings("SELECT vault_path FROM exhibit WHERE id >= 3")
        try insider.execute("DELETE FROM amendment")
        for table in ["analysis_stream", "analysis_packet", "analysis_frame", "analysis_finding", "analysis_pdq", "analysis"] {
            try insider.execute("DELETE FROM \(table)")
        }
        for table in ["packet", "frame", "stream", "finding", "pdq"] { try insider.execute("DELETE FROM \(table) WHERE exhibit_id >= 3") }
        try insider.execute("DELETE FROM exhibit WHERE id >= 3")
        try insider.execute("DELETE FROM actor WHERE name = ?", [Self.registrar])
        for vaultPath in vaultPaths {
            chmod(store + "/" + vaultPath, 0o644)
            try FileManager.default.removeItem(atPath: store + "/" + vaultPath)
        }
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 0, "\(audit.stdout)")
    }

    /// Scripts/verify-rows, written from the README's layout with Python's standard library,
    /// agrees with DFC: every exhibit of the untouched store matches its ingested event and
    /// every later analysis its reanalysed event, and a changed picture type or picture hash is named.
    @Test func anOutsiderRecomputesTheRowDigests() throws {
        let dir = try copyOfBase()
        guard try Insider(path: dir + "/store").database == nil else { return }   // the script reads catalog.sqlite
        let script = TestSupport.packageRoot.appendingPathComponent("Scripts/verify-rows").path
        let clean = try TestSupport.run("/usr/bin/env", ["python3", script, dir + "/store/catalog.sqlite"])
        #expect(clean.status == 0 && clean.stdout == "EX-000001\tok\nEX-000002\tok\nEX-000003\tok\nEX-000004\tok\nEX-000003 analysis-row 1\tok\n", "\(clean.stdout)\(clean.stderr)")
        try tamper(.changePictureType, store: dir + "/store", checkpoint: dir + "/checkpoint.txt")
        let caught = try TestSupport.run("/usr/bin/env", ["python3", script, dir + "/store/catalog.sqlite"])
        #expect(caught.status == 1 && caught.stdout.contains("EX-000002\tMISMATCH frames"), "\(caught.stdout)\(caught.stderr)")
        try tamper(.editReanalysedFrame, store: dir + "/store", checkpoint: dir + "/checkpoint.txt")
        let later = try TestSupport.run("/usr/bin/env", ["python3", script, dir + "/store/catalog.sqlite"])
        #expect(later.stdout.contains("EX-000003 analysis-row 1\tMISMATCH frames"), "\(later.stdout)\(later.stderr)")
    }

    /// A case or source changes only through a signed amendment, by a custodian or supervisor;
    /// lookups and `show` follow the current value, and `show` keeps the history.
    @Test func anAmendmentIsASignedEventNotAnUpdate() throws {
        let dir = try copyOfBase()
        let store = dir + "/store"
        let refused = try TestSupport.dfc(["amend", "EX-1", "--case", "X", "--reason", "mine now", "--store", store], actor: Self.analyst)
        #expect(refused.status == 77 && refused.stderr.contains("B. Officer (analyst) may not amend an exhibit"), "\(refused.stderr)")
        let moved = try TestSupport.dfc(["lookup", "--case", "LHR-8", "--store", store], actor: Self.analyst)
        #expect(moved.stdout.contains("EX-000002") && !moved.stdout.contains("EX-000001"), "\(moved.stdout)")
        let stayed = try TestSupport.dfc(["lookup", "--case", "LHR-7", "--store", store], actor: Self.analyst)
        #expect(!stayed.stdout.contains("EX-000002") && stayed.stdout.contains("EX-000001"), "\(stayed.stdout)")
        let show = try TestSupport.dfc(["show", "EX-2", "--store", store], actor: Self.analyst)
        #expect(show.stdout.contains("Case       LHR-8"))
        #expect(show.stdout.contains("by \(Self.custodian) (custody event") && show.stdout.contains("case LHR-7 → LHR-8; reason: filed under the wrong case at intake"),
                "\(show.stdout)")
        #expect(try Insider(path: store).strings("SELECT case_id FROM exhibit WHERE id = 2") == ["LHR-7"], "the ingested row is never updated")
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 0, "\(audit.stdout)")
    }

    private func copyOfBase() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/copy"
        let copy = try TestSupport.run("/bin/cp", ["-a", Self.base, dir])
        try #require(copy.status == 0, "\(copy.stderr)")
        // On PostgreSQL the copy gets a database of its own, copied from the base's.
        try #require(try TestSupport.run("/bin/rm", ["-rf", dir + "/store"]).status == 0)
        try Insider(path: Self.base + "/store").forkFolder(to: dir + "/store")
        return dir
    }

    private func tamper(_ tampering: Tampering, store: String, checkpoint: String) throws {
        let db = try Insider(path: store)
        let checkpointSize = IndependentVerifier.checkpointHead(try String(contentsOfFile: checkpoint, encoding: .utf8)).size
        do {
            switch tampering {
            case .editEventField:   // event 5 is the first read (show EX-1): make it say it was something else
                try db.execute(#"UPDATE custody_event SET payload = replace(payload, '"command":"show"', '"command":"lookup"') WHERE seq = 5"#)
                let payload = try #require(try db.strings("SELECT payload FROM custody_event WHERE seq = 5").first)
                try db.execute("UPDATE custody_event SET hash = ? WHERE seq = 5", [IndependentVerifier.hexString(
                    IndependentVerifier.sha256(Array(payload.utf8)))])
            case .deleteEvent:
                try db.execute("DELETE FROM custody_event WHERE seq = 4")
            case .reorderEvents:
                try db.execute("UPDATE custody_event SET seq = -1 WHERE seq = 4")
                try db.execute("UPDATE custody_event SET seq = 4 WHERE seq = 5")
                try db.execute("UPDATE custody_event SET seq = 5 WHERE seq = -1")
            case .replaceFrameHash:
                try db.execute("UPDATE frame SET sha256 = \(db.zeroHash) WHERE exhibit_id = 2 AND idx = 3")
            case .deleteFrameRows:
                try db.execute("DELETE FROM frame WHERE exhibit_id = 1 AND idx >= 5")
            case .forgeWithUnregisteredKey:
                try forgeEvent(db, actor: Self.analyst)
            case .forgeAsUnknownActor:
                try forgeEvent(db, actor: "Mallory")
            case .swapVaultFile:
                let vaultPath = try #require(try db.strings("SELECT vault_path FROM exhibit WHERE id = 1").first)
                let file = store + "/" + vaultPath
                chmod(file, 0o644)
                try FileManager.default.removeItem(atPath: file)
                try FileManager.default.copyItem(atPath: TestSupport.fixture("mpeg2.ts"), toPath: file)
            case .plantVaultFile:
                try FileManager.default.createDirectory(atPath: store + "/vault/00", withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: store + "/vault/00/planted", contents: Data("planted".utf8))
            case .truncateLog:
                try db.execute("DELETE FROM custody_event WHERE seq > CAST(? AS INTEGER)", [String(checkpointSize - 2)])
            case .truncateAndRebuild:   // the tree kept with the log cut back too: every subtree that covers a cut event
                try db.execute("DELETE FROM custody_event WHERE seq > CAST(? AS INTEGER)", [String(checkpointSize - 2)])
                try db.execute("DELETE FROM merkle_node WHERE \(Insider.lastLeafOfNode) > CAST(? AS INTEGER)", [String(checkpointSize - 2)])
                try db.execute("DELETE FROM checkpoint")
                try db.execute("DELETE FROM cosigned_checkpoint")
            case .replaceActorKey:
                let key = IndependentVerifier.hexString(Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation))
                try db.execute("UPDATE actor SET public_key = ? WHERE name = ?", [key, Self.analyst])
            case .editStoredCheckpoint:   // a log rewritten, and its stored checkpoint's root with it
                let text = try #require(try db.strings("SELECT text FROM checkpoint").first)
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines[2] = Data(repeating: 0x11, count: 32).base64EncodedString()
                try db.execute("UPDATE checkpoint SET text = ?, root_hash = ?", [lines.joined(separator: "\n"), String(repeating: "11", count: 32)])
            case .deleteCosignedCheckpoint:
                try db.execute("DELETE FROM cosigned_checkpoint")
            case .forgeMerkleNode:   // the stored root of the first two events' subtree, so that new tree heads would be false
                try db.execute("UPDATE merkle_node SET hash = \(db.database == nil ? "x'" + String(repeating: "22", count: 32) + "'" : "'\\x" + String(repeating: "22", count: 32) + "'::bytea") WHERE level = 1 AND idx = 0")
            case .replaceCosignature:   // the registrar's signature swapped for the custodian's
                let text = try #require(try db.strings("SELECT text FROM cosigned_checkpoint").first)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let custodianSignature = try #require(lines.first { $0.contains("Khan") }?.split(separator: " ").last)
                let forged = lines.map { $0.contains("Osei") ? $0.split(separator: " ").dropLast().joined(separator: " ") + " " + custodianSignature : $0 }
                try db.execute("UPDATE cosigned_checkpoint SET text = ?", [forged.joined(separator: "\n")])
            case .deleteEveryFinding:   // the timeline_gap erased from the record, and the rest with it
                try #require(try db.strings("SELECT count(*) FROM finding WHERE exhibit_id = 3 AND kind = 'timeline_gap'") != ["0"])
                try db.execute("DELETE FROM finding")
            case .moveExhibitToAnotherCase:
                try db.execute("UPDATE exhibit SET case_id = 'OTHER-CASE' WHERE id = 1")
            case .changeSource:
                try db.execute("UPDATE exhibit SET source = 'Camera 13' WHERE id = 3")
            case .shiftFramePTS:
                try db.execute("UPDATE frame SET pts = pts + 1, pts_seconds = pts_seconds + 0.04 WHERE exhibit_id = 2 AND idx = 4")
            case .changePictureType:
                #expect(try db.execute("""
                    UPDATE frame SET pict_type = 'I' WHERE exhibit_id = 2
                    AND idx = (SELECT min(idx) FROM frame WHERE exhibit_id = 2 AND pict_type <> 'I')
                    """) == 1)
            case .changeStreamCodec:
                try db.execute("UPDATE stream SET codec = 'h264' WHERE exhibit_id = 2 AND idx = 0")
            case .removeWholeExhibit:   // every row and the vault file; its custody events stay, pointing at nothing
                let vaultPath = try #require(try db.strings("SELECT vault_path FROM exhibit WHERE id = 1").first)
                for table in ["packet", "frame", "stream", "finding", "pdq"] { try db.execute("DELETE FROM \(table) WHERE exhibit_id = 1") }
                try db.execute("DELETE FROM exhibit WHERE id = 1")
                chmod(store + "/" + vaultPath, 0o644)
                try FileManager.default.removeItem(atPath: store + "/" + vaultPath)
            case .deletePacketRow:
                try db.execute("DELETE FROM packet WHERE exhibit_id = 1 AND idx = 3")
            case .editFindingMessage:
                try db.execute("UPDATE finding SET message = 'no damage found' WHERE exhibit_id = 3")
            case .addExhibitByHand:
                try db.execute("""
                    INSERT INTO exhibit SELECT 5, case_id, source, 'ff' || substr(sha256, 3), sha512, size, original_name,
                    original_path, vault_path, format, container_json, libraries, packet_count, frame_count, packets_digest,
                    frames_digest, ingested_at, ingested_by FROM exhibit WHERE id = 1
                    """)
            case .deleteAmendment:
                try db.execute("DELETE FROM amendment")
            case .editAmendment:
                try db.execute("UPDATE amendment SET case_id = 'LHR-9'")
            case .editReanalysedFrame:   // the later analysis made to agree with something else
                #expect(try db.execute("UPDATE analysis_frame SET sha256 = \(db.zeroHash) WHERE analysis_id = 1 AND idx = 7") == 1)
            case .removeReanalysis:   // the second analysis, and every row of it, gone
                for table in ["analysis_packet", "analysis_frame", "analysis_stream", "analysis_finding"] {
                    try db.execute("DELETE FROM \(table) WHERE analysis_id = 1")
                }
                try db.execute("DELETE FROM analysis")
            case .addAnalysisByHand:   // a made-up analysis of another exhibit, with no event
                try db.execute("""
                    INSERT INTO analysis SELECT 2, 1, format, container_json, libraries, packet_count, frame_count, analysed_at,
                    analysed_by, reason FROM analysis WHERE id = 1
                    """)
            case .editAnalysisReason:
                try db.execute("UPDATE analysis SET reason = 'routine'")
            case .replacePDQHash:   // a picture made to match (or miss) someone's hash list
                #expect(try db.execute("UPDATE pdq SET hash = \(db.zeroHash) WHERE exhibit_id = 1 AND idx = 0") == 1)
            case .deletePDQRow:
                #expect(try db.execute("DELETE FROM analysis_pdq WHERE analysis_id = 1 AND idx = 0") == 1)
            case .editExifLocation:   // the still "taken" somewhere else
                #expect(try db.execute("UPDATE exhibit SET container_json = replace(container_json, '31.5589167', '31.6000000') WHERE id = 4") == 1)
            }
        }
        if tampering == .truncateAndRebuild {   // regrow the log past the checkpoint with genuine, signed events
            for _ in 0..<4 { #expect(try TestSupport.dfc(["show", "EX-1", "--store", store], actor: Self.analyst).status == 0) }
        }
    }

    /// Appends an event that links correctly to the chain and is signed, but with a key the
    /// insider made: exactly what someone with the SQLite file and no actor's key can do.
    private func forgeEvent(_ db: Insider, actor: String) throws {
        let last = try #require(try db.strings("SELECT seq || ' ' || hash FROM custody_event ORDER BY seq DESC LIMIT 1").first)
            .split(separator: " ").map(String.init)
        let seq = try #require(Int64(last[0])) + 1, previous = last[1]
        let key = Curve25519.Signing.PrivateKey()
        let payload: [String: AnyEncodable] = [
            "v": .init(2), "seq": .init(seq), "prev": .init(previous), "action": .init("accessed"),
            "actor": .init(actor), "role": .init("analyst"), "at": .init("2026-11-21T12:00:00.000Z"), "exhibit": .init("EX-000001"),
            "key": .init(IndependentVerifier.hexString(Array(key.publicKey.rawRepresentation))), "details": .init(["command": "show"]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(payload)
        try db.execute("""
            INSERT INTO custody_event (seq, exhibit_id, action, actor, recorded_at, payload, prev_hash, hash, signature)
            VALUES (CAST(? AS INTEGER), 1, 'accessed', ?, '2026-11-21T12:00:00.000Z', ?, ?, ?, ?)
            """, [String(seq), actor, String(decoding: bytes, as: UTF8.self), previous,
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
