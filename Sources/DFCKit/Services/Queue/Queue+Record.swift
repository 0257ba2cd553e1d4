import Foundation

extension Queue {
    /// What came of one leased job on this host.
    enum JobOutcome {
        /// Recorded as an exhibit (new, or the bytes of one already) or, when no exhibit could be
        /// made of it, with a `job_failed` event; and whether that completed its batch.
        case recorded(IngestResult?, completedBatch: Bool)
        /// Its worker failed here and the job went back to the queue for another host.
        case returned(String)
        /// Its file was recorded already, by this custody event: the job row had been edited back
        /// to queued. Closed as done by that event; nothing recorded again.
        case alreadyRecorded(Int64)
    }

    /// Analyses and records one job this host leased. The job is what its signed `queued` event
    /// says (never what the job row says), and the vault copy must have the hashes it signed.
    /// A worker that fails (crashed, killed at its limits, refused) puts the job back with the
    /// reason, unless this was its last attempt: then it is registered with an `analysis_failed`
    /// finding naming every attempt's host and reason. A job that lost its lease while analysed
    /// throws `leaseLost` or `cancelled`, with nothing recorded.
    func perform(_ lease: JobLease, host: Signer, containment: Containment?, limits: MediaLimits) throws -> JobOutcome {
        if let closed = try withCatalog({ try lease.expired == nil ? catalog.coordinate { try closeIfRecorded(lease, $0) }
                                            : catalog.write { try signExpiry(lease, host: host, $0) } }) { return closed }
        let lastAttempt = lease.failures.count + 1 >= lease.maxAttempts
        let job: QueuedFile
        do {
            job = try queuedFile(lease)
        } catch let problem as QueuedFile.Problem {
            return try failOrReturn(lease, host: host, reason: problem.reason, last: lastAttempt, job: nil)
        }
        let staged: Vault.Staged
        do {
            staged = try vault.stageCopy(of: job.vaultPath)
        } catch {
            switch error.code {
            case .vaultObjectMissing, .inputUnreadable, .vault:
                return try failOrReturn(lease, host: host, reason: "its vault copy cannot be read: \(error.description)", last: lastAttempt, job: job)
            default: throw error
            }
        }
        defer { vault.discard(staged) }
        if staged.digest.sha256 != job.sha256 || staged.digest.sha512 != job.sha512 || staged.digest.size != job.size {
            return try failOrReturn(lease, host: host, reason: "its vault copy \(job.vaultPath) is not the file its queued event "
                + "(\(lease.queuedSeq)) signed: SHA-256 \(staged.digest.sha256), \(staged.digest.size) bytes", last: lastAttempt, job: job)
        }

        let known = try withCatalog { try catalog.read { try Catalog.exhibit(sha256: job.sha256, scanning: false, $0) } }
        var analysis: CheckedAnalysis?
        if known == nil {
            if lease.failures.count >= lease.maxAttempts {
                // Hosts died with it as many times as it may fail: recorded now, not analysed again.
                analysis = workers.failed(Self.failureMessage(lease.failures), by: "no worker: \(lease.failures.count) earlier attempts failed")
            } else {
                let made = try workers.analyse(staged, file: job.path, limits: limits, containment: containment)
                if made.path == nil {
                    let reason = made.summary.findings.first?.message ?? "the analysis did not finish"
                    let failure = JobFailure(host: host.name, at: Timestamp.now(), reason: reason)
                    if !lastAttempt {
                        try returnLease(lease, failure: failure, host: host)
                        return .returned(reason)
                    }
                    analysis = workers.failed(Self.failureMessage(lease.failures + [failure]), by: made.analysedBy)
                } else {
                    analysis = made
                }
            }
        }
        defer { if let path = analysis?.path { unlink(path) } }

        return try withCatalog {
            try catalog.write { db -> JobOutcome in
                try Ledger.requireNotRevoked(host.name, db)
                if let closed = try closeIfRecorded(lease, db) { return closed }
                var details = job.details
                details["job"] = String(lease.queuedSeq)
                details["on_behalf_of"] = lease.startedBy
                details["attempt"] = String(lease.attempt)
                if !lease.failures.isEmpty { details["earlier_attempts"] = JobFailure.encode(lease.failures) }
                let result: IngestResult, event: Int64, exhibit: Int64
                if let existing = try Catalog.exhibit(sha256: job.sha256, scanning: false, db) {
                    event = try intake.appendAcquired(db, existing, details: details, signer: host).seq
                    result = intake.duplicateResult(existing, path: job.path, db)
                    exhibit = existing.exhibitID.rawValue
                } else {
                    guard let analysis else { throw DFCError.storeIO(path: path, reason: "an exhibit vanished while job \(lease.id) was recorded") }
                    let recorded = try intake.register(analysis, staged: staged, vaultPath: job.vaultPath, caseID: job.caseID, source: job.source,
                                                       file: job.path, limits: limits, details: details, signer: host, db)
                    (result, event) = recorded
                    guard let id = result.exhibit?.rawValue else { throw DFCError.storeIO(path: path, reason: "job \(lease.id) was recorded without an exhibit") }
                    exhibit = id
                }
                try BatchFileRecord(batchSeq: lease.batch, path: job.path, eventSeq: event, exhibitID: exhibit).insert(db)
                try Catalog.finishJob(lease, event: event, db)
                try completeIfDone(lease.batch, signer: host, onBehalfOf: lease.startedBy, db)
                return .recorded(result, completedBatch: try Catalog.queueBatch(lease.batch, db)?.completedSeq != nil)
            }
        }
    }

