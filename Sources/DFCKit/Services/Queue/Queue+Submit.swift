import Foundation

extension Queue {
    /// Queues every regular file under `options.roots` for the worker hosts: each original is
    /// hashed, copied into the vault (so that any host can read it) and given a job, with a signed
    /// `queued` event naming its path, hashes and vault copy; a `batch_started` event opens the
    /// batch and `batch_queued` says every file is in. A file that cannot be read or is empty is
    /// rejected, as `batch` rejects it, and named in the report's notes. Queuing the same folders
    /// again (or `resume`) resumes an unfinished batch and queues only what it lacks.
    ///
    /// `leaseSeconds` is how long a host holds a job without renewing it (it renews every third
    /// of that while its worker runs); `maxAttempts` how many hosts may fail at a job before it
    /// is recorded with `analysis_failed`. Needs a store whose catalog is on PostgreSQL.
    public func queueBatch(
        _ options: BatchOptions, actor: String, resume: BatchID? = nil, leaseSeconds: Double = 60, maxAttempts: Int = 3,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> BatchReport {
        guard catalog.holdsQueues else { throw DFCError.invalidArgument(Catalog.queueNeedsPostgres) }
        guard leaseSeconds >= 2, leaseSeconds.isFinite else { throw DFCError.invalidArgument("a lease must last 2 seconds or more") }
        guard (1...20).contains(maxAttempts) else { throw DFCError.invalidArgument("the attempts per job must be from 1 to 20") }
        let signer = try Ledger.requireHandling(try ledger.signerRegisteringFirst(actor, command: "batch --queue"), command: "queue a batch")
        var options = options
        if let resume { options = try intake.startedOptions(of: resume, limits: options.limits) }
        options = try Intake.checked(options)
        try integrity.sweepLeftovers(signer)
        let walk = TreeWalk(roots: options.roots)
        let (seq, resumed) = try intake.startOrResume(
            options, walk: walk, jobs: 0, signer: signer, explicit: resume,
            extra: ["queue": "postgresql", "lease_seconds": String(leaseSeconds), "max_attempts": String(maxAttempts)],
            onStart: { seq, db in
                try Catalog.insertQueueBatch(seq, startedBy: signer.name, leaseSeconds: leaseSeconds, maxAttempts: maxAttempts, db)
            })
        let batch = try withCatalog { try catalog.read { try Catalog.queueBatch(seq, $0) } }
        guard let batch else { throw DFCError.invalidArgument("\(BatchID(seq)) was not started as a queued batch: resume it without --queue") }
        let queued = try withCatalog { try catalog.read { try Catalog.queuedPaths(seq, $0) } }
        var rejected: [String] = []
        var done = queued.count
        for file in walk.files where !queued.contains(file.path) {
            if let reason = try queue(file, batch: seq, options: options, signer: signer) {
                rejected.append("\(file.path): rejected: \(reason)")
            }
            done += 1
            progress(done, walk.files.count)
        }
        return try withCatalog {
            try catalog.write { db in
                if batch.queuedSeq == nil, try Catalog.queueBatch(seq, db)?.queuedSeq == nil {
                    let event = try CustodyLog.append(db, action: "batch_queued", signer: signer, exhibit: nil, details: [
                        "batch": BatchID(seq).description, "queued": String(try Catalog.queuedPaths(seq, db).count),
                        "rejected": String(rejected.count), "not_read": String(walk.notes.count),
                    ])
                    try Catalog.markQueueBatch(seq, .queued, event: event.seq, db)
                    try completeIfDone(seq, signer: signer, onBehalfOf: nil, rejected: rejected.count, db)
                }
                var report = try intake.batchReport(seq, db)
                report.rejected = rejected.count
                report.notes = walk.notes + rejected
                report.resumed = resumed
                return report
            }
        }
    }

    /// Stages one file, puts it in the vault and queues its job; the reason when it is rejected.
    private func queue(_ file: TreeWalk.File, batch: Int64, options: BatchOptions, signer: Signer) throws -> String? {
        do {
            try InputFile.check(file.path)
        } catch {
            return error.description
        }
        let staged: Vault.Staged
        do {
            staged = try vault.stage(file.path)
        } catch {
            if error.code == .inputUnreadable { return error.description }
            throw error
        }
        defer { vault.discard(staged) }
        guard staged.digest.size > 0 else { return DFCError.inputEmpty(path: file.path).description }
        // The upload (minutes, for a large file to S3) goes before the transaction; the object is
        // named by its bytes, so a queuing killed here leaves an object that queuing again adopts.
        let (vaultPath, _) = try vault.commit(staged)
        let source: String? = switch options.source {
        case .none: nil
        case .fixed(let text): text
        case .firstFolder: file.firstFolder.map(SingleLine.visible)
        }
        var details: [String: String] = [
            "batch": BatchID(batch).description, "case": options.caseID, "original_path": file.path,
            "original_name": (file.path as NSString).lastPathComponent, "sha256": staged.digest.sha256,
            "sha512": staged.digest.sha512, "size": String(staged.digest.size), "vault_path": vaultPath,
        ]
        if let source { details["source"] = source }
        if let modified = Intake.modificationTime(of: file.path) { details["original_modified"] = modified }
        try withCatalog {
            try catalog.write { db in
                let event = try CustodyLog.append(db, action: "queued", signer: signer, exhibit: nil, details: details)
                try Catalog.insertJob(batch: batch, queuedSeq: event.seq, path: file.path, size: staged.digest.size, db)
            }
        }
        return nil
    }

    /// Records `batch_completed` once every file is queued and no job is queued or leased, signed
    /// by whoever finished the last one (a host names the actor who started the batch).
    func completeIfDone(_ batch: Int64, signer: Signer, onBehalfOf: String?, rejected: Int? = nil, _ db: CatalogDB) throws {
        guard let row = try Catalog.queueBatch(batch, db), let queuedSeq = row.queuedSeq, row.completedSeq == nil,
              try Catalog.openJobs(batch, db) == 0 else { return }
        let report = try intake.batchReport(batch, db)
        let (counts, _) = try Catalog.jobStates(batch, db)
        let queuedDetails = try CustodyEventRecord.fetchOne(db, key: queuedSeq).flatMap { CustodyLog.decode($0)?.details } ?? [:]
        var details = [
            "batch": BatchID(batch).description, "files": String(report.total), "ingested": String(report.ingested),
            "duplicates": String(report.duplicates), "with_findings": String(report.withFindings),
            "analysis_failed": String(report.analysisFailed), "job_failed": String(try Catalog.failedJobs(batch, db)),
            "rejected": String(rejected ?? Int(queuedDetails["rejected"] ?? "") ?? 0), "not_read": queuedDetails["not_read"] ?? "0",
            "cancelled": String(counts["cancelled"] ?? 0), "queue": "postgresql",
        ]
        if let onBehalfOf { details["on_behalf_of"] = onBehalfOf }
        let event = try CustodyLog.append(db, action: "batch_completed", signer: signer, exhibit: nil, details: details)
        try Catalog.markQueueBatch(batch, .completed, event: event.seq, db)
    }
}
