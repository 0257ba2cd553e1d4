@testable import DFCKit
import Foundation
import GRDB
import Testing

/// What an insider holding the store's files, and an operator making ordinary mistakes, could
/// still do: forged SQLite indexes, actor rows edited or deleted, names that look alike.
@Suite struct InsiderTests {
    static let custodian = "Insp. A. Khan"
    static let analyst = "B. Officer"

    /// Two exhibits, reads, and an amendment of the second: built once, each test works on a copy.
    static let base: String = {
        let dir = TestSupport.temporaryDirectory()
        let store = dir + "/store"
        func dfc(_ arguments: [String], _ actor: String?) { TestSupport.dfcSucceeding(arguments + ["--store", store], actor: actor) }
        dfc(["actor", "add", custodian, "--role", "custodian"], nil)
        dfc(["actor", "add", analyst, "--role", "analyst"], custodian)
        dfc(["ingest", TestSupport.fixture("mjpeg.avi"), TestSupport.fixture("hevc.mkv"), "--case", "LHR-7"], analyst)
        dfc(["show", "EX-1"], analyst)
        dfc(["amend", "EX-2", "--case", "LHR-8", "--reason", "filed under the wrong case at intake"], custodian)
        dfc(["show", "EX-2"], analyst)
        return dir
    }()

