import Foundation

extension Intake {
    /// Takes one file in as evidence, analysing it in this process (see
    /// `ingest(file:caseID:source:actor:limits:containment:)` for a worker process per file).
    ///
    /// One pass over the original hashes it (SHA-256, SHA-512) and copies it into the
    /// store's staging area; the analysis then reads that copy, which becomes the vault
    /// copy, so what is analysed is exactly what is kept. The analysis is written to a file,
    /// checked, and recorded with the signed `ingested` event in one short transaction: the
    /// catalog's write lock is never held while footage is decoded. The same bytes ingested
    /// again are not stored twice: an `acquired` event is recorded on the existing exhibit.
    /// Damaged or unreadable media is still registered, with findings.
    ///
    /// Bad input (missing, a directory, unreadable, empty) comes back `rejected` with the
    /// reason, and nothing is written. A store error (disk full, catalog locked, read-only)
    /// is thrown, and the store is left as it was. `limits` bounds what one file may cost.
    public func ingest(file: String, caseID: String, source: String? = nil, actor: String, limits: MediaLimits = .standard) throws -> IngestResult {
        try ingest(file: file, caseID: caseID, source: source, actor: actor, limits: limits, analyser: nil, batch: nil)
    }

    /// Takes one file in as evidence like `ingest(file:caseID:source:actor:limits:)`, with
    /// the reading and decoding done by a confined worker process (see `Containment` and
    /// `AnalysisWorker`), which holds no key and no catalog connection.
    ///
    /// If the worker crashes, runs out of memory, is killed at the deadline, or hands over an
    /// analysis that fails the parent's checks, the file is registered without packet or
    /// frame rows, with an `analysis_failed` finding that says what happened. The worker is
    /// killed `maxSeconds` plus `grace` (at most `maxSeconds` again) after it starts.
    public func ingest(
        file: String, caseID: String, source: String? = nil, actor: String,
        limits: MediaLimits = .standard, containment: Containment
    ) throws -> IngestResult {
        try ingest(file: file, caseID: caseID, source: source, actor: actor, limits: limits, analyser: containment, batch: nil)
    }

