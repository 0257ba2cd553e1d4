import ArgumentParser
import DFCKit

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the whole store: custody chain, signatures, Merkle tree and checkpoints, vault files, catalog rows.",
        discussion: "Exits 1 on any problem, each named on its own PROBLEM line.")

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("checkpoint"), help: "A checkpoint held outside the store: the log must extend it unchanged. Repeatable.")
    var checkpoints: [String] = []

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let report = try options.open().integrity.audit(actor: options.actorName, checkpoints: try checkpoints.map(readCheckpoint))
            if json {
                print(Output.json(report))
            } else {
                for problem in report.problems { print("PROBLEM\t\(problem)") }
                for notice in report.notices { print("NOTICE\t\(notice)") }
                print("\(report.ok ? "CLEAN" : "FAILED"): \(report.eventsChecked) custody events (\(report.signaturesValid) valid signatures), "
                      + "\(report.checkpointsChecked) checkpoints, \(report.exhibitsChecked) exhibits checked, \(report.problems.count) problems; "
                      + "tree size \(report.treeSize), root \(report.rootHash)")
            }
            if !report.ok { throw ExitCode.failure }
        }
    }
}
