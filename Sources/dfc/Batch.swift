import ArgumentParser
@_spi(Workers) import DFCKit
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

    @Flag(help: "Progress and the summary as JSON lines.")
    var json = false

    @Argument(help: "The folders to take in.")
    var folders: [String] = []

    func validate() throws {
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
        let launchers = status == nil ? (0..<jobs).map { _ in WorkerLauncher.start() } : []
        try reportingErrors {
            let store = try worker.open(options, create: status == nil)
            if let status {
                try show(try store.batchStatus(BatchID(parsing: status)!, actor: options.actorName))
                return
            }
            let limits = worker.limits
            let batchOptions = BatchOptions(
                roots: folders, caseID: caseID ?? "", source: sourceFromDir ? .firstFolder : source.map { .fixed($0) } ?? .none,
                limits: limits)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let containments = launchers.map { launcher in
                var containment = worker.containment(launcher)
                // Each of the jobs decodes with its share of the cores: no more threads than cores in all.
                containment.decoderThreads = jobs > 1 ? max(1, cores / jobs) : 0
                return containment
            }
            let live = !json && isatty(STDOUT_FILENO) == 1
            let report = try store.batch(batchOptions, actor: options.actorName, containments: containments,
                                         resume: resume.flatMap(BatchID.init(parsing:))) { progress in
                if live { Self.printLive(progress) } else { FileHandle.standardOutput.write(Data((Output.json(progress) + "\n").utf8)) }
            }
            if live { print() }
            try show(report)
            if !report.ok { throw ExitCode.failure }
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
