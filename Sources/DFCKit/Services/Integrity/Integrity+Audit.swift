import Foundation

extension Integrity {
    /// Checks the whole store and records an `audited` event with the result:
    /// - the catalog's structure, with the engine's own check (SQLite's `PRAGMA integrity_check`,
    ///   PostgreSQL's amcheck): every index against its table, so no answer comes from a forged index;
    /// - every custody event's hash, link, position and signature, each signature against
    ///   the key registered for its actor, and the actor table against the events that
    ///   registered each actor (every registered actor still has its row, and each column of
    ///   it, the date too, is the registration's), and every `exported` event's digest of the
    ///   exhibit's earlier events against the log;
    /// - the RFC 9162 Merkle tree over the events against every stored checkpoint, every
    ///   tree head recorded in the log, and each checkpoint in `checkpoints` (held outside);
    /// - every exhibit's rows (the exhibit, its streams, packets, frames and findings)
    ///   against the digests its `ingested` event committed to (`RowDigest`), every later
    ///   analysis's rows against its `reanalysed` event, and every amendment against its
    ///   `amended` event;
    /// - completeness both ways: every exhibit has its `ingested` event, every exhibit an
    ///   `ingested` event names is still there, every `amended` and `reanalysed` event has its row;
    /// - every vault file's size, SHA-256 and SHA-512, that each exhibit has its vault file
    ///   and that every vault file belongs to an exhibit.
    ///
    /// The catalog is read in one snapshot, without the write lock, so ingests and reads go
    /// on meanwhile; only the last step (vault and extracted-picture files that belong to nothing, and the
    /// `audited` event) takes the lock, so that a file an ingest is placing is not mistaken
    /// for one planted by hand.
    ///
    /// With `since` (a checkpoint a clean audit signed, kept outside the store: `AuditReport.checkpoint`),
    /// the audit is incremental: every event is still re-hashed and linked, every Merkle node recomputed
    /// and the log held to the checkpoint's root (an edited old event is caught), but only the events
    /// after it have their signatures, payloads and committed rows verified; the rows and vault copies
    /// of exhibits ingested before it are re-hashed in the share `rows`, chosen from the checkpoint's
    /// signatures so that no one can tell beforehand which; the custody log's own indexes are left to
    /// the full audit. The report (`AuditReport.incremental`) and the `audited` event say exactly that.
    /// A checkpoint no clean audit signed is refused (a `checkpoint` error: the audit did not look).
    public func audit(actor: String, checkpoints: [Checkpoint] = [], since: Checkpoint? = nil, sinceSource: String = "checkpoint",
                      rows: RowShare = .all) throws -> AuditReport {
        let signer = try ledger.auditSigner(for: actor)
        if case .share(let count, let parts) = rows, count < 1 || parts < count {
            throw DFCError.invalidArgument("--rows \(count)/\(parts): give all, or a share K/N with 1 <= K <= N (1/7)")
        }
        let scope = try since.map { checkpoint in
            AuditScope(trusted: try withCatalog { try catalog.inspect { try TrustedCheckpoint(checkpoint, source: sinceSource, $0) } },
                       checkpoint: checkpoint, rows: rows)
        }
        let checkpoints = checkpoints + (since.map { [$0] } ?? [])
        // The schema first: a planted trigger, policy or setting makes every write suspect, so
        // nothing is recorded in such a catalog (the leftovers sweep and the audited event neither).
        let schemaChanges = try withCatalog { try catalog.inspect { try catalog.engine.schemaChanges($0) } }
        var notices = schemaChanges.isEmpty ? try sweepLeftovers(signer) : []
        var problems = schemaChanges.map {
            "catalog schema: \($0): the catalog's schema is not the one DFC's migrations make; it was changed outside DFC"
        }
        let checked: (LedgerCheck, [ExhibitRecord])
        do {
            checked = try withCatalog { try checkCatalog(checkpoints, scope, &problems) }
        } catch let error as DFCError where !schemaChanges.isEmpty {
            // A planted policy or view can make the rows unreadable to DFC's role: the changes are the finding.
            return AuditReport(eventsChecked: 0, signaturesValid: 0, treeSize: 0, rootHash: "", checkpointsChecked: 0, exhibitsChecked: 0,
                               problems: problems + ["the rest of the catalog cannot be read through its changed schema: \(error.description)"],
                               notices: notices + [Self.notRecorded])
        }
        let (ledger, allRecords) = checked
        let records = allRecords.filter { scope?.covers($0, ledger) ?? true }
        let (descriptorProblems, retentionDays) = try checkDescriptor(ledger)
        problems += descriptorProblems
        notices += try connectionNotices()
        if ledger.storeFacts == nil {
            notices.append("the store's engines and its vault's retention were not signed when it was made (by a DFC before they were): "
                + "store.json is taken as it is")
        }
        for record in records {
            if let problem = try exhibits.checkVaultCopy(record).problem { problems.append(problem) }
            if let problem = try vault.storage.keepingProblem(record.vaultPath, registeredAt: record.ingestedAt, retentionDays: retentionDays) {
                problems.append(problem)
            }
        }
        problems += try checkDerivedFiles()
        let coverage = scope?.coverage(ledger, allRecords, checked: records.count)
        return try record(ledger, records, problems, notices, coverage, recording: schemaChanges.isEmpty, signer)
    }

