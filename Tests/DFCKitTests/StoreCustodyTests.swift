import Crypto
import DFCKit
import Foundation
import GRDB
import Testing

/// Duplicates, lookups, verification, the append-only custody log and the audit.
@Suite struct StoreCustodyTests {
    let actor = "T. Tester"

    @Test func duplicateIngestStoresOneCopyAndRecordsAcquisition() throws {
        let store = try TestSupport.newStore(analysts: ["B. Officer"])
        let first = try store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "C", actor: actor)
        let copy = TestSupport.temporaryDirectory() + "/renamed.mp4"
        try FileManager.default.copyItem(atPath: TestSupport.fixture("cctv_h264.mp4"), toPath: copy)
        let second = try store.intake.ingest(file: copy, caseID: "C2", actor: "B. Officer")
        #expect(second.status == .duplicate)
        #expect(second.exhibit == first.exhibit)
        let vaultFiles = try FileManager.default.subpathsOfDirectory(atPath: store.path + "/vault").filter { $0.count > 10 }
        #expect(vaultFiles.count == 1)
        let events = try store.reading.custody(of: first.exhibit!.description, actor: actor)
        #expect(events.map(\.action) == ["ingested", "acquired", "accessed"])
        #expect(events[1].actor == "B. Officer")
        #expect(events[1].details["original_path"] == copy)
        #expect(events[0].details["frame_count"] == "50")
    }

    @Test func lookupByFileHashFrameHashCaseAndSource() throws {
        let store = try TestSupport.newStore()
        let a = try store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "LHR-1", source: "PSCA cam 12, Mall Road", actor: actor)
        _ = try store.intake.ingest(file: TestSupport.fixture("hevc.mkv"), caseID: "LHR-2", actor: actor)
        #expect(try store.reading.lookup(.sha256(a.sha256!), actor: actor).map(\.exhibit) == [a.exhibit!])
        #expect(try store.reading.lookup(.sha256(String(a.sha256!.prefix(12))), actor: actor).map(\.exhibit) == [a.exhibit!])
        #expect(try store.reading.lookup(.caseID("LHR-1"), actor: actor).count == 1)
        #expect(try store.reading.lookup(.sourceContains("mall road"), actor: actor).count == 1)
        #expect(try store.reading.lookup(.source("PSCA cam 12, Mall Road"), actor: actor).count == 1)
        #expect(try store.reading.lookup(.source("mall road"), actor: actor).isEmpty)   // a source is named whole
        #expect(try store.reading.lookup(.caseID("nope"), actor: actor).isEmpty)
        let frames = try store.reading.frames(of: a.exhibit!.description, actor: actor)
        let hits = try store.reading.lookup(.frameSHA256(frames[7].sha256), actor: actor)
        #expect(hits.contains { $0.exhibit == a.exhibit && $0.frame == 7 && $0.stream == 0 })
        #expect(try store.reading.lookup(.frameSHA256(String(repeating: "ab", count: 32)), actor: actor).isEmpty)
    }

    @Test func verifyFileIdenticalAndOneByteChanged() throws {
        let store = try TestSupport.newStore(analysts: ["Court Clerk"])
        let original = TestSupport.fixture("mpeg2.ts")
        let ingested = try store.intake.ingest(file: original, caseID: "C", actor: actor)
        let directory = TestSupport.temporaryDirectory()
        let copy = directory + "/copy-from-usb.ts"
        try FileManager.default.copyItem(atPath: original, toPath: copy)
        let same = try store.integrity.verify(file: copy, actor: "Court Clerk")
        #expect(same.identical)
        #expect(same.exhibit == ingested.exhibit)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        bytes[bytes.count / 2] ^= 0x01
        let altered = directory + "/altered.ts"
        try bytes.write(to: URL(fileURLWithPath: altered))
        let different = try store.integrity.verify(file: altered, actor: "Court Clerk")
        #expect(!different.identical)
        #expect(different.exhibit == nil)
        #expect(try store.integrity.verify([ingested.exhibit!.description], actor: actor).allSatisfy { $0.ok })
    }

    @Test func custodyEventsRefuseUpdateAndDelete() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        let insider = try Insider(store)
        #expect(try !insider.attempt("UPDATE custody_event SET actor = 'Someone Else'"))
        #expect(try !insider.attempt("DELETE FROM custody_event"))
        let actors = try insider.strings("SELECT actor FROM custody_event ORDER BY seq")
        #expect(actors == [actor, actor])   // registered, ingested
    }

    @Test func cleanStorePassesAudit() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        _ = try store.intake.ingest(file: TestSupport.fixture("not_video.mp4"), caseID: "C", actor: actor)
        let report = try store.integrity.audit(actor: actor)
        #expect(report.ok, "\(report.problems)")
        #expect(report.exhibitsChecked == 2)
        #expect(try store.integrity.audit(actor: actor).ok)   // the audited event itself keeps the chain whole
    }

    @Test func auditFindsAFlippedByteInTheVault() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        let report = try store.reading.exhibit(result.exhibit!.description, actor: actor)
        let vaultFile = store.path + "/" + report.vaultPath
        #expect(((try FileManager.default.attributesOfItem(atPath: vaultFile))[.posixPermissions] as? Int) == 0o444)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: vaultFile)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: vaultFile))
        bytes[1000] ^= 0x80
        try bytes.write(to: URL(fileURLWithPath: vaultFile))
        let audit = try store.integrity.audit(actor: actor)
        #expect(!audit.ok)
        #expect(audit.problems.contains { $0.contains(result.exhibit!.description) && $0.contains("SHA-256") })
        #expect(try store.integrity.verify([result.exhibit!.description], actor: actor).first?.ok == false)
    }

    @Test func auditFindsRewrittenEventsAndRows() throws {
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: TestSupport.fixture("hevc.mkv"), caseID: "C", actor: actor)
        _ = try store.reading.exhibit(result.exhibit!.description, actor: actor)
        // An insider with the catalog out of the triggers' way rewrites who ingested it, payload
        // and hash both, so the event is self-consistent; edits the actor column of another
        // event without touching its payload; and replaces a frame hash.
        let insider = try Insider(store)
        let payload = try #require(try insider.strings("SELECT payload FROM custody_event WHERE seq = 1").first)
            .replacingOccurrences(of: actor, with: "Nobody")
        let hash = SHA256.hash(data: Data(payload.utf8)).map { String(format: "%02x", $0) }.joined()
        try insider.execute("UPDATE custody_event SET actor = 'Nobody', payload = ?, hash = ? WHERE seq = 1", [payload, hash])
        try insider.execute("UPDATE custody_event SET actor = 'Somebody' WHERE seq = 2")
        try insider.execute("UPDATE frame SET sha256 = \(insider.zeroHash) WHERE idx = 3")
        let audit = try store.integrity.audit(actor: actor)
        #expect(!audit.ok)
        #expect(audit.problems.contains { $0.contains("custody event 2") && $0.contains("chain is broken") })
        #expect(audit.problems.contains { $0.contains("custody event 2") && $0.contains("columns disagree") })
        #expect(audit.problems.contains { $0.contains("frame rows") })
    }

    @Test func auditFindsAnEventEditedInPlace() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        try Insider(store).execute("UPDATE custody_event SET payload = replace(payload, '\(actor)', 'Nobody') WHERE seq = 1")
        let audit = try store.integrity.audit(actor: actor)
        #expect(audit.problems.contains { $0.contains("custody event 1") && $0.contains("altered") })
    }

    @Test func auditFindsAFileNoExhibitOwns() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        try FileManager.default.createDirectory(atPath: store.path + "/vault/00", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: store.path + "/vault/00/planted", contents: Data("x".utf8))
        let audit = try store.integrity.audit(actor: actor)
        #expect(audit.problems.contains { $0.contains("vault/00/planted") })
    }

    @Test func readsLeaveAccessEvents() throws {
        let store = try TestSupport.newStore(analysts: ["Reader One", "Reader Two", "Reader Three", "Reader Four", "Reader Five", "Reader Six"])
        let result = try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "C", actor: actor)
        let ref = result.exhibit!.description
        _ = try store.reading.exhibit(ref, actor: "Reader One")
        _ = try store.reading.frames(of: ref, actor: "Reader Two")
        _ = try store.reading.packets(of: ref, actor: "Reader Three")
        _ = try store.reading.lookup(.caseID("C"), actor: "Reader Four")
        _ = try store.integrity.verify([ref], actor: "Reader Five")
        let events = try store.reading.custody(of: ref, actor: "Reader Six")
        #expect(events.map(\.actor) == [actor, "Reader One", "Reader Two", "Reader Three", "Reader Four", "Reader Five", "Reader Six"])
        #expect(events.map(\.action) == ["ingested", "accessed", "accessed", "accessed", "accessed", "verified", "accessed"])
        #expect(events.map { $0.details["command"] } == [nil, "show", "frames", "packets", "lookup", "verify", "custody"])
        #expect(events.allSatisfy { $0.signatureValid && $0.role != nil })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.hash == $1.prevHash || $1.seq != $0.seq + 1 })
    }
}