    /// A job that cannot be made an exhibit here (its queued event or vault copy is wrong): back to
    /// the queue, or, on its last attempt, recorded with a `job_failed` event giving every reason.
    private func failOrReturn(_ lease: JobLease, host: Signer, reason: String, last: Bool, job: QueuedFile?) throws -> JobOutcome {
        let failure = JobFailure(host: host.name, at: Timestamp.now(), reason: reason)
        guard last else {
            try returnLease(lease, failure: failure, host: host)
            return .returned(reason)
        }
        logger.error("a queued job cannot be recorded as an exhibit", metadata: ["job": "\(lease.id)", "path": "\(lease.path)", "reason": "\(reason)"])
        return try withCatalog {
            try catalog.write { db -> JobOutcome in
                try Ledger.requireNotRevoked(host.name, db)
                if let closed = try closeIfRecorded(lease, db) { return closed }
                var details = job?.details ?? ["batch": BatchID(lease.batch).description, "original_path": lease.path]
                details["job"] = String(lease.queuedSeq)
                details["on_behalf_of"] = lease.startedBy
                details["attempt"] = String(lease.attempt)
                details["attempts"] = JobFailure.encode(lease.failures + [failure])
                details["reason"] = Self.failureMessage(lease.failures + [failure])
                let event = try CustodyLog.append(db, action: "job_failed", signer: host, exhibit: nil, details: details)
                try Catalog.finishJob(lease, event: event.seq, db)
                try completeIfDone(lease.batch, signer: host, onBehalfOf: lease.startedBy, db)
                return .recorded(nil, completedBatch: try Catalog.queueBatch(lease.batch, db)?.completedSeq != nil)
            }
        }
    }

    /// Claims the lease and, when the job's file was recorded already (by a `batch_file` row of its
    /// batch and path, or a `job_failed` event naming its queued event), closes it as done by that
    /// event: a job row an insider set back to `queued` is neither analysed nor recorded twice, and
    /// no host retries it for ever. The edit stays for the audit to find; this only logs it.
    private func closeIfRecorded(_ lease: JobLease, _ db: CatalogDB) throws -> JobOutcome? {
        try Catalog.claimLease(lease, db)
        var recorded = try Catalog.batchFileEvent(batch: lease.batch, path: lease.path, db)
        if recorded == nil {
            recorded = try Catalog.events(action: "job_failed", db).first { event in
                let details = CustodyLog.decode(event)?.details
                return details?["job"] == String(lease.queuedSeq) && details?["batch"] == BatchID(lease.batch).description
            }?.seq
        }
        guard let recorded else { return nil }
        logger.error("a job in the queue names a file recorded already: its job row was edited; closed as done by the event that recorded it",
                     metadata: ["job": "\(lease.id)", "batch": "\(BatchID(lease.batch))", "path": "\(lease.path)", "event": "\(recorded)"])
        try Catalog.finishJob(lease, event: recorded, db)
        return .alreadyRecorded(recorded)
    }

    /// Puts a leased job back in the queue as if never leased (a host that drains or stops).
    func returnLease(_ lease: JobLease) throws {
        try withCatalog { try catalog.coordinate { try Catalog.returnLease(lease, failed: false, $0) } }
    }

