import Foundation
import DFCCore
import DFCLedger

/// The queue's coordination rows (`queue_batch`, `batch_job`, PostgreSQL only): where each job of
/// a queued batch stands and which host holds its lease. Lease times are the server's clock, so
/// hosts whose clocks disagree still agree on when a lease ran out. None of this is evidence: a
/// job names its signed `queued` event, and what came of it is the event that recorded it. A
/// batch's terms (who started it, its lease, its attempts per job) are read from its signed
/// `batch_started` event and each milestone counts only when the event it names is a genuine one
/// of that batch: a row edited with the `dfc` role's password (`max_attempts = 0`, a
/// `cancelled_seq` of no cancellation) changes nothing a host does or says.
extension Catalog {
    /// The server's clock, in seconds since 1970.
    package static let serverNow = "extract(epoch FROM clock_timestamp())::double precision"

    /// A new queued batch's row.
    package static func insertQueueBatch(_ batch: Int64, startedBy: String, leaseSeconds: Double, maxAttempts: Int, _ db: CatalogDB) throws {
        try db.execute(sql: """
            INSERT INTO queue_batch (batch_seq, started_by, lease_seconds, max_attempts) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, arguments: [batch, startedBy, leaseSeconds, Int64(maxAttempts)])
    }

    /// A queued batch: who started it, its lease and attempts (from its signed `batch_started`
    /// event), and its milestones so far (each only when its row names a genuine event of the
    /// batch); nil when the batch has no row, or no signed start that queued it.
    package static func queueBatch(_ batch: Int64, _ db: CatalogDB) throws -> QueueBatchRow? {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT queued_seq, cancelled_seq, completed_seq FROM queue_batch WHERE batch_seq = ?",
                                            arguments: [batch]),
              let terms = try signedTerms(batch, db) else { return nil }
        return QueueBatchRow(batch: batch, startedBy: terms.startedBy, leaseSeconds: terms.leaseSeconds, maxAttempts: terms.maxAttempts,
                             queuedSeq: try genuine(try row.at(0), .queued, batch: batch, db),
                             cancelledSeq: try genuine(try row.at(1), .cancelled, batch: batch, db),
                             completedSeq: try genuine(try row.at(2), .completed, batch: batch, db))
    }

    /// `seq` when it is a genuine event of batch `batch` of the kind `milestone` names; nil otherwise.
    private static func genuine(_ seq: Int64?, _ milestone: QueueBatchRow.Milestone, batch: Int64, _ db: CatalogDB) throws -> Int64? {
        guard let seq, let event = try CustodyEventRecord.fetchOne(db, key: seq), milestone.actions.contains(event.action),
              CustodyLog.decode(event)?.details["batch"] == BatchID(batch).description else { return nil }
        return seq
    }

    /// What the audit finds in the queue's rows, open batches included: a batch row whose starter,
    /// lease or attempts are not its signed `batch_started` event's, or with no such event, and a
    /// milestone column that names no genuine event of its batch. Hosts already go by the events;
    /// this names the edit.
    package static func queueRowProblems(_ db: CatalogDB) throws -> [String] {
        var problems: [String] = []
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT batch_seq, started_by, lease_seconds, max_attempts, queued_seq, cancelled_seq, completed_seq FROM queue_batch ORDER BY batch_seq
            """) {
            let batch: Int64 = try row.at(0)
            let id = BatchID(batch)
            guard let terms = try signedTerms(batch, db) else {
                problems.append("\(id): its queue row (queue_batch) has no signed batch_started event of a queued batch (custody event \(batch)): "
                    + "the row was added or the event changed outside DFC; its jobs are set aside")
                continue
            }
            let startedBy: String = try row.at(1), lease: Double = try row.at(2), attempts: Int64 = try row.at(3)
            if startedBy != terms.startedBy || lease != terms.leaseSeconds || attempts != Int64(terms.maxAttempts) {
                problems.append("\(id): its queue row says started by \(startedBy), a \(lease) s lease and \(attempts) attempts per job, but its "
                    + "batch_started event (custody event \(batch)) signed \(terms.startedBy), \(terms.leaseSeconds) s and \(terms.maxAttempts): "
                    + "the row was edited (hosts go by the event)")
            }
            for (index, milestone) in [(4, QueueBatchRow.Milestone.queued), (5, .cancelled), (6, .completed)] {
                guard let seq: Int64 = try row.at(index), try genuine(seq, milestone, batch: batch, db) == nil else { continue }
                problems.append("\(id): its queue row's \(milestone.rawValue) names custody event \(seq), which is no "
                    + "\(milestone.actions.sorted().joined(separator: " or ")) event of it: the row was edited (hosts go by the events)")
            }
        }
        return problems
    }

