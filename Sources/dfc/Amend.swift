import ArgumentParser
import DFCKit

struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move an exhibit to another case or correct its source, as a signed custody event.",
        discussion: """
            Nothing that was ingested is changed: the amendment is a new signed `amended` event that \
            says who, why and what changed from what. `dfc show` reports the current values and every \
            amendment. Only a custodian or a supervisor may amend.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Option(name: .customLong("case"), help: "The case the exhibit belongs to from now on.")
    var caseID: String?

    @Option(help: "Where the footage came from, corrected.")
    var source: String?

    @Option(help: "Why (recorded in the custody log).")
    var reason: String

    @Flag(help: "Print the exhibit as JSON.")
    var json = false

    func validate() throws {
        if caseID == nil && source == nil { throw ValidationError("give --case, --source or both") }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason needs some text") }
    }

    func run() throws {
        try reportingErrors {
            let report = try options.open().exhibits.amend(reference, caseID: caseID, source: source, reason: reason, actor: options.actorName)
            if json {
                print(Output.json(report))
            } else {
                let last = report.amendments.last!
                print("\(report.exhibit)\tamended by custody event \(last.event)\tcase \(report.caseID)\tsource \(report.source ?? "-")")
            }
        }
    }
}
