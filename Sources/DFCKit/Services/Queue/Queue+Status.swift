import Foundation

extension Queue {
    /// Where queued batch `id` stands across every host: jobs queued, leased (by which host, since
    /// when, until when), done and cancelled, with the counts of what was recorded; nil for a batch
    /// that was not queued (`batchStatus` tells of it). Records an `accessed` event.
    public func queueStatus(_ id: BatchID, actor: String) throws -> QueueStatus? {
        guard catalog.holdsQueues else { return nil }
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db -> QueueStatus? in
                guard let row = try Catalog.queueBatch(id.rawValue, db) else { return nil }
                let status = try Self.status(row, intake: intake, db)
                try CustodyLog.append(db, action: "accessed", signer: signer, exhibit: nil, details: [
                    "command": "batch --status", "batch": id.description,
                ])
                return status
            }
        }
    }

    /// The same, read without an event, for a progress line redrawn every second (the command that
    /// queued the batch follows it; its `batch_started` event already names who is watching).
    public func queueProgress(_ id: BatchID) throws -> QueueStatus? {
        guard catalog.holdsQueues else { return nil }
        return try withCatalog {
            try catalog.read { db in try Catalog.queueBatch(id.rawValue, db).map { try Self.status($0, intake: intake, db) } }
        }
    }

    /// Cancels queued batch `id`: a signed `batch_cancelled` event with the reason; no host leases
    /// its jobs from then on (those in flight finish and are recorded), and the batch is completed
    /// once they are, with the files never analysed counted as cancelled.
    public func cancelBatch(_ id: BatchID, reason: String, actor: String) throws -> QueueStatus {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a cancellation needs a reason (--reason TEXT)") }
        guard catalog.holdsQueues else { throw DFCError.invalidArgument(Catalog.queueNeedsPostgres) }
        let signer = try ledger.handler(for: actor, command: "cancel a batch")
        return try withCatalog {
            try catalog.write { db in
                guard let row = try Catalog.queueBatch(id.rawValue, db) else { throw DFCError.batchNotFound(id.description + " (a queued batch)") }
                guard row.completedSeq == nil, row.cancelledSeq == nil else {
                    throw DFCError.invalidArgument("\(id) is \(row.completedSeq != nil ? "completed" : "cancelled") already")
                }
                let taken = try Catalog.cancelQueuedJobs(id.rawValue, db)
                let event = try CustodyLog.append(db, action: "batch_cancelled", signer: signer, exhibit: nil, details: [
                    "batch": id.description, "reason": reason, "jobs_cancelled": String(taken),
                ])
                try Catalog.markQueueBatch(id.rawValue, .cancelled, event: event.seq, db)
                if row.queuedSeq == nil {
                    // Cancelled while files were still being queued: nothing more will be.
                    try Catalog.markQueueBatch(id.rawValue, .queued, event: event.seq, db)
                }
                try completeIfDone(id.rawValue, signer: signer, onBehalfOf: nil, db)
                return try Self.status(try Catalog.queueBatch(id.rawValue, db) ?? row, intake: intake, db)
            }
        }
    }

    private static func status(_ row: QueueBatchRow, intake: Intake, _ db: CatalogDB) throws -> QueueStatus {
        let (counts, leases) = try Catalog.jobStates(row.batch, db)
        var report = try intake.batchReport(row.batch, db)
        report.completed = row.completedSeq != nil
        return QueueStatus(report: report, queued: counts["queued"] ?? 0, leased: counts["leased"] ?? 0, done: counts["done"] ?? 0,
                           cancelled: counts["cancelled"] ?? 0, failed: try Catalog.failedJobs(row.batch, db), leases: leases,
                           allQueued: row.queuedSeq != nil, wasCancelled: row.cancelledSeq != nil)
    }
}
