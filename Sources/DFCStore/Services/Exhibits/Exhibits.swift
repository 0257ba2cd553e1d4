import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// The store's exhibits: finding one by number or hash, its current case and source (after
/// amendments), its analyses and their rows, and its copy in the vault (the one check of
/// that copy against its registration).
public struct Exhibits: StoreService {
    package let context: StoreContext
}

extension Exhibits {
    /// Finds the exhibit a reference names: an exhibit number (`EX-000042`, `42`), or a
    /// SHA-256 of the original, whole or a unique prefix of at least 12 hex digits.
    package func resolve(_ reference: String, _ db: CatalogDB) throws -> ExhibitRecord {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        if reference.count < 12, let id = ExhibitID(parsing: reference) {
            guard let record = try ExhibitRecord.fetchOne(db, key: id.rawValue) else { throw DFCError.exhibitNotFound(reference) }
            return record
        }
        if reference.uppercased().hasPrefix("EX-"), let id = ExhibitID(parsing: reference) {
            guard let record = try ExhibitRecord.fetchOne(db, key: id.rawValue) else { throw DFCError.exhibitNotFound(reference) }
            return record
        }
        guard reference.count >= 12, reference.count <= 64, Hex.isHex(reference) else { throw DFCError.invalidReference(reference) }
        let prefix = reference.lowercased()
        let matches = try Catalog.exhibits(sha256Prefix: prefix, db).prefix(6)
        guard let first = matches.first else { throw DFCError.exhibitNotFound(reference) }
        guard matches.count == 1 else { throw DFCError.ambiguousReference(reference, matches: matches.map { $0.exhibitID.description }) }
        return first
    }

    package func report(_ record: ExhibitRecord, _ db: CatalogDB) throws -> ExhibitReport {
        let analyses = try Catalog.analyses(of: record, db)
        let analysis = Catalog.current(in: analyses)
        let container = try analysis.container
        let now = try current(record, db)
        let span = try Catalog.span(exhibit: record.id ?? 0, db)
        var report = ExhibitReport(
            exhibit: record.exhibitID, caseID: now.caseID, source: now.source, sha256: record.sha256,
            sha512: record.sha512, size: record.size, originalName: record.originalName, originalPath: record.originalPath,
            vaultPath: record.vaultPath, ingestedAt: record.ingestedAt, ingestedBy: record.ingestedBy,
            container: analysis.format, containerInfo: container, durationSeconds: container?.durationSeconds,
            libraries: analysis.libraries, packetCount: analysis.info.packetCount, frameCount: analysis.info.frameCount,
            streams: try Catalog.streams(of: analysis.location, db).map(\.info),
            findings: try Catalog.findings(of: analysis.location, db), amendments: now.amendments,
            analyses: analyses.map(\.info), extractions: try derivedEvidence(try Catalog.derivedFrames(of: record.id ?? 0, db), db),
            exports: try exports(of: try Catalog.events(of: record.id ?? 0, actions: ["exported", "export_undelivered"], db), db))
        report.timeLayers = try Catalog.timeLayers(exhibit: record.id ?? 0, db)
        report.places = try Catalog.places(exhibit: record.id ?? 0, db)
        // A placed exhibit's span is its clock's reading, no UTC time the file gives: only corrected.
        report.start = span.flatMap { $0.placed ? nil : CivilTime.text($0.startMilliseconds, zone: "Z") }
        report.end = span.flatMap { $0.placed ? nil : CivilTime.text($0.endMilliseconds, zone: "Z") }
        report.startLayer = span?.layer
        let (corrections, total) = try clockCorrections(record.id ?? 0, db)
        report.clockCorrections = corrections
        if let span, !corrections.isEmpty {
            report.correctedStart = Self.shifted(span.startMilliseconds, by: total).map { CivilTime.text($0, zone: "Z") }
            report.correctedEnd = Self.shifted(span.endMilliseconds, by: total).map { CivilTime.text($0, zone: "Z") }
        }
        return report
    }

    /// Analysis `number` of an exhibit (1 is the one made at ingest), or the current one when nil.
    package func analysis(_ number: Int?, of record: ExhibitRecord, _ db: CatalogDB) throws -> StoredAnalysis {
        let analyses = try Catalog.analyses(of: record, db)
        guard let number else { return Catalog.current(in: analyses) }
        guard number >= 1, number <= analyses.count else {
            throw DFCError.analysisNotFound(exhibit: record.exhibitID.description, number: number, count: analyses.count)
        }
        return analyses[number - 1]
    }