    /// Puts a leased job back in the queue after this host's attempt at it failed, with a signed
    /// `attempt_failed` event: the attempts a job is allowed, and the history a later host signs
    /// as its earlier attempts, are those events, never the queue's rows. Nothing is signed when
    /// the lease had passed to another host meanwhile (that host signs its lapse).
    func returnLease(_ lease: JobLease, failure: JobFailure, host: Signer) throws {
        try withCatalog {
            try catalog.write { db in
                try Ledger.requireNotRevoked(host.name, db)
                do {
                    try Catalog.claimLease(lease, db)
                } catch let error as DFCError where error.code == .leaseLost {
                    return
                }
                _ = try appendAttemptFailed(lease, failure, host: host, db)
                try Catalog.returnLease(lease, failed: true, db)
            }
        }
    }

    /// Signs the lapse of the lease this host took over (the queue showed the job leased to
    /// another host until a time now past), then closes the job if it was recorded already.
    private func signExpiry(_ lease: JobLease, host: Signer, _ db: CatalogDB) throws -> JobOutcome? {
        try Ledger.requireNotRevoked(host.name, db)
        if let closed = try closeIfRecorded(lease, db) { return closed }
        if let expired = lease.expired { _ = try appendAttemptFailed(lease, expired, host: host, db, observed: true) }
        return nil
    }

    /// One failed attempt at a queued job, as an `attempt_failed` event signed by `host`: its own
    /// attempt, or (`observed`) another host's whose lease ran out.
    private func appendAttemptFailed(_ lease: JobLease, _ failure: JobFailure, host: Signer, _ db: CatalogDB, observed: Bool = false) throws -> Int64 {
        var details = ["batch": BatchID(lease.batch).description, "job": String(lease.queuedSeq), "on_behalf_of": lease.startedBy,
                       "attempt": String(observed ? lease.attempt - 1 : lease.attempt), "reason": failure.reason]
        if observed {
            details["failed_host"] = failure.host
            details["failed_at"] = failure.at
        }
        return try CustodyLog.append(db, action: "attempt_failed", signer: host, exhibit: nil, details: details).seq
    }

    /// Every attempt's host and reason, in one sentence for a finding or an event.
    static func failureMessage(_ failures: [JobFailure]) -> String {
        "the analysis did not finish in \(failures.count) attempt\(failures.count == 1 ? "" : "s"): "
            + failures.map { "on \($0.host) at \($0.at): \($0.reason)" }.joined(separator: "; ")
            + "; the original is preserved and registered, without packet or frame hashes"
    }

    /// The job as its `queued` event says, once that event is found to be a signed `queued` event
    /// of this batch for this path, by a registered actor, naming a vault copy by its SHA-256.
    private func queuedFile(_ lease: JobLease) throws -> QueuedFile {
        try withCatalog { try catalog.read { try Self.queuedFile(lease, $0) } }.get()
    }

    private static func queuedFile(_ lease: JobLease, _ db: CatalogDB) throws -> Result<QueuedFile, QueuedFile.Problem> {
        guard let event = try CustodyEventRecord.fetchOne(db, key: lease.queuedSeq), event.action == "queued",
              let payload = CustodyLog.decode(event) else {
            return .failure(.init(reason: "custody event \(lease.queuedSeq), which its job row names, is not a queued event"))
        }
        let actors = CustodyLog.actors(try ActorRecord.fetchAll(db, orderedBy: "registered_seq"))
        guard CustodyLog.signatureStatus(event, payload, actors: actors) == .valid else {
            return .failure(.init(reason: "its queued event (\(lease.queuedSeq)) is not signed by a registered actor's key"))
        }
        let details = payload.details
        guard details["batch"] == BatchID(lease.batch).description, details["original_path"] == lease.path,
              let sha256 = details["sha256"], let sha512 = details["sha512"], let size = details["size"].flatMap({ Int64($0) }),
              let caseID = details["case"], details["vault_path"] == Vault.relativePath(sha256: sha256) else {
            return .failure(.init(reason: "its job row (batch \(BatchID(lease.batch)), \(lease.path)) disagrees with its "
                + "signed queued event (\(lease.queuedSeq)): the row was altered"))
        }
        var kept = details
        for name in ["host", "dfc_version"] { kept[name] = nil }
        return .success(QueuedFile(path: lease.path, sha256: sha256, sha512: sha512, size: size, caseID: caseID, source: details["source"],
                                   vaultPath: Vault.relativePath(sha256: sha256), details: kept))
    }
}

/// A queued original as its signed `queued` event names it.
struct QueuedFile {
    let path: String
    let sha256: String
    let sha512: String
    let size: Int64
    let caseID: String
    let source: String?
    let vaultPath: String
    /// The event's details (batch, case, source, path, name, hashes, vault copy), for the event that records it.
    let details: [String: String]

    /// Why a job's event cannot be taken as it stands.
    struct Problem: Error, Sendable {
        let reason: String
    }
}