    /// The one ingest: analysed by `analyser`'s worker (in this process when nil), and, for
    /// a file of a batch, recorded as the batch's with the event that takes it in.
    ///
    /// `extra` details go into the event that takes the file in (a derived exhibit's parent and
    /// recipe), and `alsoRecord` runs in its transaction with the exhibit it was recorded on, so
    /// that what the caller records with it commits, or not, together with it.
    func ingest(
        file: String, caseID: String, source: String?, actor: String, limits: MediaLimits, analyser: Containment?,
        batch: Int64?, extra: [String: String] = [:], alsoRecord: ((CatalogDB, ExhibitID) throws -> Void)? = nil
    ) throws -> IngestResult {
        let caseID = try SingleLine.checked(caseID, field: "the case identifier (--case)")
        guard !caseID.isEmpty else { throw DFCError.invalidArgument("a case identifier is required (--case ID)") }
        let source = try source.map { (value: String) throws(DFCError) in try SingleLine.checked(value, field: "the source (--source)") }
        let signer = try Ledger.requireHandling(try ledger.signerRegisteringFirst(actor, command: "ingest"), command: "ingest")
        if batch == nil { try integrity.sweepLeftovers(signer) }   // a batch sweeps once, as it starts
        do {
            try InputFile.check(file)
        } catch {
            return IngestResult(path: file, exhibit: nil, sha256: nil, status: .rejected, findings: [], error: error.description)
        }
        let modified = Self.modificationTime(of: file)
        let staged: Vault.Staged
        do {
            staged = try vault.stage(file)
        } catch {
            switch error.code {
            case .inputUnreadable:
                return IngestResult(path: file, exhibit: nil, sha256: nil, status: .rejected, findings: [], error: error.description)
            case .storeIO:
                throw DFCError.storeIO(path: error.context["path"] ?? file,
                                       reason: (error.context["reason"] ?? error.description) + " (while preserving \(file); nothing was recorded)")
            default:
                throw error
            }
        }
        defer { vault.discard(staged) }   // nothing left behind once it is in the vault, or not kept
        guard staged.digest.size > 0 else {
            return IngestResult(path: file, exhibit: nil, sha256: nil, status: .rejected, findings: [],
                                error: DFCError.inputEmpty(path: file).description)
        }
        let digest = staged.digest
        var details: [String: String] = [
            "case": caseID, "original_path": EvidenceStore.absolute(file), "original_name": (file as NSString).lastPathComponent,
            "sha256": digest.sha256, "sha512": digest.sha512, "size": String(digest.size),
        ]
        if let source { details["source"] = source }
        if let batch { details["batch"] = BatchID(batch).description }
        if let modified { details["original_modified"] = modified }
        details.merge(extra) { $1 }

        // The same bytes already an exhibit: nothing to analyse.
        let known = try withCatalog { try catalog.read { try Catalog.exhibit(sha256: digest.sha256, scanning: false, $0) } }
        // An S3 vault's upload may take minutes: it goes on beside the analysis, before the
        // transaction, never under the catalog's write lock. The object is named by its bytes and
        // locked; should the analysis be cancelled or the transaction fail, it stays (the audit
        // names it), and the next ingest of the same file adopts it.
        let upload = known == nil && !vault.storage.isLocal ? VaultUpload(staged, into: vault) : nil
        defer { upload?.finish() }   // before the staged copy it reads is discarded
        let analysis = known == nil ? try workers.analyse(staged, file: file, limits: limits, containment: analyser) : nil
        defer { if let path = analysis?.path { unlink(path) } }
        try analyser?.cancellation?.check()   // cancelled while it was copied or analysed: nothing is recorded
        let uploaded = try upload?.result()
        // A duplicate's vault copy is read back and, when unsound, restored from these bytes before
        // the transaction too: re-reading an original (an S3 download, or a file of many GB) must
        // not hold the write lock either.
        let restored = try known.map { try restoreVaultCopy(of: $0, from: staged) }

        // One short transaction. A vault file is placed under the catalog's write lock, so
        // no other DFC process can register or clean up the same bytes in between; a
        // transaction that fails takes back the vault file it placed.
        var placed: String?
        do {
            return try withCatalog {
                try catalog.write { db -> IngestResult in
                    if let existing = try Catalog.exhibit(sha256: digest.sha256, scanning: false, db) {
                        var details = details
                        let problem = existing.id == known?.id ? restored ?? nil : try restoreVaultCopy(of: existing, from: staged)
                        if let problem { details["vault_restored"] = problem }
                        let event = try appendAcquired(db, existing, details: details, signer: signer)
                        try alsoRecord?(db, existing.exhibitID)
                        if let batch {
                            try BatchFileRecord(batchSeq: batch, path: details["original_path"]!, eventSeq: event.seq, exhibitID: existing.id!).insert(db)
                        }
                        return duplicateResult(existing, path: file, db)
                    }
                    guard let analysis else { throw DFCError.storeIO(path: path, reason: "exhibit \(known?.exhibitID.description ?? "?") vanished while \(file) was ingested") }
                    let (vaultPath, isNew) = try uploaded ?? vault.commit(staged)
                    if isNew { placed = vaultPath }
                    details["vault_path"] = vaultPath
                    let (result, event) = try register(analysis, staged: staged, vaultPath: vaultPath, caseID: caseID, source: source,
                                                       file: file, limits: limits, details: details, signer: signer, db)
                    if let exhibit = result.exhibit { try alsoRecord?(db, exhibit) }
                    if let batch, let exhibit = result.exhibit {
                        try BatchFileRecord(batchSeq: batch, path: details["original_path"]!, eventSeq: event, exhibitID: exhibit.rawValue).insert(db)
                    }
                    return result
                }
            }
        } catch {
            if let placed {
                do {
                    try withdraw(placed, sha256: digest.sha256)
                } catch {
                    logger.error("cannot take back the vault file of an ingest that did not commit", metadata: [
                        "file": "\(file)", "vault_path": "\(placed)", "error": "\(error)"])
                }
            }
            throw error
        }
    }

