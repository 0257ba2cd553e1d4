import ArgumentParser
import DFCKit

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk the whole custody chain and re-hash every vault file. Exits 1 on any problem, each named.")

    @OptionGroup var options: StoreOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let report = try options.open().audit(actor: options.actorName)
            if json {
                print(Output.json(report))
            } else {
                for problem in report.problems { print("PROBLEM\t\(problem)") }
                print("\(report.ok ? "CLEAN" : "FAILED"): \(report.eventsChecked) custody events, \(report.exhibitsChecked) exhibits checked, \(report.problems.count) problems")
            }
            if !report.ok { throw ExitCode.failure }
        }
    }
}