    /// Who started queued batch `batch`, its lease and its attempts per job, as its signed
    /// `batch_started` event (custody event `batch`) gives them; nil when that is no such event.
    package static func signedTerms(_ batch: Int64, _ db: CatalogDB) throws -> (startedBy: String, leaseSeconds: Double, maxAttempts: Int)? {
        guard let event = try CustodyEventRecord.fetchOne(db, key: batch), event.action == "batch_started",
              let payload = CustodyLog.decode(event), payload.details["queue"] == "postgresql",
              let lease = payload.details["lease_seconds"].flatMap(Double.init), lease.isFinite, lease >= 2,
              let attempts = payload.details["max_attempts"].flatMap(Int.init), (1...20).contains(attempts) else { return nil }
        return (payload.actor, lease, attempts)
    }

    /// Marks a queued batch's `batch_queued`, `batch_cancelled` or `batch_completed` event.
    package static func markQueueBatch(_ batch: Int64, _ column: QueueBatchRow.Milestone, event: Int64, _ db: CatalogDB) throws {
        try db.execute(sql: "UPDATE queue_batch SET \(column.rawValue) = ? WHERE batch_seq = ?", arguments: [event, batch])
    }

    /// A job for the file its `queued` event names.
    package static func insertJob(batch: Int64, queuedSeq: Int64, path: String, size: Int64, _ db: CatalogDB) throws {
        try db.execute(sql: "INSERT INTO batch_job (batch_seq, queued_seq, path, size) VALUES (?, ?, ?, ?)",
                       arguments: [batch, queuedSeq, path, size])
    }

