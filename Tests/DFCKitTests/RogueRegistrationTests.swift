@testable import DFCKit
import Foundation
import Testing

/// An analyst who signs a camera registration with their own genuine key, past the library's
/// refusal (a modified DFC calling its internals): the register is kept by custodians and
/// supervisors, and the audit names the event by the role the analyst's registration gave.
@Suite struct RogueRegistrationTests {
    @Test func aCameraRegisteredWithAnAnalystsOwnKeyIsNamedByTheAudit() throws {
        let store = try TestSupport.newStore(analysts: ["R. Analyst"])
        #expect(throws: DFCError.self) { try store.registerSource("CAM-1", latitude: 31.5, longitude: 74.3, actor: "R. Analyst") }
        let signer = try store.ledger.signer(for: "R. Analyst")
        try store.ledger.catalog.write { db in
            let event = try CustodyLog.append(db, action: "source_registered", signer: signer, exhibit: nil,
                                              details: ["command": "source add", "name": "CAM-1", "latitude": "31.5", "longitude": "74.3"])
            try Catalog.insert(CameraSourceRow(seq: event.seq, name: "CAM-1", latitude: 31.5, longitude: 74.3, heading: nil, zone: nil), db)
        }
        let problems = try store.audit(actor: TestSupport.custodian).problems
        #expect(problems.contains { $0.contains("R. Analyst, an analyst, registered the camera CAM-1, which only a custodian or supervisor may do") },
                "\(problems)")
        #expect(problems.count == 1, "the event itself is genuine and linked: \(problems)")
    }

    /// A modified DFC that, ingesting a camera's footage, signs a correction said to follow the
    /// camera's standing one but with another offset (with a genuine key): the audit names it.
    @Test func aCorrectionThatMisquotesTheCamerasStandingOneIsNamedByTheAudit() throws {
        let store = try TestSupport.newStore()
        let custodian = TestSupport.custodian
        _ = try store.registerSource("CAM-2", latitude: 31.5, longitude: 74.3, actor: custodian)
        _ = try store.correctClock(source: "CAM-2", from: "2026-11-03T00:00:00Z", to: "2026-11-04T00:00:00Z", offset: "+00:01:00",
                                   reason: "station clock", actor: custodian)
        let standing = try #require(try store.ledger.catalog.read { db in try Catalog.events(action: "camera_clock_corrected", db).last?.seq })
        let clip = try TimeLookupTests.clip("a.mp4", in: TestSupport.temporaryDirectory(), metadata: ["creation_time": "2026-11-03T12:00:00Z"])
        // Registered without the camera (so no correction follows it in), then "followed" by hand with ten minutes.
        let id = try #require(try store.ingest(file: clip, caseID: "T-1", actor: custodian).exhibit).description
        #expect(try store.audit(actor: custodian).ok)
        let signer = try store.ledger.signer(for: custodian)
        try store.ledger.catalog.write { db in
            let record = try store.exhibits.resolve(id, db)
            try store.exhibits.appendCorrection(record, milliseconds: 600_000, zone: nil, reason: "station clock",
                                                details: ["source": "CAM-2", "range_from": "2026-11-03T00:00:00Z", "range_to": "2026-11-04T00:00:00Z",
                                                          "standing": String(standing), "command": "ingest"], signer: signer, db)
        }
        let problems = try store.audit(actor: custodian).problems
        #expect(problems.contains { $0.contains("follows the camera's standing correction \(standing), which is no camera_clock_corrected event before it saying the same") },
                "\(problems)")
        #expect(problems.count == 1, "the event itself is genuine and linked: \(problems)")
        // Quoting it rightly but by command, on an exhibit ingested after the standing event: only its ingest may.
        try store.ledger.catalog.write { db in
            try store.exhibits.appendCorrection(try store.exhibits.resolve(id, db), milliseconds: 60_000, zone: nil, reason: "station clock",
                                                details: ["source": "CAM-2", "range_from": "2026-11-03T00:00:00Z", "range_to": "2026-11-04T00:00:00Z",
                                                          "standing": String(standing)], signer: signer, db)
        }
        let more = try store.audit(actor: custodian).problems
        #expect(more.contains { $0.contains("applies the camera's standing correction \(standing) by command to an exhibit ingested after it") }, "\(more)")
    }
}
