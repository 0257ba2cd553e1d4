import Foundation
import GRDB

extension EvidenceStore {
    /// Takes one file in as evidence.
    ///
    /// One pass over the original hashes it (SHA-256, SHA-512) and copies it into the
    /// vault; the analysis then reads the vault copy, so what is analysed is exactly
    /// what is kept. Every packet and decoded picture is hashed, and everything lands
    /// in one transaction with an `ingested` custody event. The same bytes ingested
    /// again are not stored twice: an `acquired` event is recorded on the existing
    /// exhibit. Damaged or unreadable media is still registered, with findings.
    ///
    /// Bad input (missing, a directory, unreadable, empty) comes back `rejected` with
    /// the reason, and nothing is written. A store error (disk full, catalog locked,
    /// read-only) is thrown, and the store is left as it was: the transaction rolls back
    /// and the vault file it placed is taken back. `limits` bounds what one file may cost.
    public func ingest(file: String, caseID: String, source: String? = nil, actor: String, limits: MediaLimits = .standard) throws -> IngestResult {
        try ingest(file: file, caseID: caseID, source: source, actor: actor, analysis: .decode, limits: limits)
    }

    func ingest(
        file: String, caseID: String, source: String?, actor: String, analysis: IngestAnalysis, limits: MediaLimits
    ) throws -> IngestResult {
        let caseID = caseID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !caseID.isEmpty else { throw DFCError.invalidArgument("a case identifier is required (--case ID)") }
        let signer = try signerRegisteringFirst(actor, command: "ingest")
        do {
            try InputFile.check(file)
        } catch {
            return IngestResult(path: file, exhibit: nil, sha256: nil, status: .rejected, findings: [], error: error.description)
        }
        let staged: Vault.Staged
        do {
            staged = try vault.stage(file)
        } catch {
            switch error {
            case .inputUnreadable:
                return IngestResult(path: file, exhibit: nil, sha256: nil, status: .rejected, findings: [], error: error.description)
            case .storeIO(let path, let reason):
                throw DFCError.storeIO(path: path, reason: reason + " (while preserving \(file); nothing was recorded)")
            default:
                throw error
            }
        }
        guard staged.digest.size > 0 else {
            vault.discard(staged)
            return IngestResult(path: file, exhibit: nil, sha256: nil, status: .rejected, findings: [],
                                error: DFCError.inputEmpty(path: file).description)
        }
        let digest = staged.digest
        let originalPath = Self.absolute(file)
        var details: [String: String] = [
            "case": caseID, "original_path": originalPath, "original_name": (file as NSString).lastPathComponent,
            "host": Host.name, "dfc_version": DFCVersion.current,
            "sha256": digest.sha256, "sha512": digest.sha512, "size": String(digest.size),
        ]
        if let source { details["source"] = source }

        // The vault file is placed under the catalog's write lock, so no other DFC process
        // can register or clean up the same bytes in between; a transaction that fails
        // takes back the vault file it placed, and the store is left as it was.
        var placed: String?
        do {
            return try withCatalog {
                try catalog.write { db -> IngestResult in
                    if let existing = try ExhibitRecord.filter(ExhibitRecord.Columns.sha256 == digest.sha256).fetchOne(db) {
                        var details = details
                        if let problem = try restoreVaultCopy(of: existing, from: staged) { details["vault_restored"] = problem }
                        vault.discard(staged)
                        try appendAcquired(db, existing, details: details, signer: signer)
                        return duplicateResult(existing, path: file, db)
                    }
                    let (vaultPath, isNew) = try vault.commit(staged)
                    if isNew { placed = vaultPath }
                    details["vault_path"] = vaultPath
                    return try register(staged, vaultPath: vaultPath, caseID: caseID, source: source, file: file, originalPath: originalPath,
                                        analysis: analysis, limits: limits, details: details, signer: signer, db)
                }
            }
        } catch {
            vault.discard(staged)
            if let placed { try? withdraw(placed, sha256: digest.sha256) }
            throw error
        }
    }

