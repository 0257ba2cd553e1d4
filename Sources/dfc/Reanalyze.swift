import ArgumentParser
import DFCKit
import Foundation

struct Reanalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse exhibits again from their vault copies, keep every analysis, and report the differences frame by frame.",
        discussion: """
            For an upgrade of the decoding software, or for files whose analysis failed or stopped at a \
            limit. The vault copy is hashed as it is copied out; only the registered bytes are analysed, \
            by a confined worker as at ingest. The new analysis is recorded beside the earlier ones with \
            a signed `reanalysed` event, becomes current if it finished, and is compared with the one that \
            was current before: every picture on which they disagree is listed (a validation report). \
            Exits 1 when an exhibit could not be analysed again (its vault copy is not the registered file).
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "Exhibit numbers or SHA-256s (prefixes).")
    var references: [String] = []

    @Flag(help: "Every exhibit whose current analysis did not finish or stopped at a limit.")
    var failed = false

    @Flag(help: "Every exhibit.")
    var all = false

    @Option(help: "Why (recorded in the custody log), e.g. \"validation after upgrade to FFmpeg 6.1\".")
    var reason: String

    @OptionGroup var worker: WorkerOptions

    @Flag(help: "JSON lines: each differing picture, then the exhibit's summary.")
    var json = false

    func validate() throws {
        if [!references.isEmpty, failed, all].filter({ $0 }).count != 1 {
            throw ValidationError("give exhibits, or --failed, or --all (one of them)")
        }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason needs some text") }
    }

    func run() throws {
        // First, while this process has one thread and no store open: see `WorkerLauncher`.
        let launcher = WorkerLauncher.start()
        try reportingErrors {
            let store = try worker.open(options)
            let limits = worker.limits
            let containment = worker.containment(launcher)
            let selection: ReanalysisSelection = failed ? .failed : all ? .all : .exhibits(references)
            var unanalysed = false
            for exhibit in try store.exhibits.exhibits(for: selection) {
                do {
                    var output = BufferedOutput()
                    let result = try store.intake.reanalyse(exhibit.description, reason: reason, actor: options.actorName, limits: limits,
                                                     containment: containment) { difference in
                        output.append((json ? Output.json(DifferenceLine(exhibit: exhibit, difference: difference))
                                            : CompareAnalyses.line(difference)) + "\n")
                    }
                    output.flush()
                    if json {
                        print(Output.json(SummaryLine(reanalysis: result)))
                    } else {
                        print(CompareAnalyses.summary(result.comparison, event: result.event))
                        for finding in result.findings { print(Output.finding(finding)) }
                    }
                } catch let error as DFCError {
                    guard error.code == .storeIO else { throw error }
                    Output.error(error.description)
                    unanalysed = true
                }
            }
            if unanalysed { throw ExitCode.failure }
        }
    }

    private struct DifferenceLine: Encodable {
        var exhibit: ExhibitID
        var difference: FrameDifference
    }

    private struct SummaryLine: Encodable {
        var reanalysis: Reanalysis
    }
}