    /// The paths batch `batch` has queued so far.
    package static func queuedPaths(_ batch: Int64, _ db: CatalogDB) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT path FROM batch_job WHERE batch_seq = ?", arguments: [batch]))
    }

    /// Leases the first job that is queued, or whose lease ran out, of a batch not cancelled, to
    /// `host` under `token`; a job whose lease ran out gets that as one of its failures. Jobs that
    /// other hosts are taking at this moment are skipped, not waited for (`SKIP LOCKED`).
    package static func leaseJob(host: String, token: String, _ db: CatalogDB) throws -> JobLease? {
        while true {
            switch try leaseOneJob(host: host, token: token, db) {
            case .leased(let lease): return lease
            case .noJob: return nil
            case .setAside: continue
            }
        }
    }

    /// What one try of `leaseJob` came to.
    private enum LeaseTry {
        case leased(JobLease)
        case noJob
        /// The job found belongs to a batch with no signed start: set aside; the next is tried.
        case setAside
    }

    private static func leaseOneJob(host: String, token: String, _ db: CatalogDB) throws -> LeaseTry {
        // A batch is passed over only when a genuine batch_cancelled event of it is what its row names.
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT j.id, j.batch_seq, j.queued_seq, j.path, j.state, j.host, j.lease_until, j.attempts, j.failures
            FROM batch_job j JOIN queue_batch q ON q.batch_seq = j.batch_seq
            WHERE (j.state = 'queued' OR (j.state = 'leased' AND j.lease_until < \(serverNow)))
            AND NOT EXISTS (SELECT 1 FROM custody_event c WHERE c.seq = q.cancelled_seq AND c.action = 'batch_cancelled'
                            AND position(('"batch":"B-' || q.batch_seq || '"') IN c.payload) > 0)
            ORDER BY j.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED
            """) else { return .noJob }
        let id: Int64 = try row.at(0), batch: Int64 = try row.at(1)
        guard let terms = try signedTerms(batch, db) else {
            // No signed start: nothing of it is analysed or recorded on its row's word (the audit names the batch).
            try db.execute(sql: "UPDATE batch_job SET state = 'cancelled' WHERE id = ?", arguments: [id])
            return .setAside
        }
        // Earlier attempts are the signed `attempt_failed` events of this job, never the row's word.
        // A lease that ran out is one more, which this host signs before it works the job, as what
        // it saw of the queue; only a registered host's lease counts (an edited row cannot make a
        // host name one that is none).
        var failures = try signedFailures(batch: batch, queuedSeq: try row.at(2), db)
        var expired: JobFailure?
        if try row.at(4) as String == "leased", let holder: String = try row.at(5),
           try String.fetchOne(db, sql: "SELECT name FROM actor WHERE name = ? AND role = 'host'", arguments: [holder]) != nil {
            let until: Double = try row.at(6) ?? 0
            let lapse = JobFailure(host: holder, at: Timestamp.string(Date(timeIntervalSince1970: until)),
                                   reason: "its lease ran out without a renewal: the host died, was cut off or stalled")
            (expired, failures) = (lapse, failures + [lapse])
        }
        let leaseSeconds = terms.leaseSeconds
        try db.execute(sql: """
            UPDATE batch_job SET state = 'leased', host = ?, lease_token = ?, leased_at = \(serverNow),
                lease_until = \(serverNow) + ?, attempts = attempts + 1 WHERE id = ?
            """, arguments: [host, token, leaseSeconds, id])
        return .leased(JobLease(id: id, batch: batch, queuedSeq: try row.at(2), path: try row.at(3), token: token,
                        attempt: failures.count + 1, failures: failures, expired: expired, leaseSeconds: leaseSeconds,
                        maxAttempts: terms.maxAttempts, startedBy: terms.startedBy))
    }

    /// The failed attempts at the job queued by custody event `queuedSeq` of batch `batch`, oldest
    /// first: its `attempt_failed` events, each signed with a registered worker host's key.
    package static func signedFailures(batch: Int64, queuedSeq: Int64, _ db: CatalogDB) throws -> [JobFailure] {
        let actors = CustodyLog.actors(try ActorRecord.fetchAll(db, orderedBy: "registered_seq"))
        return try CustodyEventRecord.fetchAll(db, sql: """
            SELECT * FROM custody_event WHERE action = 'attempt_failed' AND position(? IN payload) > 0 ORDER BY seq
            """, arguments: ["\"job\":\"\(queuedSeq)\""]).compactMap { event in
            guard let payload = CustodyLog.decode(event), payload.role == ActorRole.host.rawValue,
                  CustodyLog.signatureStatus(event, payload, actors: actors) == .valid else { return nil }
            let details = payload.details
            guard details["job"] == String(queuedSeq), details["batch"] == BatchID(batch).description,
                  let reason = details["reason"] else { return nil }
            return JobFailure(host: details["failed_host"] ?? payload.actor, at: details["failed_at"] ?? payload.at, reason: reason, event: event.seq)
        }
    }

    /// Extends a lease this host holds by its length; false when it holds it no more.
    package static func renewLease(_ lease: JobLease, _ db: CatalogDB) throws -> Bool {
        try !db.rows(sql: """
            UPDATE batch_job SET lease_until = \(serverNow) + ? WHERE id = ? AND lease_token = ? AND state = 'leased' RETURNING id
            """, arguments: [lease.leaseSeconds, lease.id, lease.token]).isEmpty
    }

    /// Puts a leased job back in the queue: after a failed attempt (its `attempt_failed` event
    /// signed in the same transaction), or as if never leased (a host that drains).
    package static func returnLease(_ lease: JobLease, failed: Bool, _ db: CatalogDB) throws {
        try db.execute(sql: """
            UPDATE batch_job SET state = 'queued', host = NULL, lease_token = NULL, lease_until = NULL\(failed ? "" : ", attempts = attempts - 1")
            WHERE id = ? AND lease_token = ? AND state = 'leased'
            """, arguments: [lease.id, lease.token])
    }

    /// Locks a leased job's row for the transaction that records it; throws `leaseLost` unless
    /// this host still holds it. Under the log's lock, so it cannot pass to another host between
    /// this check and the commit: each file is recorded once.
    package static func claimLease(_ lease: JobLease, _ db: CatalogDB) throws {
        let row = try SQLRow.fetchOne(db, sql: "SELECT state, lease_token, host FROM batch_job WHERE id = ? FOR UPDATE", arguments: [lease.id])
        guard let row else { throw DFCError.leaseLost(job: lease.id, reason: "the job is no longer in the queue") }
        let state: String = try row.at(0), token: String? = try row.at(1)
        guard state == "leased", token == lease.token else {
            let holder: String? = try row.at(2)
            throw DFCError.leaseLost(job: lease.id, reason: state == "done" ? "another host recorded it first"
                : state == "cancelled" ? "its batch was cancelled" : "its lease passed to \(holder ?? "another host")")
        }
    }

    /// The event that recorded batch `batch`'s file `path`, if one has.
    package static func batchFileEvent(batch: Int64, path: String, _ db: CatalogDB) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT event_seq FROM batch_file WHERE batch_seq = ? AND path = ?", arguments: [batch, path])
    }

    /// Every custody event of one action, oldest first.
    package static func events(action: String, _ db: CatalogDB) throws -> [CustodyEventRecord] {
        try CustodyEventRecord.fetchAll(db, sql: "SELECT * FROM custody_event WHERE action = ? ORDER BY seq", arguments: [action])
    }

    /// Marks a claimed job done by the event that recorded it.
    package static func finishJob(_ lease: JobLease, event: Int64, _ db: CatalogDB) throws {
        try db.execute(sql: "UPDATE batch_job SET state = 'done', event_seq = ?, lease_token = NULL WHERE id = ?", arguments: [event, lease.id])
    }

    /// Takes every still-queued job of a batch out of the queue; returns how many.
    package static func cancelQueuedJobs(_ batch: Int64, _ db: CatalogDB) throws -> Int {
        try db.rows(sql: "UPDATE batch_job SET state = 'cancelled' WHERE batch_seq = ? AND state = 'queued' RETURNING id",
                    arguments: [batch]).count
    }

    /// How many jobs of any batch are queued or leased.
    package static func openJobs(_ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM batch_job WHERE state IN ('queued', 'leased')") ?? 0
    }

    /// How many of a batch's jobs are queued or leased.
    package static func openJobs(_ batch: Int64, _ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM batch_job WHERE batch_seq = ? AND state IN ('queued', 'leased')", arguments: [batch]) ?? 0
    }

    /// How many of a batch's jobs were recorded as `job_failed` (no exhibit could be made of them).
    package static func failedJobs(_ batch: Int64, _ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM batch_job j JOIN custody_event c ON c.seq = j.event_seq WHERE j.batch_seq = ? AND c.action = 'job_failed'
            """, arguments: [batch]) ?? 0
    }

    /// How many of a batch's jobs are in each state, and the leases held now.
    package static func jobStates(_ batch: Int64, _ db: CatalogDB) throws -> (counts: [String: Int], leases: [QueueStatus.Lease]) {
        var counts: [String: Int] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT state, count(*) FROM batch_job WHERE batch_seq = ? GROUP BY state", arguments: [batch]) {
            counts[try row.at(0)] = Int(try row.at(1) as Int64)
        }
        let leases = try SQLRow.fetchAll(db, sql: """
            SELECT path, host, leased_at, lease_until, attempts, lease_until < \(serverNow) FROM batch_job
            WHERE batch_seq = ? AND state = 'leased' ORDER BY id
            """, arguments: [batch]).map { row in
            QueueStatus.Lease(path: try row.at(0), host: try row.at(1) ?? "?",
                              since: Timestamp.string(Date(timeIntervalSince1970: try row.at(2) ?? 0)),
                              until: Timestamp.string(Date(timeIntervalSince1970: try row.at(3) ?? 0)),
                              attempt: Int(try row.at(4) as Int64), expired: (try row.at(5) as Int64?) == 1)
        }
        return (counts, leases)
    }
}

