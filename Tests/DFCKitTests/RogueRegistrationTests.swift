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
}
