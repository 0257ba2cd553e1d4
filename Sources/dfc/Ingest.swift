import ArgumentParser
import DFCKit

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take files in as evidence: preserve, hash, decode and register each, with a custody event.",
        discussion: """
            Each file is read and decoded by a confined worker process of its own, under a memory limit \
            and a deadline, so that a file that crashes FFmpeg or never ends costs only itself: it is \
            still registered, with an analysis_failed finding. The worker holds no key and no catalog \
            connection; this process checks its analysis and records it in one short transaction. The \
            workers are forked by a launcher process made when the command starts, before the store is opened.
            """)

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("case"), help: "The case the files belong to.")
    var caseID: String

    @Option(help: "Where the footage came from (camera, officer, device).")
    var source: String?

    @Flag(help: "Print one JSON object per file, each on its own line.")
    var json = false

    @OptionGroup var worker: WorkerOptions

    @Flag(help: "Analyse in this process, without a confined worker per file (a crash in FFmpeg ends the whole run).")
    var inProcess = false

    @Argument(help: "The files to ingest.")
    var files: [String]

    func validate() throws {
        if caseID.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--case needs a case identifier") }
    }

    func run() throws {
        // First, while this process has one thread and no store open: see `WorkerLauncher`.
        let launcher = inProcess ? nil : WorkerLauncher.start()
        try reportingErrors {
            if inProcess { Containment.disableCoreDumps() }
            let store = try worker.open(options, create: true)
            let limits = worker.limits
            let containment = worker.containment(launcher)
            var rejected = false
            for file in files {
                let result = inProcess
                    ? try store.intake.ingest(file: file, caseID: caseID, source: source, actor: options.actorName, limits: limits)
                    : try store.intake.ingest(file: file, caseID: caseID, source: source, actor: options.actorName, limits: limits,
                                       containment: containment)
                rejected = rejected || result.status == .rejected
                if json {
                    print(Output.json(result))
                } else if result.status == .rejected {
                    Output.error(result.error ?? "\(file): rejected")
                } else {
                    print("\(result.exhibit!)\t\(result.status.rawValue)\t\(result.sha256!)\t\(file)")
                    for finding in result.findings { print(Output.finding(finding)) }
                }
            }
            if rejected { throw ExitCode.failure }
        }
    }
}