/// A queued batch's row of `queue_batch`.
package struct QueueBatchRow: Sendable {
    package let batch: Int64
    package let startedBy: String
    package let leaseSeconds: Double
    package let maxAttempts: Int
    package let queuedSeq: Int64?
    package let cancelledSeq: Int64?
    package let completedSeq: Int64?

    /// The columns that name a batch's events.
    package enum Milestone: String {
        case queued = "queued_seq", cancelled = "cancelled_seq", completed = "completed_seq"

        /// The events a milestone may name (a batch cancelled while it was being queued is queued by its cancellation).
        package var actions: Set<String> {
            switch self {
            case .queued: ["batch_queued", "batch_cancelled"]
            case .cancelled: ["batch_cancelled"]
            case .completed: ["batch_completed"]
            }
        }
    }

    package init(batch: Int64, startedBy: String, leaseSeconds: Double, maxAttempts: Int, queuedSeq: Int64? = nil, cancelledSeq: Int64? = nil, completedSeq: Int64? = nil) {
        self.batch = batch
        self.startedBy = startedBy
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = maxAttempts
        self.queuedSeq = queuedSeq
        self.cancelledSeq = cancelledSeq
        self.completedSeq = completedSeq
    }
}

/// A job a host holds: which file (by its `queued` event), under which token, and what earlier attempts came to.
package struct JobLease: Sendable {
    package let id: Int64
    package let batch: Int64
    package let queuedSeq: Int64
    package let path: String
    package let token: String
    /// 1 for the job's first attempt: one more than its signed failed attempts.
    package let attempt: Int
    /// The signed failed attempts, and last, when the lease had run out, that one (`expired`).
    package let failures: [JobFailure]
    /// The lease that ran out when this host took the job: not yet signed.
    package let expired: JobFailure?
    package let leaseSeconds: Double
    package let maxAttempts: Int
    package let startedBy: String

    package init(id: Int64, batch: Int64, queuedSeq: Int64, path: String, token: String, attempt: Int, failures: [JobFailure], expired: JobFailure? = nil, leaseSeconds: Double, maxAttempts: Int, startedBy: String) {
        self.id = id
        self.batch = batch
        self.queuedSeq = queuedSeq
        self.path = path
        self.token = token
        self.attempt = attempt
        self.failures = failures
        self.expired = expired
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = maxAttempts
        self.startedBy = startedBy
    }
}

/// One attempt at a job that came to nothing: on which host, when, and why.
package struct JobFailure: Codable, Sendable, Equatable {
    package var host: String
    package var at: String
    package var reason: String
    /// The `attempt_failed` event that records it.
    package var event: Int64?

    package static func encode(_ failures: [JobFailure]) -> String {
        (try? CanonicalJSON.string(failures)) ?? "[]"
    }

    package init(host: String, at: String, reason: String, event: Int64? = nil) {
        self.host = host
        self.at = at
        self.reason = reason
        self.event = event
    }
}
