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
            let report: AuditReport
            do {
                report = try options.open().integrity.audit(actor: options.actorName, checkpoints: try checkpoints.map(readCheckpoint))
            } catch let error as DFCError where error.code == .catalogDamaged {
                // The catalog holds what DFC did not write, so badly that the audit could not go on: that is
                // the audit's answer (the store is not intact), not a failure to look.
                if json { Output.failure(error) } else { print("PROBLEM\t\(error.description)\nFAILED: the audit could not go on past it") }
                throw ExitCode.failure
            }
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