    /// Inserts the exhibit, its stream, packet, frame and finding rows and its `ingested`
    /// event, which commits to every one of those rows (`RowDigest`).
    func register(
        _ analysis: CheckedAnalysis, staged: Vault.Staged, vaultPath: String, caseID: String, source: String?, file: String,
        limits: MediaLimits, details: [String: String], signer: Signer, _ db: CatalogDB
    ) throws -> (IngestResult, event: Int64) {
        let digest = staged.digest
        let summary = analysis.summary
        var details = details
        var exhibit = ExhibitRecord(
            id: nil, caseID: caseID, source: source, sha256: digest.sha256, sha512: digest.sha512, size: digest.size,
            originalName: (file as NSString).lastPathComponent, originalPath: EvidenceStore.absolute(file), vaultPath: vaultPath,
            format: summary.container?.format, containerJSON: try summary.container.map { try CanonicalJSON.string($0) },
            libraries: summary.libraries, packetCount: summary.packetCount, frameCount: summary.frameCount,
            packetsDigest: "", framesDigest: "", ingestedAt: Timestamp.now(), ingestedBy: signer.name)
        exhibit.id = try exhibit.insertNumbered(db)
        let location = AnalysisLocation.ingest(exhibit: exhibit.id!)
        // Every row is noted as produced, and read back before the event that commits to them is signed.
        let produced = ProducedRows()
        let rows = RowInserter(db, produced: produced)
        if let digest = try exhibits.insertRows(of: analysis, into: location, limits: limits, rows) { details["analysis_sha256"] = digest }
        // Time and place, from what the worker reported and what intake saw of the file itself.
        // A source in the camera register gives its position, and its zone to zone-less clocks.
        let camera = try source.flatMap { try Catalog.cameraSources(named: $0, db).first }
        let time = TimeLayers(tags: summary.container?.tags ?? [:], durationSeconds: summary.container?.durationSeconds,
                              fileName: exhibit.originalName, modified: details["original_modified"], camera: camera)
        // A camera's standing clock corrections over this recording follow it in, each as its own
        // event after this one; a zone one that cannot place the reading is a finding instead.
        var findings = time.findings
        var standing: [(seq: Int64, details: [String: String])] = []
        if let source {
            // Footage with no zone anywhere may be placed by a standing zone correction: by its best zone-less reading.
            let reading = try time.span.map { (start: $0.startMilliseconds, end: $0.endMilliseconds, unplaced: false) }
                ?? Exhibits.placement(exhibit, layers: time.layers).map { (start: $0.startMilliseconds, end: $0.endMilliseconds, unplaced: true) }
            if let reading {
                let found = try exhibits.standingCorrections(source: source, span: (reading.start, reading.end), unplaced: reading.unplaced, db)
                (standing, findings) = (found.apply, findings + found.findings)
            }
        }
        for finding in findings { try Catalog.insert(finding, into: location, rows) }
        try Catalog.insert(time, exhibit: location.key, rows)
        try rows.finish()
        guard try ExhibitRecord.fetchOne(db, key: location.key) == exhibit else { throw StoredRowsDiffer(table: "exhibit") }
        details.merge(try RowDigest.compute(location, expecting: produced, db)) { $1 }
        details["digest_layout"] = RowDigest.layout
        details["ingested_at"] = exhibit.ingestedAt
        details["libraries"] = summary.libraries
        details["packet_count"] = String(summary.packetCount)
        details["frame_count"] = String(summary.frameCount)
        details["findings"] = String(summary.findings.count + findings.count)
        details["analysed_by"] = analysis.analysedBy
        details["pdq_seconds_per_hash"] = String(summary.pdqSecondsPerHash)
        if let confinement = summary.confinement { details["confinement"] = confinement }
        let event = try CustodyLog.append(db, action: "ingested", signer: signer, exhibit: exhibit.exhibitID, details: details)
        try exhibits.applyStanding(standing, to: exhibit, extra: details.filter { ["batch", "on_behalf_of"].contains($0.key) }, signer: signer, db)
        return (IngestResult(path: file, exhibit: exhibit.exhibitID, sha256: digest.sha256, status: .ingested,
                             findings: summary.findings + findings, error: nil, frameCount: summary.frameCount), event.seq)
    }

    /// Removes a vault file this ingest placed when its transaction did not commit, unless
    /// an exhibit holds it by now. It runs under the write lock, like every vault placement.
    private func withdraw(_ vaultPath: String, sha256: String) throws {
        try catalog.write { db in
            if try Catalog.exhibit(sha256: sha256, scanning: false, db) == nil {
                vault.remove(vaultPath)
            }
        }
    }

    /// When an exhibit's vault copy is missing or damaged and the same bytes are ingested
    /// again (same size, SHA-256 and SHA-512 as registered), the new copy takes its place.
    /// Returns what was wrong with the old copy, for the `acquired` event; nil if it was sound.
    private func restoreVaultCopy(of existing: ExhibitRecord, from staged: Vault.Staged) throws -> String? {
        let check = try exhibits.checkVaultCopy(existing)
        guard !check.ok, staged.digest.sha512 == existing.sha512, staged.digest.size == existing.size else { return nil }
        _ = try vault.commit(staged)
        return (check.problem ?? "the vault copy was unsound") + "; restored from this file, whose size, SHA-256 and SHA-512 match the registration"
    }

    func appendAcquired(_ db: CatalogDB, _ existing: ExhibitRecord, details: [String: String], signer: Signer) throws -> CustodyEventRecord {
        var details = details
        details["note"] = "the same bytes were ingested again; no second copy was stored"
        return try CustodyLog.append(db, action: "acquired", signer: signer, exhibit: existing.exhibitID, details: details)
    }

    func duplicateResult(_ existing: ExhibitRecord, path: String, _ db: CatalogDB) -> IngestResult {
        let findings = (try? Catalog.findings(of: Catalog.currentAnalysis(of: existing, db).location, db)) ?? []
        return IngestResult(path: path, exhibit: existing.exhibitID, sha256: existing.sha256, status: .duplicate,
                            findings: findings, error: nil)
    }
}
