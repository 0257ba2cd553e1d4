import ArgumentParser
import DFCKit
import Foundation

/// `dfc worker JOB`: one analysis, for a program that cannot fork a launcher (it has threads
/// of its own) and so starts `dfc` for each file. Not for people: `ingest` runs it.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse one staged file for an ingest (run by DFC itself).", shouldDisplay: false)

    @Argument(help: "The AnalysisJob, as JSON.")
    var job: String

    func run() throws {
        guard let job = try? JSONDecoder().decode(AnalysisJob.self, from: Data(job.utf8)) else {
            throw ValidationError("the job is not an AnalysisJob in JSON")
        }
        let status = AnalysisWorker.run(job)
        if status != 0 { throw ExitCode(status) }
    }
}