    /// Why an audit of a catalog whose schema was changed leaves no `audited` event.
    static let notRecorded = "this audit is not recorded in the custody log: DFC writes nothing into a catalog whose schema was changed"

    /// The catalog's own checks, the log and every exhibit's rows, in one snapshot.
    private func checkCatalog(_ checkpoints: [Checkpoint], _ scope: AuditScope?, _ problems: inout [String]) throws -> (LedgerCheck, [ExhibitRecord]) {
        try catalog.inspect { db -> (LedgerCheck, [ExhibitRecord]) in
            // The engine's own check next: an index that disagrees with its table would answer
            // lookups and listings with rows that are not there, or without rows that are.
            problems += try catalog.engine.structuralProblems(db, skipping: scope == nil ? [] : AuditScope.logTables)
            problems += try catalog.engine.sessionProblems(db)
            let ledger = try LedgerCheck(db, supplied: checkpoints, trustedSize: scope?.trusted.size ?? 0)
            problems += ledger.problems
            if let trusted = scope?.trusted, ledger.trustedEventsDigest != trusted.eventsDigest {
                problems.append("custody events 1 to \(trusted.size): their stored rows (a signature or a column beside the hashed payload) are not "
                    + "those the clean audit of custody event \(trusted.auditEvent) verified: an old event's row was altered; the full audit names it")
            }
            let records = try ExhibitRecord.fetchAll(db, orderedBy: "id")
            for record in records where scope?.covers(record, ledger) ?? true { problems += try checkRows(record, ledger, db) }
            problems += try Catalog.spanIndexProblems(db)
            problems += try Catalog.placeIndexProblems(db)
            let present = Set(records.map(\.exhibitID.description))
            for (exhibit, event) in ledger.ingested.sorted(by: { $0.value.seq < $1.value.seq }) where !present.contains(exhibit) {
                problems.append("\(exhibit): custody event \(event.seq) (ingested) names it, but the catalog has no such exhibit: it was removed")
            }
            problems += try checkAmendments(ledger, db)
            problems += try checkClockCorrections(ledger, db)
            problems += try checkCameraSources(ledger, db)
            problems += try checkPlacements(ledger, db)
            problems += try checkStandingFollowed(ledger, db)
            problems += try checkAnalyses(ledger, db)
            problems += try checkBatchFiles(ledger, db)
            problems += try checkDerivedFrames(ledger, db)
            if catalog.holdsQueues { problems += try Catalog.queueRowProblems(db) }
            return (ledger, records)
        }
    }

