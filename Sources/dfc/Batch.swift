import ArgumentParser
import DFCKit
import Foundation

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take in every file under folders: in parallel, resumable after a kill, with progress.",
        discussion: """
            Walks the folders recursively and takes in every regular file as `ingest` does, recognised \
            by its content; symbolic links are reported and never followed. Run the same command again \
            after a kill (or `--resume ID`) and the batch picks up where it stopped: every file is taken \
            in exactly once. Progress goes to the terminal, or as JSON lines when not on one (or with \
            --json). Exits 1 when any file failed (rejected, or its analysis did not finish).

            With --queue (a store whose catalog is on PostgreSQL), each original goes into the vault and \
            into a queue that any number of `dfc worker-host` processes, on any hosts, work through; the \
            command then follows the batch across every host until it completes (or leave with --no-wait). \
            --status shows the jobs queued, leased (by which host, since when), done and failed; \
            --cancel stops the hosts taking its jobs, with --reason.
            """)

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("case"), help: "The case the files belong to.")
    var caseID: String?

    @Option(help: "The source of every file (camera, officer, device).")
    var source: String?

    @Flag(help: "Name each file's source after its first folder under the root (one folder per camera).")
    var sourceFromDir = false

    @Option(help: "Files in flight at once, each in its own worker (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var worker: WorkerOptions

    @Option(help: "Resume this unfinished batch (B-N), with the folders and options it was started with.")
    var resume: String?

    @Option(help: "Print where this batch (B-N) stands, and do nothing else.")
    var status: String?

    @Flag(help: "Queue the files for worker hosts (`dfc worker-host`) instead of analysing them here (PostgreSQL catalog).")
    var queue = false

    @Option(help: ArgumentHelp("With --queue: seconds a host holds a job without renewing it; a dead host's jobs pass on after it.", valueName: "seconds"))
    var leaseSeconds: Double = 60

    @Option(help: "With --queue: hosts that may fail at a job before it is recorded with analysis_failed.")
    var maxAttempts: Int = 3

    @Flag(help: "With --queue: return once the files are queued, without following the batch.")
    var noWait = false

    @Option(help: "Cancel this queued batch (B-N): no host takes its jobs from now on. Needs --reason.")
    var cancel: String?

    @Option(help: "Why the batch is cancelled.")
    var reason: String?

    @Flag(help: "Progress and the summary as JSON lines.")
    var json = false

    @Argument(help: "The folders to take in.")
    var folders: [String] = []

    func validate() throws {
        if let cancel {
            if BatchID(parsing: cancel) == nil { throw ValidationError("\(cancel): not a batch id (B-42)") }
            if reason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { throw ValidationError("--cancel needs --reason TEXT") }
            return
        }
        if !(leaseSeconds >= 2) || !leaseSeconds.isFinite { throw ValidationError("--lease-seconds must be 2 or more") }
        if !(1...20).contains(maxAttempts) { throw ValidationError("--max-attempts must be from 1 to 20") }
        if status == nil && resume == nil {
            if folders.isEmpty { throw ValidationError("give the folders to take in (or --resume ID, or --status ID)") }
            if caseID?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { throw ValidationError("--case needs a case identifier") }
        }
        if source != nil && sourceFromDir { throw ValidationError("--source and --source-from-dir exclude each other") }
        if !(1...64).contains(jobs) { throw ValidationError("--jobs must be from 1 to 64") }
        for id in [resume, status].compactMap({ $0 }) where BatchID(parsing: id) == nil {
            throw ValidationError("\(id): not a batch id (B-42)")
        }
    }

    func run() throws {
        // First, while this process has one thread and no store open: see `WorkerLauncher`.
        let launchers = status == nil && cancel == nil && !queue ? (0..<jobs).map { _ in WorkerLauncher.start() } : []
        try reportingErrors {
            let store = try worker.open(options, create: status == nil && cancel == nil)
            if let cancel, let id = BatchID(parsing: cancel) {
                show(try store.queue.cancelBatch(id, reason: reason ?? "", actor: options.actorName))
                return
            }
            if let status, let id = BatchID(parsing: status) {
                if let queued = try store.queue.queueStatus(id, actor: options.actorName) { show(queued) } else { try show(try store.intake.batchStatus(id, actor: options.actorName)) }
                return
            }
            let limits = worker.limits
            let batchOptions = BatchOptions(
                roots: folders, caseID: caseID ?? "", source: sourceFromDir ? .firstFolder : source.map { .fixed($0) } ?? .none,
                limits: limits)
            if queue {
                try runQueued(store, batchOptions)
                return
            }
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let containments = launchers.map { launcher in
                var containment = worker.containment(launcher)
                // Each of the jobs decodes with its share of the cores: no more threads than cores in all.
                containment.decoderThreads = jobs > 1 ? max(1, cores / jobs) : 0
                return containment
            }
            let live = !json && isatty(STDOUT_FILENO) == 1
            let report = try store.intake.batch(batchOptions, actor: options.actorName, containments: containments,
                                         resume: resume.flatMap(BatchID.init(parsing:))) { progress in
                if live { Self.printLive(progress) } else { FileHandle.standardOutput.write(Data((Output.json(progress) + "\n").utf8)) }
            }
            if live { print() }
            try show(report)
            if !report.ok { throw ExitCode.failure }
        }
    }

    /// Queues the files, then follows the batch across every host until it completes.
    private func runQueued(_ store: EvidenceStore, _ batchOptions: BatchOptions) throws {
        let live = !json && isatty(STDOUT_FILENO) == 1
        let report = try store.queue.queueBatch(batchOptions, actor: options.actorName, resume: resume.flatMap(BatchID.init(parsing:)),
                                          leaseSeconds: leaseSeconds, maxAttempts: maxAttempts) { done, total in
            if live { FileHandle.standardOutput.write(Data("\rqueuing: \(done)/\(total) files  ".utf8)) }
        }
        if live { print() }
        for note in report.notes { print(json ? Output.json(["note": note]) : "NOTE\t\(note)") }
        if noWait {
            if let status = try store.queue.queueProgress(report.batch) { show(status) }
            return
        }
        var last = ""
        while true {
            guard let status = try store.queue.queueProgress(report.batch) else { return }
            let hosts = Dictionary(grouping: status.leases, by: \.host).map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", ")
            let line = "\(status.done)/\(status.report.total) done, \(status.queued) queued, \(status.leased) leased"
                + (hosts.isEmpty ? "" : " (\(hosts))") + ", \(status.report.analysisFailed) analysis failed, \(status.failed) failed"
            if live {
                FileHandle.standardOutput.write(Data("\r\(line)  ".utf8))
            } else if line != last {
                print(json ? Output.json(status) : line)
            }
            last = line
            if status.report.completed {
                if live { print() }
                show(status)
                if !status.report.ok || status.failed > 0 { throw ExitCode.failure }
                return
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    private func show(_ status: QueueStatus) {
        if json {
            print(Output.json(status))
            return
        }
        let report = status.report
        print("\(report.batch)\t\(report.completed ? "completed" : status.wasCancelled ? "cancelled" : "queued")\t"
              + "\(status.queued) queued, \(status.leased) leased, \(status.done) done, \(status.cancelled) cancelled, of \(report.total) files: "
              + "\(report.ingested) ingested, \(report.duplicates) duplicates, \(report.withFindings) with findings, "
              + "\(report.analysisFailed) analysis failed, \(status.failed) failed (case \(report.caseID); started by \(report.startedBy) at \(report.startedAt))")
        for lease in status.leases {
            print("LEASED\t\(lease.host)\tsince \(lease.since)\tuntil \(lease.until)\(lease.expired ? " (ran out)" : "")\tattempt \(lease.attempt)\t\(lease.path)")
        }
    }

    private func show(_ report: BatchReport) throws {
        if json {
            print(Output.json(report))
            return
        }
        for note in report.notes { print("NOTE\t\(note)") }
        print("\(report.batch)\t\(report.completed ? "completed" : "unfinished")\(report.resumed ? " (resumed)" : "")\t"
              + "\(report.ingested) ingested, \(report.duplicates) duplicates, \(report.withFindings) with findings, "
              + "\(report.analysisFailed) analysis failed, \(report.rejected) rejected, of \(report.total) files "
              + "(case \(report.caseID); started by \(report.startedBy) at \(report.startedAt))")
    }

    /// One line, redrawn in place: files, bytes, frames per second, time left, failures.
    private static func printLive(_ progress: BatchProgress) {
        let rate = progress.elapsedSeconds > 0 ? Double(progress.bytesDone) / progress.elapsedSeconds : 0
        let left = rate > 0 ? Double(progress.bytesTotal - progress.bytesDone) / rate : 0
        let fps = progress.elapsedSeconds > 0 ? Double(progress.frames) / progress.elapsedSeconds : 0
        let line = String(format: "\r%d/%d files, %.1f/%.1f MB, %.0f frames/s, ETA %d:%02d, %d failed  ",
                          progress.done, progress.total, Double(progress.bytesDone) / 1e6, Double(progress.bytesTotal) / 1e6,
                          fps, Int(left) / 60, Int(left) % 60, progress.failures)
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}
