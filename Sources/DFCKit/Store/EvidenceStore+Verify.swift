import Foundation
import GRDB

extension EvidenceStore {
    /// Hashes the vault copy of each exhibit again and compares it with what was registered.
    /// Records a `verified` event on each, with the result.
    public func verify(_ references: [String], actor: String) throws -> [ExhibitVerification] {
        let actor = try Self.requireActor(actor)
        let records = try withCatalog { try catalog.read { db in try references.map { try resolve($0, db) } } }
        let results = records.map(checkVaultCopy)
        try withCatalog {
            try catalog.write { db in
                for (record, result) in zip(records, results) {
                    var details = ["command": "verify", "result": result.ok ? "match" : "MISMATCH", "sha256": record.sha256,
                                   "host": Host.name, "dfc_version": DFCVersion.current]
                    if let problem = result.problem { details["problem"] = problem }
                    try CustodyLog.append(db, action: "verified", actor: actor, exhibit: record.exhibitID, details: details)
                }
            }
        }
        return results
    }

    /// Whether the file at `path` is bit-identical (same size, SHA-256 and SHA-512) to a
    /// registered exhibit, and which. Records a `verified` event (on the exhibit when one matches).
    public func verify(file path: String, actor: String) throws -> FileVerification {
        let actor = try Self.requireActor(actor)
        try InputFile.check(path)
        let digest = try FileDigest.compute(path: path)
        return try withCatalog {
            try catalog.write { db in
                let match = try ExhibitRecord.filter(ExhibitRecord.Columns.sha256 == digest.sha256).fetchOne(db)
                let identical = match.map { $0.sha512 == digest.sha512 && $0.size == digest.size } ?? false
                let details = ["command": "verify --file", "path": Self.absolute(path), "sha256": digest.sha256,
                               "sha512": digest.sha512, "size": String(digest.size),
                               "result": identical ? "identical" : "not registered",
                               "host": Host.name, "dfc_version": DFCVersion.current]
                try CustodyLog.append(db, action: "verified", actor: actor, exhibit: identical ? match?.exhibitID : nil, details: details)
                return FileVerification(path: path, digest: digest, exhibit: identical ? match?.exhibitID : nil,
                                        caseID: identical ? match?.caseID : nil)
            }
        }
    }

    func checkVaultCopy(_ record: ExhibitRecord) -> ExhibitVerification {
        let path = vault.absolutePath(record.vaultPath)
        guard FileManager.default.fileExists(atPath: path) else {
            return ExhibitVerification(exhibit: record.exhibitID, ok: false, registeredSHA256: record.sha256, actualSHA256: nil,
                                       problem: "\(record.exhibitID): vault copy \(record.vaultPath) is missing")
        }
        let digest: FileDigest
        do {
            digest = try FileDigest.compute(path: path)
        } catch {
            return ExhibitVerification(exhibit: record.exhibitID, ok: false, registeredSHA256: record.sha256, actualSHA256: nil,
                                       problem: "\(record.exhibitID): vault copy \(record.vaultPath) cannot be read: \(error)")
        }
        var problems: [String] = []
        if digest.size != record.size { problems.append("size is \(digest.size) bytes, registered \(record.size)") }
        if digest.sha256 != record.sha256 { problems.append("SHA-256 is \(digest.sha256), registered \(record.sha256)") }
        if digest.sha512 != record.sha512 { problems.append("SHA-512 differs from the registered one") }
        return ExhibitVerification(
            exhibit: record.exhibitID, ok: problems.isEmpty, registeredSHA256: record.sha256, actualSHA256: digest.sha256,
            problem: problems.isEmpty ? nil : "\(record.exhibitID): vault copy \(record.vaultPath): " + problems.joined(separator: "; "))
    }

    /// Walks the whole custody chain, re-hashes every vault file, checks the packet and
    /// frame rows against what each `ingested` event committed to, and looks for vault
    /// files that belong to no exhibit. Records an `audited` event with the result.
    public func audit(actor: String) throws -> AuditReport {
        let actor = try Self.requireActor(actor)
        var problems: [String] = []
        let (events, records) = try withCatalog {
            try catalog.read { db -> (Int, [ExhibitRecord]) in
                let chain = try CustodyLog.verifyChain(db)
                problems += chain.problems
                let records = try ExhibitRecord.order(Column("id")).fetchAll(db)
                for record in records { problems += try checkRows(record, db) }
                return (chain.events, records)
            }
        }
        for record in records {
            if let problem = checkVaultCopy(record).problem { problems.append(problem) }
        }
        let known = Set(records.map(\.vaultPath))
        for file in vault.allFiles() where !known.contains(file) {
            problems.append("\(file): a file in the vault that belongs to no exhibit")
        }
        let report = AuditReport(eventsChecked: events, exhibitsChecked: records.count, problems: problems)
        try withCatalog {
            try catalog.write { db in
                try CustodyLog.append(db, action: "audited", actor: actor, exhibit: nil, details: [
                    "result": report.ok ? "clean" : "\(problems.count) problems", "events_checked": String(events),
                    "exhibits_checked": String(records.count), "host": Host.name, "dfc_version": DFCVersion.current,
                ])
            }
        }
        return report
    }

    /// The exhibit's packet and frame rows against the digests its `ingested` event holds.
    private func checkRows(_ record: ExhibitRecord, _ db: Database) throws -> [String] {
        let digests = try Catalog.rowDigests(exhibit: record.id!, db)
        let event = try CustodyEventRecord.filter(Column("exhibit_id") == record.id && Column("action") == "ingested").fetchOne(db)
        guard let event, let payload = try? JSONDecoder().decode(CustodyPayload.self, from: Data(event.payload.utf8)) else {
            return ["\(record.exhibitID): has no ingested custody event"]
        }
        var problems: [String] = []
        if payload.details["sha256"] != record.sha256 || payload.details["sha512"] != record.sha512
            || payload.details["size"] != String(record.size) {
            problems.append("\(record.exhibitID): its file hashes differ from those its ingested event (\(event.seq)) recorded")
        }
        if payload.details["packets_digest"] != digests.packets {
            problems.append("\(record.exhibitID): its packet rows no longer match what its ingested event (\(event.seq)) committed to")
        }
        if payload.details["frames_digest"] != digests.frames {
            problems.append("\(record.exhibitID): its frame rows no longer match what its ingested event (\(event.seq)) committed to")
        }
        return problems
    }
}