    /// The report, with the stray files found under the log's lock, recorded as an `audited`
    /// event unless the schema was changed (`recording` false: nothing is written then).
    private func record(_ ledger: LedgerCheck, _ records: [ExhibitRecord], _ problems: [String], _ notices: [String],
                        _ coverage: IncrementalCoverage?, recording: Bool, _ signer: Signer) throws -> AuditReport {
        var problems = problems, notices = notices
        func report() -> AuditReport {
            var report = AuditReport(
                eventsChecked: ledger.events, signaturesValid: ledger.validSignatures, treeSize: ledger.events,
                rootHash: Hex.string(ledger.root), checkpointsChecked: ledger.checkpointsChecked,
                exhibitsChecked: records.count, problems: problems, notices: notices + ledger.notices)
            report.incremental = coverage
            return report
        }
        guard recording else {
            notices.append(Self.notRecorded)
            return try withCatalog {
                try catalog.inspect { db in
                    problems += try strayFiles(db, ledger)
                    return report()
                }
            }
        }
        return try withCatalog {
            try catalog.write { db in
                problems += try strayFiles(db, ledger)
                var report = report()
                // The tree head checked, signed as a checkpoint: what the next incremental audit starts from when this one is clean.
                let logID = try CustodyLog.logID(db)
                let note = Checkpoint.noteText(logID: logID, treeSize: ledger.events, rootHash: report.rootHash)
                let signature = try signer.sign(Data(note.utf8))
                var details = [
                    "result": report.ok ? "clean" : "\(problems.count) problems", "events_checked": String(ledger.events),
                    "tree_size": String(ledger.events), "root_hash": report.rootHash, "log": logID, "checkpoint_signature": signature,
                    "events_digest": ledger.eventsDigest,
                    "checkpoints_checked": String(ledger.checkpointsChecked),
                    "exhibits_checked": String(records.count), "vault": vault.storage.name,
                ]
                if let coverage {
                    details.merge([
                        "since_tree_size": String(coverage.sinceTreeSize), "since_audit_event": String(coverage.sinceAuditEvent),
                        "signatures_verified": String(coverage.eventsVerified), "rows": coverage.rows, "rows_seed": coverage.rowsSeed,
                        "older_exhibits": String(coverage.olderExhibits), "older_exhibits_checked": String(coverage.olderExhibitsChecked),
                    ]) { $1 }
                }
                try CustodyLog.append(db, action: "audited", signer: signer, exhibit: nil, details: details)
                if report.ok {
                    report.checkpoint = Checkpoint(
                        format: .signedNote, logID: logID, treeSize: ledger.events, rootHash: report.rootHash, signedText: note,
                        signatures: [CheckpointSignature(signer: signer.name, keyID: signer.noteKeyID, signature: signature)]).text
                }
                return report
            }
        }
    }

    /// store.json against what the store's first actor signed about it (its engines and the
    /// vault's retention), and the retention every vault object's lock is held to: the signed
    /// one, whatever the file now says.
    private func checkDescriptor(_ ledger: LedgerCheck) throws -> (problems: [String], retentionDays: Int?) {
        guard let (seq, signed) = ledger.storeFacts else { return ([], nil) }
        let facts = try StoreDescriptor.read(storePath: path).signedFacts
        var problems: [String] = []
        for key in ["store_catalog", "store_vault", "retention_days"] where facts[key] != signed[key] {
            problems.append("\(StoreDescriptor.fileName): its \(key.replacingOccurrences(of: "_", with: " ")) is \(facts[key] ?? "not set"), "
                + "but custody event \(seq) signed \(signed[key] ?? "none") for the store: the file was edited")
        }
        return (problems, signed["retention_days"].flatMap(Int.init))
    }

    /// What store.json says of how the engines are reached, when it is less than checked TLS: its address and
    /// TLS words are not signed (a DBA moves databases), so an edit that turns the checks off is named here.
    private func connectionNotices() throws -> [String] {
        let descriptor = try StoreDescriptor.read(storePath: path)
        guard descriptor.catalog != "sqlite", let url = try? PostgresURL(descriptor.catalog, source: StoreDescriptor.fileName),
              url.sslModeGiven else { return [] }
        switch url.sslMode {
        case .disable:
            return ["\(StoreDescriptor.fileName): the catalog is reached without TLS (sslmode=disable): the custody log crosses the network in clear"]
        case .require where url.sslRootCert == nil:
            return ["\(StoreDescriptor.fileName): the catalog's server certificate is not checked (sslmode=require without sslrootcert): "
                + "an impostor server would not be noticed"]
        default:
            return []
        }
    }