    static func copy() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/copy"
        try #require(try TestSupport.run("/bin/cp", ["-a", base, dir]).status == 0)
        return dir + "/store"
    }

    static func dfc(_ arguments: [String], _ store: String, actor: String? = analyst) throws -> TestSupport.Run {
        try TestSupport.dfc(arguments + ["--store", store], actor: actor)
    }

    static func problems(_ audit: TestSupport.Run) -> [Substring] {
        audit.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEM\t") }
    }

    /// Makes SQLite's index `index` of `table` disagree with its table without touching a row: an
    /// index over a doctored expression is built, the two indexes' root pages are swapped through
    /// `PRAGMA writable_schema`, and the doctored one (now over the real b-tree) is dropped.
    static func forge(index: String, of table: String, expression: String, store: String) throws {
        let path = store + "/catalog.sqlite"
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "CREATE INDEX forged ON \(table)(\(expression))")
            let real = try #require(try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [index]))
            let forged = try #require(try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'forged'"))
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(sql: "UPDATE sqlite_master SET rootpage = CASE name WHEN ? THEN ? ELSE ? END WHERE name IN (?, 'forged')",
                           arguments: [index, forged, real, index])
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "DROP INDEX forged") }
    }

    @Test func aForgedCustodyIndexCannotShortenAnExportAndTheAuditNamesIt() throws {
        let store = try Self.copy()
        let amended = try #require(try DatabaseQueue(path: store + "/catalog.sqlite").read {
            try Int64.fetchOne($0, sql: "SELECT seq FROM custody_event WHERE action = 'amended'")
        })
        try Self.forge(index: "custody_event_exhibit", of: "custody_event",
                       expression: "CASE WHEN seq = \(amended) THEN NULL ELSE exhibit_id END", store: store)
        let package = TestSupport.temporaryDirectory() + "/package"
        let export = try Self.dfc(["export", "EX-2", "--output", package, "--authorized-by", Self.custodian, "--reason", "trial",
                                   "--recipient", "Crown Court"], store)
        #expect(export.status == 0, "\(export.stderr)")
        let shipped = try String(contentsOfFile: package + "/dfc/custody/events.jsonl", encoding: .utf8)
        #expect(shipped.contains("\"seq\":\(amended),"), "the amended event is shipped: the export reads the table, not the index")
        let verified = try TestSupport.dfc(["verify-package", package], actor: nil)
        #expect(verified.status == 0, "\(verified.stdout)")
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(Self.problems(audit).contains { $0.contains("integrity check") && $0.contains("custody_event_exhibit") }, "\(audit.stdout)")
    }

    /// An insider who forges the index of events by action so that intake does not see a camera's
    /// standing clock correction: footage of that camera then comes in uncorrected, and the audit,
    /// recomputing from the log what should have followed it, names the exhibit and the event.
    @Test func aForgedActionIndexThatHidesAStandingCorrectionIsNamedByTheAudit() throws {
        let store = try Self.copy()
        #expect(try Self.dfc(["source", "add", "CAM-3", "--at", "31.5,74.3"], store, actor: Self.custodian).status == 0)
        let corrected = try Self.dfc(["clock", "--source", "CAM-3", "--from", "2026-11-03T00:00:00Z", "--to", "2026-11-04T00:00:00Z",
                                      "--offset", "+00:01:00", "--reason", "station clock"], store, actor: Self.custodian)
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let standing = try #require(try DatabaseQueue(path: store + "/catalog.sqlite").read {
            try Int64.fetchOne($0, sql: "SELECT seq FROM custody_event WHERE action = 'camera_clock_corrected'")
        })
        try Self.forge(index: "custody_event_action", of: "custody_event",
                       expression: "CASE WHEN action = 'camera_clock_corrected' THEN 'hidden' ELSE action END, seq", store: store)
        let clip = try TimeLookupTests.clip("cam3.mp4", in: TestSupport.temporaryDirectory(), metadata: ["creation_time": "2026-11-03T12:00:00Z"])
        #expect(try Self.dfc(["ingest", clip, "--case", "LHR-7", "--source", "CAM-3"], store).status == 0)
        let shown = try Self.dfc(["show", "EX-3", "--json"], store)
        #expect(!shown.stdout.contains("\"standing\""), "the forged index hid the standing correction from intake: \(shown.stdout.prefix(300))")
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(Self.problems(audit).contains { $0.contains("EX-000003: ingested from CAM-3 after its standing clock corrections, it should follow custody events \(standing) but follows none") },
                "\(audit.stdout)")
    }

    @Test func aForgedFrameIndexAnswersNoFalseHitAndTheAuditNamesIt() throws {
        let store = try Self.copy()
        let real = try #require(try DatabaseQueue(path: store + "/catalog.sqlite").read {
            try Data.fetchOne($0, sql: "SELECT sha256 FROM frame WHERE exhibit_id = 1 AND stream = 0 AND idx = 3")
        })
        let planted = String(repeating: "ab", count: 32)
        try Self.forge(index: "frame_sha256", of: "frame",
                       expression: "CASE WHEN exhibit_id = 1 AND stream = 0 AND idx = 3 THEN x'\(planted)' ELSE sha256 END", store: store)
        let falseHit = try Self.dfc(["lookup", "--frame-sha256", planted], store)
        #expect(falseHit.status == 1 && !falseHit.stdout.contains("EX-000001"), "\(falseHit.stdout)")
        let genuine = try Self.dfc(["lookup", "--frame-sha256", real.map { String(format: "%02x", $0) }.joined()], store)
        #expect(genuine.status == 1, "the index hides the genuine frame from the lookup, which is why the audit must catch it")
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(Self.problems(audit).contains { $0.contains("integrity check") && $0.contains("frame_sha256") }, "\(audit.stdout)")
    }

    @Test func aForgedHashIndexCannotDisownAGenuineCopy() throws {
        let store = try Self.copy()
        try Self.forge(index: "sqlite_autoindex_exhibit_1", of: "exhibit",
                       expression: "CASE WHEN id = 1 THEN 'ff' || substr(sha256, 3) ELSE sha256 END", store: store)
        let verify = try Self.dfc(["verify", "--file", TestSupport.fixture("mjpeg.avi")], store)
        #expect(verify.status == 0 && verify.stdout.contains("EX-000001"), "\(verify.stdout)\(verify.stderr)")
        let sha = try FileDigest.compute(path: TestSupport.fixture("mjpeg.avi")).sha256
        let lookup = try Self.dfc(["lookup", "--sha256", sha], store)
        #expect(lookup.status == 0 && lookup.stdout.contains("EX-000001"), "\(lookup.stdout)")
        let planted = try Self.dfc(["lookup", "--sha256", "ff" + sha.dropFirst(2)], store)
        #expect(planted.status == 1, "\(planted.stdout)")
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(Self.problems(audit).contains { $0.contains("sqlite_autoindex_exhibit_1") }, "\(audit.stdout)")
    }

    /// An `exported` event whose digest of earlier events is not the log's (as an export misled by
    /// a forged index would have signed, here signed with the analyst's own key) is named.
    @Test func anExportThatCommittedToAShortenedHistoryIsNamed() throws {
        let path = try Self.copy()
        let store = try EvidenceStore(path: path)
        let signer = try store.ledger.signer(for: Self.analyst)
        try store.catalog.write { db in
            _ = try CustodyLog.append(db, action: "exported", signer: signer, exhibit: ExhibitID(2), details: [
                "prior_events": "3", "prior_events_digest": String(repeating: "0", count: 64), "authorization": "1",
            ])
        }
        let audit = try Self.dfc(["audit"], path, actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(Self.problems(audit).contains { $0.contains("(exported): committed to 3 earlier events of EX-000002") }, "\(audit.stdout)")
    }

    @Test func canonicallyEqualAndConfusableNamesAreOneActorOrRefused() throws {
        let store = try Self.copy()
        let composed = "Jos\u{E9}", decomposed = "Jose\u{301}"
        #expect(try Self.dfc(["actor", "add", composed, "--role", "analyst"], store, actor: Self.custodian).status == 0)
        let again = try Self.dfc(["actor", "add", decomposed, "--role", "analyst"], store, actor: Self.custodian)
        #expect(again.status != 0 && again.stderr.contains("already registered"), "\(again.stderr)")
        #expect(try Self.dfc(["show", "EX-1"], store, actor: decomposed).status == 0, "the decomposed spelling is the same actor")
        let cyrillic = try Self.dfc(["actor", "add", "B. Offic\u{435}r", "--role", "analyst"], store, actor: Self.custodian)
        #expect(cyrillic.status != 0 && cyrillic.stderr.contains("mixes the Cyrillic and Latin scripts"), "\(cyrillic.stderr)")
        let digits = try Self.dfc(["actor", "add", "B. 0ff1cer", "--role", "analyst"], store, actor: Self.custodian)
        #expect(digits.status != 0 && digits.stderr.contains("too like the registered actor \"B. Officer\""), "\(digits.stderr)")
        #expect(try Self.dfc(["audit"], store, actor: Self.custodian).status == 0)
    }

    /// Rows an insider adds, deletes or edits in the actor table: no command crashes, and the
    /// audit names each.
    @Test func actorRowsEditedByHandAreNamedAndCrashNothing() throws {
        let store = try Self.copy()
        #expect(try Self.dfc(["actor", "add", "C. Clerk", "--role", "analyst"], store, actor: Self.custodian).status == 0)
        let insider = try Insider(path: store)   // the guards dropped, and put back as they were
        try insider.execute("DELETE FROM actor WHERE name = 'C. Clerk'")   // never signed anything
        try insider.execute("UPDATE actor SET registered_at = '2020-01-01T00:00:00.000Z' WHERE name = ?", [Self.analyst])
        // The custodian's name again in other bytes (K + combining dot below, against the precomposed letter).
        try insider.execute("INSERT INTO actor SELECT 'Insp. A. Kha\u{6E}\u{307}', role, 'ff' || substr(public_key, 3), registered_seq, registered_at FROM actor WHERE name = ?",
                            [Self.custodian])
        try insider.execute("INSERT INTO actor SELECT 'Insp. A. Kha\u{1E45}', role, 'ee' || substr(public_key, 3), registered_seq, registered_at FROM actor WHERE name = ?",
                            [Self.custodian])
        for command in [["custody", "EX-1"], ["show", "EX-1"], ["lookup", "--case", "LHR-7"], ["verify", "EX-1"]] {
            let run = try Self.dfc(command, store)
            #expect(run.status == 0 && !run.stderr.contains("Fatal error"), "\(command): \(run.stderr)")
        }
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(audit.status == 1 && !audit.stderr.contains("Fatal error"), "\(audit.stderr)")
        let problems = Self.problems(audit)
        #expect(problems.contains { $0.contains("actor C. Clerk") && $0.contains("has no row for it") }, "\(audit.stdout)")
        #expect(problems.contains { $0.contains("actor \(Self.analyst)") && $0.contains("registered at 2020-01-01") }, "\(audit.stdout)")
        #expect(problems.contains { $0.contains("two rows of the actor table name it") }, "\(audit.stdout)")
    }

    /// An analyst promoted to supervisor in the actor table cannot authorise anything: a role is
    /// the one its signed registration gave.
    @Test func aRolePromotedByHandSignsNothing() throws {
        let store = try Self.copy()
        try Insider(path: store).execute("UPDATE actor SET role = 'supervisor' WHERE name = ?", [Self.analyst])
        let package = TestSupport.temporaryDirectory() + "/package"
        let export = try Self.dfc(["export", "EX-1", "--output", package, "--authorized-by", Self.analyst, "--reason", "mine",
                                   "--recipient", "anyone"], store)
        #expect(export.status != 0 && export.stderr.contains("disagrees with the actor_registered event"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: package))
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(Self.problems(audit).contains { $0.contains("actor \(Self.analyst)") && $0.contains("disagrees with the event that registered it") })
    }

    /// A package whose authorisation was signed by an analyst under a role it was never given (an
    /// insider with the analyst's key and a program of their own) fails the court's checks, with
    /// the store's trusted keys: a role is the one the shipped, signed registration gave.
    @Test func aPackageAuthorisedByAPromotedAnalystFailsTheCourtsChecks() throws {
        let path = try Self.copy()
        let store = try EvidenceStore(path: path)
        let analyst = try store.ledger.signer(for: Self.analyst)
        let promoted = Signer(name: analyst.name, role: .supervisor, key: analyst.key)
        let package = TestSupport.temporaryDirectory() + "/package"
        _ = try store.disclosure.export(["EX-1"], to: package, authoriser: promoted, requester: analyst, reason: "mine", recipient: "anyone",
                             withFrames: false)
        let keys = TestSupport.temporaryDirectory() + "/keys.txt"
        let list = try Self.dfc(["actor", "list", "--verifier-keys"], path, actor: Self.custodian)
        try list.stdout.write(toFile: keys, atomically: true, encoding: .utf8)
        let verify = try TestSupport.dfc(["verify-package", package, "--keys", keys], actor: nil)
        #expect(verify.status == 1 && (verify.stdout + verify.stderr).contains("registered as analyst, who may not authorise an export"),
                "\(verify.stdout)\(verify.stderr)")
        let court = try TestSupport.run("/bin/bash", [TestSupport.script("court-verify"), package, keys])
        #expect(court.status != 0 && (court.stdout + court.stderr).contains("registered as analyst"), "\(court.stdout)\(court.stderr)")
        let audit = try Self.dfc(["audit"], path, actor: Self.custodian)
        #expect(Self.problems(audit).contains { $0.contains("role as supervisor") && $0.contains("registered as analyst") }, "\(audit.stdout)")
    }

    /// The store's own commands cannot write into the store, nor into a kernel's file system.
    @Test func destinationsInsideTheStoreOrTheKernelAreRefused() throws {
        let store = try Self.copy()
        let attempts: [[String]] = [
            ["extract", "EX-1", "--frames", "0", "--output", store + "/vault"],
            ["extract", "EX-1", "--frames", "0", "--output", store + "/derived/x"],
            ["extract", "EX-1", "--frames", "0", "--output", store + "/keys"],
            ["extract", "EX-1", "--frames", "0", "--output", store + "/../store/tmp/x"],
            ["export", "EX-1", "--output", store + "/vault/pkg", "--authorized-by", Self.custodian, "--reason", "r", "--recipient", "c"],
            ["report", "EX-1", "--output", store + "/vault/r.html"],
            ["checkpoint", "--output", store + "/keys/c.txt"],
        ]
        for arguments in attempts {
            let run = try Self.dfc(arguments, store, actor: arguments[0] == "checkpoint" ? Self.custodian : Self.analyst)
            #expect(run.status != 0 && run.stderr.contains("is inside the evidence store"), "\(arguments): \(run.stderr)")
        }
        let kernel = try Self.dfc(["extract", "EX-1", "--frames", "0", "--output", "/dev/dfc-test-\(getpid())"], store)
        #expect(kernel.status != 0 && kernel.stderr.contains("is under /dev"), "\(kernel.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/dev/dfc-test-\(getpid())"))
        let proc = try Self.dfc(["report", "EX-1", "--output", "/proc/dfc-report.html"], store)
        #expect(proc.status != 0 && proc.stderr.contains("is under /proc"), "\(proc.stderr)")
        // A link to a file in the store: a report never writes through a link.
        let outside = TestSupport.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: outside + "/r.html", withDestinationPath: store + "/vault/r.html")
        let linked = try Self.dfc(["report", "EX-1", "--output", outside + "/r.html"], store)
        #expect(linked.status != 0 && linked.stderr.contains("already exists"), "\(linked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store + "/vault/r.html"))
        let audit = try Self.dfc(["audit"], store, actor: Self.custodian)
        #expect(audit.status == 0, "nothing was written into the store: \(audit.stdout)")
    }

    /// A destination that is a link to an empty folder is resolved once: the package is delivered
    /// there and the events name the folder it is in.
    @Test func aLinkedExportDestinationIsDeliveredWhereTheEventsSay() throws {
        let store = try Self.copy()
        let outside = TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: outside + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: outside + "/link", withDestinationPath: outside + "/real")
        let export = try Self.dfc(["export", "EX-1", "--output", outside + "/link", "--authorized-by", Self.custodian, "--reason", "trial",
                                   "--recipient", "Crown Court"], store)
        #expect(export.status == 0, "\(export.stderr)")
        let real = Destination.realPath(outside + "/real") ?? ""
        #expect(FileManager.default.fileExists(atPath: real + "/bag-info.txt"), "the package is in the folder the link named")
        let events = try String(contentsOfFile: real + "/dfc/custody/events.jsonl", encoding: .utf8)
        #expect(events.contains("\\\"destination\\\":\\\"\(real)\\\""), "\(events)")
        #expect(try TestSupport.dfc(["verify-package", real], actor: nil).status == 0)
    }

    /// A court clerk holding a printed frame learns which exhibit, frame and time it came from,
    /// and who extracted it.
    @Test func anExtractedPictureAnswersAsDerivedEvidence() throws {
        let store = try Self.copy()
        let frames = TestSupport.temporaryDirectory()
        #expect(try Self.dfc(["extract", "EX-1", "--frames", "4", "--output", frames], store).status == 0)
        let png = frames + "/EX-000001-s0-f000004.png"
        let verify = try Self.dfc(["verify", "--file", png], store)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("DERIVED\t") && verify.stdout.contains("extracted from EX-000001 (case LHR-7), stream 0, frame 4")
                && verify.stdout.contains("extracted by \(Self.analyst)"), "\(verify.stdout)")
        let json = try Self.dfc(["verify", "--file", png, "--json"], store)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let derived = (object?["derived"] as? [[String: Any]])?.first
        #expect((derived?["picture"] as? [String: Any])?["frame"] as? Int == 4 && derived?["extracted_by"] as? String == Self.analyst,
                "\(json.stdout)")
        let sha = try FileDigest.compute(path: png).sha256
        let lookup = try Self.dfc(["lookup", "--sha256", sha], store)
        #expect(lookup.status == 0 && lookup.stdout.contains("DERIVED: a picture extracted from EX-000001"), "\(lookup.stdout)")
        let show = try Self.dfc(["show", "EX-1"], store)
        #expect(show.stdout.contains("Extracted") && show.stdout.contains("frame 4") && show.stdout.contains(sha), "\(show.stdout)")
        let unrelated = try Self.dfc(["verify", "--file", TestSupport.fixture("cctv_h264.mp4")], store)
        #expect(unrelated.status == 1 && unrelated.stdout.hasPrefix("NOT REGISTERED"))
    }

    /// `batch --status` says what the batch's signed events say.
    @Test func batchStatusReportsTheSignedCounts() throws {
        let store = try Self.copy()
        let tree = TestSupport.temporaryDirectory() + "/tree"
        try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.fixture("bodycam.mp4"), toPath: tree + "/a.mp4")
        try FileManager.default.copyItem(atPath: TestSupport.fixture("mjpeg.avi"), toPath: tree + "/b.avi")   // already EX-1
        FileManager.default.createFile(atPath: tree + "/empty.mp4", contents: Data())
        let batch = try Self.dfc(["batch", tree, "--case", "LHR-7"], store)
        #expect(batch.status == 1, "a rejected file fails the batch: \(batch.stdout)")
        let summary = try #require(batch.stdout.split(separator: "\n").last)
        let status = try Self.dfc(["batch", "--status", "B-\(try Self.batchNumber(store))"], store)
        let line = try #require(status.stdout.split(separator: "\n").last)
        #expect(line.contains("1 ingested, 1 duplicates") && line.contains("1 rejected, of 3 files"), "\(line) against \(summary)")
    }

    static func batchNumber(_ store: String) throws -> Int64 {
        try #require(try DatabaseQueue(path: store + "/catalog.sqlite").read {
            try Int64.fetchOne($0, sql: "SELECT seq FROM custody_event WHERE action = 'batch_started'")
        })
    }

    @Test func anAuditorChecksButHandlesNoEvidence() throws {
        let store = try Self.copy()
        #expect(try Self.dfc(["actor", "add", "D. Auditor", "--role", "auditor"], store, actor: Self.custodian).status == 0)
        let ingest = try Self.dfc(["ingest", TestSupport.fixture("cctv_h264.mp4"), "--case", "X"], store, actor: "D. Auditor")
        #expect(ingest.status != 0 && ingest.stderr.contains("an auditor checks evidence and never handles it"), "\(ingest.stderr)")
        let extract = try Self.dfc(["extract", "EX-1", "--frames", "0", "--output", TestSupport.temporaryDirectory()], store, actor: "D. Auditor")
        #expect(extract.status != 0 && extract.stderr.contains("never handles it"), "\(extract.stderr)")
        #expect(try Self.dfc(["audit"], store, actor: "D. Auditor").status == 0)
        #expect(try Self.dfc(["checkpoint"], store, actor: "D. Auditor").status == 0)
    }
}