    /// Inserts the exhibit, its packet, frame, stream and finding rows and its `ingested` event.
    private func register(
        _ staged: Vault.Staged, vaultPath: String, caseID: String, source: String?, file: String, originalPath: String,
        analysis mode: IngestAnalysis, limits: MediaLimits, details: [String: String], signer: Signer, _ db: Database
    ) throws -> IngestResult {
        let digest = staged.digest
        var details = details
        var exhibit = ExhibitRecord(
            id: nil, caseID: caseID, source: source, sha256: digest.sha256, sha512: digest.sha512, size: digest.size,
            originalName: (file as NSString).lastPathComponent, originalPath: originalPath, vaultPath: vaultPath,
            format: nil, containerJSON: nil, libraries: "", packetCount: 0, frameCount: 0,
            packetsDigest: "", framesDigest: "", ingestedAt: Timestamp.now(), ingestedBy: signer.name)
        try exhibit.insert(db)
        let id = exhibit.id!
        let analysis: MediaAnalysis
        switch mode {
        case .decode:
            var analyzer = MediaAnalyzer(path: vault.absolutePath(vaultPath))
            analyzer.limits = limits
            analysis = try analyzer.run(
                packet: { try Catalog.insert($0, exhibit: id, db) },
                frame: { try Catalog.insert($0, exhibit: id, db) })
        case .failed(let finding):
            analysis = MediaAnalysis(container: nil, streams: [], framehashTimeBases: [:], findings: [finding],
                                     packetCount: 0, frameCount: 0, libraries: FFmpegLog.libraryVersions)
        }
        for stream in analysis.streams {
            try StreamRecord(exhibitID: id, info: stream, framehashTimeBase: analysis.framehashTimeBases[stream.index]).insert(db)
        }
        for finding in analysis.findings {
            var record = FindingRecord(exhibitID: id, finding: finding)
            try record.insert(db)
        }
        let digests = try Catalog.rowDigests(exhibit: id, db)
        exhibit.format = analysis.container?.format
        exhibit.containerJSON = try analysis.container.map { try CanonicalJSON.string($0) }
        exhibit.libraries = analysis.libraries
        exhibit.packetCount = analysis.packetCount
        exhibit.frameCount = analysis.frameCount
        exhibit.packetsDigest = digests.packets
        exhibit.framesDigest = digests.frames
        try exhibit.update(db)
        details["ingested_at"] = exhibit.ingestedAt
        details["libraries"] = analysis.libraries
        details["packet_count"] = String(analysis.packetCount)
        details["frame_count"] = String(analysis.frameCount)
        details["packets_digest"] = digests.packets
        details["frames_digest"] = digests.frames
        details["findings"] = String(analysis.findings.count)
        try CustodyLog.append(db, action: "ingested", signer: signer, exhibit: exhibit.exhibitID, details: details)
        return IngestResult(path: file, exhibit: exhibit.exhibitID, sha256: digest.sha256, status: .ingested,
                            findings: analysis.findings, error: nil)
    }

    /// Removes a vault file this ingest placed when its transaction did not commit, unless
    /// an exhibit holds it by now. It runs under the write lock, like every vault placement.
    private func withdraw(_ vaultPath: String, sha256: String) throws {
        try catalog.write { db in
            if try ExhibitRecord.filter(ExhibitRecord.Columns.sha256 == sha256).fetchCount(db) == 0 {
                vault.remove(vaultPath)
            }
        }
    }

    /// When an exhibit's vault copy is missing or damaged and the same bytes are ingested
    /// again (same size, SHA-256 and SHA-512 as registered), the new copy takes its place.
    /// Returns what was wrong with the old copy, for the `acquired` event; nil if it was sound.
    private func restoreVaultCopy(of existing: ExhibitRecord, from staged: Vault.Staged) throws -> String? {
        let check = checkVaultCopy(existing)
        guard !check.ok, staged.digest.sha512 == existing.sha512, staged.digest.size == existing.size else { return nil }
        _ = try vault.commit(staged)
        return (check.problem ?? "the vault copy was unsound") + "; restored from this file, whose size, SHA-256 and SHA-512 match the registration"
    }

    private func appendAcquired(_ db: Database, _ existing: ExhibitRecord, details: [String: String], signer: Signer) throws {
        var details = details
        details["note"] = "the same bytes were ingested again; no second copy was stored"
        try CustodyLog.append(db, action: "acquired", signer: signer, exhibit: existing.exhibitID, details: details)
    }

    private func duplicateResult(_ existing: ExhibitRecord, path: String, _ db: Database) -> IngestResult {
        let findings = (try? FindingRecord.filter(Column("exhibit_id") == existing.id).order(Column("id")).fetchAll(db)) ?? []
        return IngestResult(path: path, exhibit: existing.exhibitID, sha256: existing.sha256, status: .duplicate,
                            findings: findings.map(\.finding), error: nil)
    }
}