    /// Vault files and extracted pictures that belong to nothing the catalog holds.
    private func strayFiles(_ db: CatalogDB, _ ledger: LedgerCheck) throws -> [String] {
        var problems: [String] = []
        // Originals queued for the worker hosts are in the vault before they are exhibits.
        let known = try Catalog.vaultPaths(db).union(ledger.pendingQueuedVaultPaths)
        for file in try vault.allFiles() where !known.contains(file) {
            problems.append("\(file): a file in the vault that belongs to no exhibit: left by an ingest that was "
                + "killed before it committed, or put there by hand; ingesting the same file again adopts it")
        }
        let derived = try Catalog.derivedFramePaths(db)
        for file in FileWriting.regularFiles(under: path + "/derived").map({ "derived/" + $0 }) where !derived.contains(file) {
            problems.append("\(file): a file among the extracted pictures that no registered extraction made: left by an "
                + "extraction killed before it committed, or put there by hand")
        }
        return problems
    }

    /// What each `RowDigest` section covers, as a problem names it.
    private static let sectionNames = [
        "exhibit": "exhibit row (case, source, names, sizes, container)", "analysis": "analysis row (container, libraries, counts, reason)",
        "streams": "stream rows", "pdq": "PDQ hash rows",
        "packets": "packet rows", "frames": "frame rows", "findings": "finding rows",
        "time_layers": "time layer rows", "places": "place rows", "span": "span on the timeline (exhibit_span)",
    ]

    /// The exhibit's rows against what its `ingested` event committed to.
    private func checkRows(_ record: ExhibitRecord, _ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        guard let (seq, details) = ledger.ingested[record.exhibitID.description] else {
            return ["\(record.exhibitID): has no ingested custody event: the exhibit was added to the catalog by hand"]
        }
        var problems: [String] = []
        if details["sha256"] != record.sha256 || details["sha512"] != record.sha512 || details["size"] != String(record.size) {
            problems.append("\(record.exhibitID): its file hashes differ from those its ingested event (\(seq)) recorded")
        }
        if let layout = details["digest_layout"] {
            let location = AnalysisLocation.ingest(exhibit: record.id!)
            guard let sections = RowDigest.sections(for: location, layout: layout) else {
                return problems + ["\(record.exhibitID): its ingested event (\(seq)) names the row layout \(layout), which this DFC does not know"]
            }
            let digests = try RowDigest.compute(location, layout: layout, db)
            for section in sections where details[section.name + "_digest"] != digests[section.name + "_digest"] {
                problems.append("\(record.exhibitID): its \(Self.sectionNames[section.name] ?? section.name) no longer match what its ingested event (\(seq)) committed to")
            }
            if !sections.contains(where: { $0.name == "span" }), try Catalog.timeRowCount(exhibit: location.key, db) > 0 {
                problems.append("\(record.exhibitID): it has time, place or span rows, but its ingested event (\(seq)) commits to none: they were added by hand")
            }
        } else {
            // Stores from before dfc-rows-1 committed to the packet and frame hashes only.
            let digests = try Catalog.legacyHashDigests(exhibit: record.id!, db)
            if details["packets_digest"] != digests.packets {
                problems.append("\(record.exhibitID): its packet rows no longer match what its ingested event (\(seq)) committed to")
            }
            if details["frames_digest"] != digests.frames {
                problems.append("\(record.exhibitID): its frame rows no longer match what its ingested event (\(seq)) committed to")
            }
        }
        return problems
    }

    /// Every later analysis's rows against what its `reanalysed` event committed to, and
    /// every such event against its analysis: no analysis can be added, edited or removed.
    private func checkAnalyses(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = try AnalysisRecord.fetchAll(db, orderedBy: "id")
        for row in rows {
            let exhibit = ExhibitID(row.exhibitID)
            guard let (seq, eventExhibit, details) = ledger.reanalysed[row.id!] else {
                problems.append("\(exhibit): its analysis \(row.id!) has no reanalysed custody event: it was added to the catalog by hand")
                continue
            }
            if eventExhibit != exhibit.description {
                problems.append("\(exhibit): its analysis \(row.id!) belongs to \(eventExhibit) by its reanalysed event (\(seq)): the analysis table was altered")
                continue
            }
            let location = AnalysisLocation.reanalysis(row.id!)
            let layout = details["digest_layout"] ?? ""
            guard let sections = RowDigest.sections(for: location, layout: layout) else {
                problems.append("\(exhibit): the reanalysed event (\(seq)) of its analysis \(row.id!) names the row layout \(layout), which this DFC does not know")
                continue
            }
            let digests = try RowDigest.compute(location, layout: layout, db)
            for section in sections where details[section.name + "_digest"] != digests[section.name + "_digest"] {
                problems.append("\(exhibit): the \(Self.sectionNames[section.name] ?? section.name) of its analysis \(row.id!) no longer match what its reanalysed event (\(seq)) committed to")
            }
        }
        let present = Set(rows.compactMap(\.id))
        for (id, event) in ledger.reanalysed.sorted(by: { $0.key < $1.key }) where !present.contains(id) {
            problems.append("\(event.exhibit): custody event \(event.seq) (reanalysed) recorded analysis \(id), but the catalog has no such analysis: it was removed")
        }
        return problems
    }

