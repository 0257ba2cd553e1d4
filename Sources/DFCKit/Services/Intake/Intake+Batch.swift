import Foundation
import Synchronization

extension Intake {
    /// Takes in every regular file under `options.roots`, recursively, as `ingest` does, each
    /// analysed by a worker of one of `containments` (one file in flight per containment, each
    /// with a launcher of its own; in this process, one at a time, when empty).
    ///
    /// A batch is recorded: a signed `batch_started` event (who, the roots, case and source,
    /// how many files), each file's `ingested` or `acquired` event naming the batch, with its
    /// row in `batch_file`, and `batch_completed` with the counts once every file is in. A run
    /// that is killed at any moment leaves nothing half-recorded; running the same batch again
    /// (the same roots, case and source, or `resume`) picks up the unfinished batch and skips
    /// the files it already has, so each file is taken in exactly once. `progress` is called
    /// after each file, from the thread that did it, one call at a time.
    ///
    /// A store error (disk full, catalog locked) stops the batch: the files in flight finish,
    /// no new one starts, and the error is thrown; running it again resumes it.
    public func batch(
        _ options: BatchOptions, actor: String, containments: [Containment] = [], resume: BatchID? = nil,
        progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }
    ) throws -> BatchReport {
        try batch(options, actor: actor, containments: containments, resume: resume, cancellation: nil, progress: progress)
    }

    /// The batch as an async sequence: a `.progress` after each file, then `.finished` with the
    /// report. The batch runs on threads of the library's own; cancelling the consuming task (or
    /// leaving the loop) kills the workers in flight and starts no new file: nothing of those
    /// files is recorded, the batch stays open, and running it again resumes it. (Without
    /// containments the files are analysed in this process, and the batch stops after the file
    /// in hand.) A consumer that falls behind holds the batch back: it runs at most a few
    /// hundred files ahead.
    public func batchUpdates(
        _ options: BatchOptions, actor: String, containments: [Containment] = [], resume: BatchID? = nil
    ) -> StoreStream<BatchUpdate> {
        let flag = CancellationFlag()
        let contained = containments.map { containment in
            var contained = containment
            contained.cancellation = flag
            return contained
        }
        return StoreStream(onCancel: { flag.cancel() }) { yield in
            let report = try batch(options, actor: actor, containments: contained, resume: resume, cancellation: flag) { progress in
                try? yield(.progress(progress))
            }
            try yield(.finished(report))
        }
    }

    /// `batch`, stopping (with `DFCError.cancelled`, the batch left open) once `cancellation` is set.
    private func batch(
        _ options: BatchOptions, actor: String, containments: [Containment], resume: BatchID?,
        cancellation: CancellationFlag?, progress: @escaping @Sendable (BatchProgress) -> Void
    ) throws -> BatchReport {
        let signer = try Ledger.requireHandling(try ledger.signerRegisteringFirst(actor, command: "batch"), command: "run a batch")
        var options = options
        if let resume {
            options = try startedOptions(of: resume, limits: options.limits)
        }
        options = try Self.checked(options)
        try integrity.sweepLeftovers(signer)
        let walk = TreeWalk(roots: options.roots)
        let (seq, resumed) = try startOrResume(options, walk: walk, jobs: max(1, containments.count), signer: signer, explicit: resume)
        let done = try withCatalog { try catalog.read { try Catalog.batchPaths(seq, $0) } }
        let todo = walk.files.filter { !done.contains($0.path) }

        let run = BatchRun(todo: todo, alreadyDone: walk.files.count - todo.count, total: walk.files.count, cancellation: cancellation)
        let group = DispatchGroup()
        let (settled, actorName) = (options, signer.name)
        for job in 0..<max(1, containments.count) {
            let containment = containments.isEmpty ? nil : containments[job]
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let file = run.next() {
                    let source: String? = switch settled.source {
                    case .none: nil
                    case .fixed(let text): text
                    case .firstFolder: file.firstFolder.map(SingleLine.visible)
                    }
                    do {
                        let result = try ingest(file: file.path, caseID: settled.caseID, source: source, actor: actorName,
                                                limits: settled.limits, analyser: containment, batch: seq)
                        run.finished(file, result, report: progress)
                    } catch {
                        run.stop(error)
                        return
                    }
                }
            }
            thread.name = "dfc.batch-\(job)"
            thread.start()
        }
        group.wait()
        if cancellation?.isCancelled == true { throw DFCError.cancelled }
        if let error = run.error { throw error }

        let rejected = run.rejected
        return try withCatalog {
            try catalog.write { db in
                var report = try batchReport(seq, db)
                report.rejected = rejected.count
                report.notes = walk.notes + rejected
                report.resumed = resumed
                if !report.completed {
                    try CustodyLog.append(db, action: "batch_completed", signer: signer, exhibit: nil, details: [
                        "batch": BatchID(seq).description, "files": String(report.total), "ingested": String(report.ingested),
                        "duplicates": String(report.duplicates), "with_findings": String(report.withFindings),
                        "analysis_failed": String(report.analysisFailed), "rejected": String(report.rejected),
                        "not_read": String(walk.notes.count),
                    ])
                    report.completed = true
                }
                return report
            }
        }
    }

    /// `options` with the case trimmed (and required) and each root an existing folder, absolute.
    static func checked(_ options: BatchOptions) throws -> BatchOptions {
        var options = options
        let caseID = try SingleLine.checked(options.caseID, field: "the case identifier (--case)")
        guard !caseID.isEmpty else { throw DFCError.invalidArgument("a case identifier is required (--case ID)") }
        options.caseID = caseID
        if case .fixed(let text) = options.source { options.source = .fixed(try SingleLine.checked(text, field: "the source (--source)")) }
        options.roots = try options.roots.map { root in
            let path = EvidenceStore.absolute(root)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DFCError.inputMissing(path: root) }
            guard isDirectory.boolValue else { throw DFCError.invalidArgument("\(root): not a folder (a batch walks folders; `dfc ingest` takes files)") }
            return path
        }
        return options
    }

    /// Where batch `id` stands. Records an `accessed` event.
    public func batchStatus(_ id: BatchID, actor: String) throws -> BatchReport {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let report = try batchReport(id.rawValue, db)
                try CustodyLog.append(db, action: "accessed", signer: signer, exhibit: nil, details: [
                    "command": "batch --status", "batch": id.description,
                ])
                return report
            }
        }
    }

    /// The unfinished batch with the same roots, case and source (and, for a queued one, `extra`'s
    /// `queue`), or a new one, its `batch_started` event with `extra` among its details; `onStart`
    /// runs in the same transaction as a new batch's event.
    func startOrResume(
        _ options: BatchOptions, walk: TreeWalk, jobs: Int, signer: Signer, explicit: BatchID?, extra: [String: String] = [:],
        onStart: (Int64, CatalogDB) throws -> Void = { _, _ in }
    ) throws -> (seq: Int64, resumed: Bool) {
        let roots = try CanonicalJSON.string(options.roots)
        return try withCatalog {
            try catalog.write { db in
                let started = try Self.batchesStarted(db)
                let completed = Set(try Self.events("batch_completed", db).compactMap { $0.details["batch"] })
                if let explicit {
                    guard started.contains(where: { $0.seq == explicit.rawValue }) else { throw DFCError.batchNotFound(explicit.description) }
                    return (explicit.rawValue, true)
                }
                let sameRun: ([String: String]) -> Bool = { details in
                    let sameFiles = details["roots"] == roots && details["case"] == options.caseID
                    let sameKind = details["source"] == options.source.description && details["queue"] == extra["queue"]
                    return sameFiles && sameKind
                }
                if let unfinished = started.last(where: { sameRun($0.details) && !completed.contains(BatchID($0.seq).description) }) {
                    return (unfinished.seq, true)
                }
                let event = try CustodyLog.append(db, action: "batch_started", signer: signer, exhibit: nil, details: [
                    "roots": roots, "case": options.caseID, "source": options.source.description, "jobs": String(jobs),
                    "files": String(walk.files.count), "bytes": String(walk.files.reduce(0) { $0 + $1.size }),
                    "not_read": String(walk.notes.count),
                ].merging(extra) { old, _ in old })
                try onStart(event.seq, db)
                return (event.seq, false)
            }
        }
    }

    /// The options batch `id` was started with (to resume it by its name alone).
    func startedOptions(of id: BatchID, limits: MediaLimits) throws -> BatchOptions {
        try withCatalog {
            try catalog.read { db in
                guard let event = try Self.batchesStarted(db).first(where: { $0.seq == id.rawValue }),
                      let roots = try? JSONDecoder().decode([String].self, from: Data((event.details["roots"] ?? "").utf8)),
                      let caseID = event.details["case"] else { throw DFCError.batchNotFound(id.description) }
                let source: BatchOptions.Source = switch event.details["source"] ?? "none" {
                case "none": .none
                case BatchOptions.Source.firstFolder.description: .firstFolder
                case let text: .fixed(String(text.dropFirst("fixed: ".count)))
                }
                return BatchOptions(roots: roots, caseID: caseID, source: source, limits: limits)
            }
        }
    }

    func batchReport(_ seq: Int64, _ db: CatalogDB) throws -> BatchReport {
        guard let started = try Self.batchesStarted(db).first(where: { $0.seq == seq }) else {
            throw DFCError.batchNotFound(BatchID(seq).description)
        }
        let id = BatchID(seq).description
        let rows = try Catalog.batchCounts(seq, db)
        // A finished batch reports what its signed batch_completed event says; an unfinished one
        // what its rows (each checked by the audit against the event that took its file in) say.
        let completion = try Self.events("batch_completed", db).last { $0.details["batch"] == id }?.details
        func count(_ name: String, _ fromRows: Int) -> Int { completion.flatMap { $0[name] }.flatMap { Int($0) } ?? fromRows }
        return BatchReport(
            batch: BatchID(seq), startedBy: started.actor, startedAt: started.at,
            roots: (try? JSONDecoder().decode([String].self, from: Data((started.details["roots"] ?? "").utf8))) ?? [],
            caseID: started.details["case"] ?? "", source: started.details["source"] ?? "",
            total: count("files", Int(started.details["files"] ?? "") ?? 0), ingested: count("ingested", rows.ingested),
            duplicates: count("duplicates", rows.duplicates), withFindings: count("with_findings", rows.withFindings),
            analysisFailed: count("analysis_failed", rows.analysisFailed), rejected: count("rejected", 0), notes: [],
            completed: completion != nil, resumed: false)
    }

    private static func batchesStarted(_ db: CatalogDB) throws -> [(seq: Int64, actor: String, at: String, details: [String: String])] {
        try events("batch_started", db)
    }

    static func events(_ action: String, _ db: CatalogDB) throws -> [(seq: Int64, actor: String, at: String, details: [String: String])] {
        try CustodyEventRecord.fetchAll(db, where: "action", is: action, orderedBy: "seq").compactMap { event in
            CustodyLog.decode(event).map { (event.seq, event.actor, event.recordedAt, $0.details) }
        }
    }
}

