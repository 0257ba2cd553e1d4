import ArgumentParser
import DFCKit

struct Clock: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct an exhibit's clock against a reference, as a signed custody event.",
        discussion: """
            The offset is added to the time the exhibit's best layer gives (see `dfc show`); the file's \
            own times are never changed. Corrections stack; `show`, `lookup` and the rest name every one \
            they applied. The reason says what the clock was checked against (a photographed clock, a GPS \
            fix, a known event).
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Option(help: ArgumentHelp("Added to the exhibit's clock: ±HH:MM:SS[.fff] (a negative one as --offset=-01:00:00).", valueName: "offset"))
    var offset: String

    @Option(help: "Why: the reference the clock was checked against (recorded in the custody log).")
    var reason: String

    @Flag(help: "Print the exhibit as JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let report = try options.open().correctClock(reference, offset: offset, reason: reason, actor: options.actorName)
            if json {
                print(Output.json(report))
            } else if let last = report.clockCorrections.last {
                print("\(report.exhibit)\tclock corrected by custody event \(last.event)\t\(last.offset)\tnow \(report.correctedStart ?? "-") to \(report.correctedEnd ?? "-")")
            }
        }
    }
}