    /// Every `batch_file` row against the event that took its file in, and every event of a
    /// batch against its row: a batch's record of what it has done cannot be edited either.
    private func checkBatchFiles(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = try BatchFileRecord.fetchAll(db, orderedBy: "event_seq")
        for row in rows {
            let batch = BatchID(row.batchSeq).description
            guard let event = ledger.batchMembers[row.eventSeq] else {
                problems.append("\(batch): its row for \(row.path) names custody event \(row.eventSeq), which took in no file of a batch: the batch_file table was altered")
                continue
            }
            if event.batch != batch || event.path != row.path || event.exhibit != ExhibitID(row.exhibitID).description {
                problems.append("\(batch): its row for \(row.path) disagrees with custody event \(row.eventSeq) that took the file in: the batch_file table was altered")
            }
        }
        let present = Set(rows.map(\.eventSeq))
        for (seq, event) in ledger.batchMembers.sorted(by: { $0.key < $1.key }) where !present.contains(seq) {
            problems.append("\(event.batch): custody event \(seq) took in \(event.path), but the batch has no row for it: the batch_file table was altered")
        }
        return problems
    }

    /// Every amendment row against its `amended` event, and every such event against its row.
    private func checkAmendments(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = try AmendmentRecord.fetchAll(db, orderedBy: "seq")
        for row in rows {
            guard let event = ledger.amended[row.seq] else {
                problems.append("amendment \(row.seq) of \(ExhibitID(row.exhibitID)): no amended custody event made it: the amendment table was altered")
                continue
            }
            if event.exhibit != ExhibitID(row.exhibitID).description || event.details["case"] != row.caseID
                || event.details["source"] != row.source || event.details["reason"] != row.reason {
                problems.append("amendment \(row.seq) of \(event.exhibit): disagrees with the amended event that made it: the amendment table was altered")
            }
        }
        let present = Set(rows.map(\.seq))
        for (seq, event) in ledger.amended.sorted(by: { $0.key < $1.key }) where !present.contains(seq) {
            problems.append("\(event.exhibit): custody event \(seq) (amended) has no amendment row: the change it records was removed")
        }
        return problems
    }

    /// Every clock correction's row against the `clock_corrected` event that made it, both ways:
    /// a correction cannot be added, edited or removed by hand.
    private func checkClockCorrections(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = try Catalog.clockCorrections(exhibit: nil, db)
        for row in rows {
            guard let event = ledger.clockCorrected[row.seq] else {
                problems.append("clock correction \(row.seq) of \(ExhibitID(row.exhibit)): no clock_corrected custody event made it: the clock_correction table was altered")
                continue
            }
            if event.exhibit != ExhibitID(row.exhibit).description || event.details["offset_ms"] != String(row.offsetMilliseconds)
                || event.details["reason"] != row.reason {
                problems.append("clock correction \(row.seq) of \(event.exhibit): disagrees with the clock_corrected event that made it: the clock_correction table was altered")
            }
        }
        let present = Set(rows.map(\.seq))
        for (seq, event) in ledger.clockCorrected.sorted(by: { $0.key < $1.key }) {
            if !present.contains(seq) {
                problems.append("\(event.exhibit): custody event \(seq) (clock_corrected) has no clock_correction row: the correction it records was removed")
            }
            // One that follows a camera's standing correction says what that correction says.
            guard let text = event.details["standing"] else { continue }
            let standing = Int64(text).flatMap { $0 < seq ? ledger.cameraClockCorrected[$0] : nil }
            let d = event.details
            if standing == nil || standing?["source"] != d["source"] || standing?["reason"] != d["reason"] || standing?["zone"] != d["zone"]
                || standing?["range_from"] != d["range_from"] || standing?["range_to"] != d["range_to"]
                || (standing?["zone"] == nil && standing?["offset_ms"] != d["offset_ms"]) {
                problems.append("\(event.exhibit): custody event \(seq) (clock_corrected) follows the camera's standing correction \(text), "
                    + "which is no camera_clock_corrected event before it saying the same source, range, offset, zone and reason")
            } else if d["command"] != "ingest", let ingested = ledger.ingested[event.exhibit]?.seq, let at = Int64(text), ingested > at {
                // The command corrects what is there; what comes later follows it in at its own ingest.
                problems.append("\(event.exhibit): custody event \(seq) (clock_corrected) applies the camera's standing correction \(text) "
                    + "by command to an exhibit ingested after it (event \(ingested)); only its ingest may")
            }
        }
        return problems
    }