    /// The exhibit's custody events in order, each with its signature's standing.
    package func custodyEntries(of record: ExhibitRecord, _ db: CatalogDB) throws -> [CustodyEntry] {
        let actors = try CustodyLog.actors(db)
        return try Catalog.events(of: record.id ?? 0, db).map { event in
            let payload = CustodyLog.decode(event)
            let status = payload.map { CustodyLog.signatureStatus(event, $0, actors: actors) } ?? .invalid
            return CustodyEntry(
                seq: event.seq, exhibit: event.exhibitID.map(ExhibitID.init), action: event.action, actor: event.actor,
                role: payload?.role, at: event.recordedAt, details: payload?.details ?? [:], hash: event.hash,
                prevHash: event.prevHash, payload: event.payload, publicKey: payload?.key, signature: event.signature,
                signatureStatus: status.rawValue)
        }
    }

    /// Copies and hashes the vault copy in one pass; refuses (and records why, in a
    /// `verified` event) a copy that is not the registered file.
    package func stageVaultCopy(of record: ExhibitRecord, signer: Signer, command: String = "reanalyze") throws -> Vault.Staged {
        let check = try vault.check(record)
        if let staged = check.staged { return staged }
        var problem = check.problem ?? "\(record.exhibitID): vault copy \(record.vaultPath) was not read"
        problem += command == "reanalyze" ? "; it was not analysed" : "; it was not used"
        try withCatalog {
            try catalog.write { db in
                _ = try CustodyLog.append(db, action: "verified", signer: signer, exhibit: record.exhibitID, details: [
                    "command": command, "result": "MISMATCH", "problem": problem, "sha256": record.sha256,
                ])
            }
        }
        throw DFCError.storeIO(path: vault.location(record.vaultPath), reason: problem)
    }

    /// The exhibits a selection names, in exhibit order. Reads the catalog, records nothing.
    public func exhibits(for selection: ReanalysisSelection) throws -> [ExhibitID] {
        try withCatalog {
            try catalog.read { db in
                switch selection {
                case .exhibits(let references):
                    return try references.map { try resolve($0, db).exhibitID }
                case .all:
                    return try ExhibitRecord.fetchAll(db, orderedBy: "id").map(\.exhibitID)
                case .failed:
                    return try ExhibitRecord.fetchAll(db, orderedBy: "id").filter { record in
                        let findings = try Catalog.findings(of: Catalog.currentAnalysis(of: record, db).location, db)
                        return findings.contains { $0.kind == .analysisFailed || $0.kind == .limitExceeded }
                    }.map(\.exhibitID)
                }
            }
        }
    }

    package func checkVaultCopy(_ record: ExhibitRecord) throws -> ExhibitVerification {
        let check = try vault.verify(record)
        return ExhibitVerification(exhibit: record.exhibitID, ok: check.problem == nil, registeredSHA256: record.sha256,
                                   actualSHA256: check.digest?.sha256, problem: check.problem)
    }

    /// The extracted pictures `rows` as derived evidence: each with its parent's case and the
    /// signer and time of the `extracted` event that registered it (from the signed payload).
    package func derivedEvidence(_ rows: [DerivedFrameRecord], _ db: CatalogDB) throws -> [DerivedEvidence] {
        try rows.compactMap { row in
            guard let parent = try ExhibitRecord.fetchOne(db, key: row.exhibitID) else { return nil }
            let payload = try CustodyEventRecord.fetchOne(db, key: row.eventSeq).flatMap { CustodyLog.decode($0) }
            return DerivedEvidence(picture: row.entry, caseID: try current(parent, db).caseID,
                                   extractedBy: payload?.actor ?? "?", extractedAt: payload?.at ?? "?")
        }
    }

    /// The exhibit's exports, from its own custody events.
    package func exports(of events: [CustodyEventRecord], _ db: CatalogDB) throws -> [ExhibitExport] {
        let payloads = events.compactMap { CustodyLog.decode($0) }
        let undelivered = Dictionary(payloads.filter { $0.action == "export_undelivered" }.compactMap { payload in
            payload.details["authorization"].map { ($0, payload.seq) }
        }, uniquingKeysWith: { first, _ in first })
        return payloads.filter { $0.action == "exported" }.compactMap { payload in
            guard let text = payload.details["authorization"], let authorization = Int64(text) else { return nil }
            return ExhibitExport(event: payload.seq, at: payload.at, actor: payload.actor, authorizedBy: payload.details["authorized_by"] ?? "?",
                                 authorization: authorization, destination: payload.details["destination"] ?? "?",
                                 recipient: payload.details["recipient"] ?? "?", undelivered: undelivered[text])
        }
    }
}