/// The shared state of one batch run: the files still to hand out, and what came of those done.
private final class BatchRun: Sendable {
    private struct State {
        var nextIndex = 0
        var done: Int
        var bytesDone: Int64 = 0
        var failures = 0
        var frames = 0
        var error: (any Error)?
        var rejected: [String] = []
    }
    private let state: Mutex<State>
    private let todo: [TreeWalk.File]
    private let total: Int
    private let bytesTotal: Int64
    private let started = ContinuousClock.now
    private let cancellation: CancellationFlag?

    init(todo: [TreeWalk.File], alreadyDone: Int, total: Int, cancellation: CancellationFlag?) {
        self.cancellation = cancellation
        self.todo = todo
        state = Mutex(State(done: alreadyDone))
        self.total = total
        bytesTotal = todo.reduce(0) { $0 + $1.size }
    }

    /// What stopped the batch, if anything did.
    var error: (any Error)? { state.withLock { $0.error } }
    /// The files rejected so far, each with its reason.
    var rejected: [String] { state.withLock { $0.rejected } }

    /// The next file to take in; nil when there is none left, or the batch is stopping.
    func next() -> TreeWalk.File? {
        state.withLock { state in
            guard state.error == nil, state.nextIndex < todo.count, cancellation?.isCancelled != true else { return nil }
            defer { state.nextIndex += 1 }
            return todo[state.nextIndex]
        }
    }

    func stop(_ error: any Error) {
        state.withLock { if $0.error == nil { $0.error = error } }
    }

    /// Counts a finished file and reports it; `report` is called under the lock, one call at a time.
    func finished(_ file: TreeWalk.File, _ result: IngestResult, report: (BatchProgress) -> Void) {
        state.withLock { state in
            state.done += 1
            state.bytesDone += file.size
            state.frames += result.frameCount
            let failed = result.findings.contains { $0.kind == .analysisFailed }
            if result.status == .rejected {
                state.rejected.append("\(file.path): rejected: \(result.error ?? "no reason given")")
            }
            if result.status == .rejected || failed { state.failures += 1 }
            let elapsed = started.duration(to: .now)
            report(BatchProgress(
                file: .init(path: file.path, status: result.status, exhibit: result.exhibit, findings: result.findings.count,
                            analysisFailed: failed, hidden: file.hidden, error: result.error),
                done: state.done, total: total, bytesDone: state.bytesDone, bytesTotal: bytesTotal, failures: state.failures,
                frames: state.frames, elapsedSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        }
    }
}