    /// Every placement against the `clock_corrected` event that made it, both ways, and against the
    /// time layer it reads (committed to by the `ingested` event): a placement cannot be added,
    /// edited or removed by hand, nor put an exhibit that has a span of its own somewhere else.
    private func checkPlacements(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = try Catalog.placements(db)
        for (seq, span) in rows {
            let exhibit = ExhibitID(span.exhibit)
            guard let event = ledger.clockCorrected[seq], event.details["placed"] == "true" else {
                problems.append("placement \(seq) of \(exhibit): no clock_corrected custody event placed it: the exhibit_placement table was altered")
                continue
            }
            let d = event.details
            if event.exhibit != exhibit.description || d["placed_start_ms"] != String(span.startMilliseconds)
                || d["placed_end_ms"] != String(span.endMilliseconds) || d["placed_layer"] != String(span.layer) {
                problems.append("placement \(seq) of \(event.exhibit): disagrees with the clock_corrected event that made it: the exhibit_placement table was altered")
                continue
            }
            let layers = try Catalog.timeLayers(exhibit: span.exhibit, db)
            if !layers.indices.contains(span.layer) || layers[span.layer].utc != nil
                || CivilTime(parsing: layers[span.layer].local)?.localMilliseconds != span.startMilliseconds {
                problems.append("placement \(seq) of \(exhibit) (custody event \(seq)): its start is not the reading of the zone-less time layer it names")
            }
        }
        for exhibit in try Catalog.placedAndSpanned(db) {
            problems.append("\(ExhibitID(exhibit)): placed by an examiner although the file gives it a span of its own: one of the two was added by hand")
        }
        let present = Set(rows.map(\.seq))
        for (seq, event) in ledger.clockCorrected.sorted(by: { $0.key < $1.key }) where event.details["placed"] == "true" && !present.contains(seq) {
            problems.append("\(event.exhibit): custody event \(seq) (clock_corrected) placed it on the timeline, but it has no exhibit_placement row: the placement was removed")
        }
        return problems
    }

    /// That every exhibit ingested after a camera's standing clock corrections got exactly the
    /// corrections that follow them in, recomputed from the log and the rows its `ingested` event
    /// commits to (not from the action index intake found them by): none skipped, none added.
    private func checkStandingFollowed(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        let standing = ledger.cameraClockCorrected.sorted { $0.key < $1.key }.map { (seq: $0.key, details: $0.value) }
        let sources = Set(standing.compactMap { $0.details["source"] })
        guard !sources.isEmpty else { return [] }
        var followed: [String: [Int64]] = [:]
        for (_, event) in ledger.clockCorrected.sorted(by: { $0.key < $1.key }) where event.details["command"] == "ingest" {
            if let seq = event.details["standing"].flatMap(Int64.init) { followed[event.exhibit, default: []].append(seq) }
        }
        var problems: [String] = []
        let candidates = ledger.ingested.filter { $0.value.details["source"].map(sources.contains) ?? false }
        for (exhibit, ingest) in candidates.sorted(by: { $0.value.seq < $1.value.seq }) {
            guard let source = ingest.details["source"] else { continue }
            let before = standing.filter { $0.seq < ingest.seq }
            guard !before.isEmpty, let id = ExhibitID(parsing: exhibit)?.rawValue, let record = try ExhibitRecord.fetchOne(db, key: id) else { continue }
            let reading: (start: Int64, end: Int64, unplaced: Bool)?
            if let span = try Catalog.span(exhibit: id, db), !span.placed {
                reading = (span.startMilliseconds, span.endMilliseconds, false)
            } else {
                reading = try Exhibits.placement(record, layers: try Catalog.timeLayers(exhibit: id, db)).map { ($0.startMilliseconds, $0.endMilliseconds, true) }
            }
            let expected = reading.map { Exhibits.reached(by: before, source: source, span: ($0.start, $0.end), unplaced: $0.unplaced).apply.map(\.seq) } ?? []
            let found = followed[exhibit] ?? []
            if expected != found {
                problems.append("\(exhibit): ingested from \(source) after its standing clock corrections, it should follow "
                    + (expected.isEmpty ? "none" : "custody events " + expected.map(String.init).joined(separator: ", "))
                    + " but follows " + (found.isEmpty ? "none" : found.map(String.init).joined(separator: ", ")) + ": a correction was skipped or added")
            }
        }
        return problems
    }

