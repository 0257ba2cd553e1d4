import Foundation

extension Integrity {
    /// Hashes the vault copy of each exhibit again and compares it with what was registered.
    /// Records a `verified` event on each, with the result.
    public func verify(_ references: [String], actor: String) throws -> [ExhibitVerification] {
        let signer = try ledger.signer(for: actor)
        let records = try withCatalog { try catalog.read { db in try references.map { try exhibits.resolve($0, db) } } }
        let results = try records.map(exhibits.checkVaultCopy)
        try withCatalog {
            try catalog.write { db in
                for (record, result) in zip(records, results) {
                    var details = ["command": "verify", "result": result.ok ? "match" : "MISMATCH", "sha256": record.sha256]
                    if let problem = result.problem { details["problem"] = problem }
                    try CustodyLog.append(db, action: "verified", signer: signer, exhibit: record.exhibitID, details: details)
                }
            }
        }
        return results
    }

    /// Whether the file at `path` is bit-identical (same size, SHA-256 and SHA-512) to a
    /// registered exhibit, and which. Records a `verified` event (on the exhibit when one matches).
    public func verify(file path: String, actor: String) throws -> FileVerification {
        let signer = try ledger.signer(for: actor)
        try InputFile.check(path)
        let digest = try FileDigest.compute(path: path)
        return try withCatalog {
            try catalog.write { db in
                let match = try Catalog.exhibit(sha256: digest.sha256, db)
                let identical = match.map { $0.sha512 == digest.sha512 && $0.size == digest.size } ?? false
                // Not an original: perhaps a picture `dfc extract` wrote, registered as derived evidence.
                let derived = identical ? [] : try exhibits.derivedEvidence(try Catalog.derivedFrames(pngSHA256Prefix: digest.sha256, db)
                    .filter { $0.pngSHA256 == digest.sha256 && $0.pngSize == digest.size }, db)
                var details = ["command": "verify --file", "path": EvidenceStore.absolute(path), "sha256": digest.sha256,
                               "sha512": digest.sha512, "size": String(digest.size),
                               "result": identical ? "identical" : derived.isEmpty ? "not registered" : "derived evidence"]
                if let first = derived.first {
                    details["extracted_event"] = String(first.picture.event)
                    details["derived_from"] = "\(first.picture.exhibit) stream \(first.picture.stream) frame \(first.picture.frame)"
                }
                let exhibit = identical ? match?.exhibitID : derived.first?.picture.exhibit
                try CustodyLog.append(db, action: "verified", signer: signer, exhibit: exhibit, details: details)
                let caseID = try match.flatMap { identical ? try exhibits.current($0, db).caseID : nil }
                var result = FileVerification(path: path, digest: digest, exhibit: identical ? match?.exhibitID : nil, caseID: caseID,
                                              derived: derived)
                if identical, let match { result.derivation = try derivation(of: match, db) }
                return result
            }
        }
    }

    /// How `record` was derived from another exhibit, as its intake event and its parent's redaction events say; nil for an original.
    func derivation(of record: ExhibitRecord, _ db: CatalogDB) throws -> Derivation? {
        guard let intake = try Catalog.events(of: record.id ?? 0, actions: ["ingested"], db).first.flatMap({ CustodyLog.decode($0) }),
              let parentName = intake.details["derived_from"], let version = intake.details["plan_version"].flatMap(Int.init),
              let digest = intake.details["plan_digest"] else { return nil }
        let parent = try exhibits.resolve(parentName, db)
        let events = try Catalog.events(of: parent.id ?? 0, actions: ["redaction_planned", "redaction_rendered"], db)
        var plannedBy = "?", renderedBy = "?", authorizedBy = intake.details["authorized_by"] ?? "?", rendered: Int64 = 0
        for event in events {
            guard let payload = CustodyLog.decode(event), payload.details["plan_digest"] == digest else { continue }
            if event.action == "redaction_planned" { plannedBy = payload.actor }
            if event.action == "redaction_rendered", payload.details["derived"] == record.exhibitID.description, rendered == 0 {
                renderedBy = payload.actor
                authorizedBy = payload.details["authorized_by"] ?? authorizedBy
                rendered = event.seq
            }
        }
        return Derivation(parent: parent.exhibitID, kind: intake.details["derivation"] ?? "derivation", planVersion: version, planDigest: digest,
                          plannedBy: plannedBy, renderedBy: renderedBy, authorizedBy: authorizedBy, event: rendered)
    }
}
