import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Exhibits {
    /// Changes an exhibit's case or source (or both) without touching what was ingested:
    /// records a signed `amended` custody event that says who, why, and what changed from
    /// what, with its row in `amendment`. Only a custodian or a supervisor may. Returns the
    /// exhibit as it now stands, its amendments included.
    public func amend(_ reference: String, caseID: String? = nil, source: String? = nil, reason: String, actor: String) throws -> ExhibitReport {
        let signer = try ledger.signer(for: actor)
        guard signer.role.mayAmend else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "amend an exhibit: only a custodian or a supervisor may")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("an amendment needs a reason (--reason TEXT)") }
        let caseID = try caseID.map { (value: String) throws(DFCError) in try SingleLine.checked(value, field: "the case identifier (--case)") }
        let source = try source.map { (value: String) throws(DFCError) in try SingleLine.checked(value, field: "the source (--source)") }
        guard caseID != "" else { throw DFCError.invalidArgument("--case needs a case identifier") }
        guard caseID != nil || source != nil else { throw DFCError.invalidArgument("nothing to amend: give --case, --source or both") }
        return try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                let now = try current(record, db)
                var details = ["reason": reason, "command": "amend"]
                if let caseID {
                    guard caseID != now.caseID else { throw DFCError.invalidArgument("\(record.exhibitID) is already in case \(caseID)") }
                    details["case"] = caseID
                    details["previous_case"] = now.caseID
                }
                if let source {
                    guard source != now.source else { throw DFCError.invalidArgument("\(record.exhibitID)'s source is already \(source)") }
                    details["source"] = source
                    details["previous_source"] = now.source ?? ""
                }
                let event = try CustodyLog.append(db, action: "amended", signer: signer, exhibit: record.exhibitID, details: details)
                try AmendmentRecord(seq: event.seq, exhibitID: record.id!, caseID: caseID, source: source, reason: reason).insert(db)
                return try report(record, db)
            }
        }
    }

    /// An exhibit's case and source as they stand, and the amendments that made them so.
    package func current(_ record: ExhibitRecord, _ db: CatalogDB) throws -> (caseID: String, source: String?, amendments: [Amendment]) {
        var caseID = record.caseID
        var source = record.source
        var amendments: [Amendment] = []
        for row in try Catalog.amendments(exhibit: record.id!, db) {
            let event = try CustodyEventRecord.fetchOne(db, key: row.seq)
            let details = event.flatMap { CustodyLog.decode($0) }?.details ?? [:]
            amendments.append(Amendment(
                event: row.seq, at: event?.recordedAt ?? "", actor: event?.actor ?? "", caseID: row.caseID,
                previousCaseID: row.caseID == nil ? nil : details["previous_case"], source: row.source,
                previousSource: row.source == nil ? nil : details["previous_source"], reason: row.reason))
            caseID = row.caseID ?? caseID
            source = row.source ?? source
        }
        return (caseID, source, amendments)
    }
}