    /// Every camera register row against the `source_registered` event that made it, both ways:
    /// a camera's position, zone or file-name pattern cannot be added, edited or removed by hand.
    private func checkCameraSources(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = try Catalog.cameraSources(named: nil, db)
        for row in rows {
            guard let details = ledger.sourceRegistered[row.seq] else {
                problems.append("camera register entry \(row.seq) (\(row.name)): no source_registered custody event made it: the camera_source table was altered")
                continue
            }
            if details["name"] != row.name || details["latitude"].flatMap(Double.init) != row.latitude
                || details["longitude"].flatMap(Double.init) != row.longitude || details["heading"].flatMap(Double.init) != row.heading
                || details["zone"] != row.zone || details["file_name_time"] != row.fileNameTime {
                problems.append("camera register entry \(row.seq) (\(details["name"] ?? row.name)): disagrees with the source_registered event that made it: the camera_source table was altered")
            }
        }
        let present = Set(rows.map(\.seq))
        for (seq, details) in ledger.sourceRegistered.sorted(by: { $0.key < $1.key }) where !present.contains(seq) {
            problems.append("custody event \(seq) (source_registered, \(details["name"] ?? "?")) has no camera_source row: the registration it records was removed")
        }
        return problems
    }

    /// Every extracted picture's row against the `extracted` event that registered it (its
    /// `derived_digest`), and every such event against its rows.
    private func checkDerivedFrames(_ ledger: LedgerCheck, _ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        let rows = Dictionary(grouping: try DerivedFrameRecord.fetchAll(db, orderedBy: "id"), by: \.eventSeq)
        for (seq, group) in rows.sorted(by: { $0.key < $1.key }) {
            let exhibit = ExhibitID(group[0].exhibitID).description
            guard let event = ledger.extracted[seq] else {
                problems.append("\(exhibit): \(group.count) extracted pictures name custody event \(seq), which extracted nothing: the derived_frame table was altered")
                continue
            }
            if event.exhibit != exhibit || group.contains(where: { $0.exhibitID != group[0].exhibitID })
                || event.details["derived_digest"] != DerivedFrameRecord.digest(of: group) {
                problems.append("\(event.exhibit): its extracted pictures no longer match what custody event \(seq) (extracted) committed to: the derived_frame table was altered")
            }
        }
        for (seq, event) in ledger.extracted.sorted(by: { $0.key < $1.key }) where rows[seq] == nil {
            problems.append("\(event.exhibit): custody event \(seq) (extracted) registered \(event.details["frames"] ?? "?") pictures, but the catalog has none of them: they were removed")
        }
        return problems
    }

    /// Every extracted picture the store keeps (`derived/`) against the SHA-256 its row records.
    private func checkDerivedFiles() throws -> [String] {
        let rows = try withCatalog {
            try catalog.inspect { try Catalog.derivedFrameFiles($0) }
        }
        var problems: [String] = []
        for row in rows {
            let relative: String = try row.at(0), expected: String = try row.at(1), exhibit = ExhibitID(try row.at(2) as Int64)
            guard let digest = try? FileDigest.compute(path: path + "/" + relative) else {
                problems.append("\(exhibit): its extracted picture \(relative) is missing from the store")
                continue
            }
            if digest.sha256 != expected {
                problems.append("\(exhibit): its extracted picture \(relative) is not the registered PNG (SHA-256 \(digest.sha256)): it was replaced")
            }
        }
        return problems
    }
}
