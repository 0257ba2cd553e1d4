import ArgumentParser
import DFCKit

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take files in as evidence: preserve, hash, decode and register each, with a custody event.")

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("case"), help: "The case the files belong to.")
    var caseID: String

    @Option(help: "Where the footage came from (camera, officer, device).")
    var source: String?

    @Flag(help: "Print one JSON object per file, each on its own line.")
    var json = false

    @Argument(help: "The files to ingest.")
    var files: [String]

    func validate() throws {
        if caseID.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--case needs a case identifier") }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open(create: true)
            var rejected = false
            for file in files {
                let result = try store.ingest(file: file, caseID: caseID, source: source, actor: options.actorName)
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
