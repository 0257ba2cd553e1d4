import ArgumentParser
import DFCKit

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-hash exhibits' vault copies, or check whether a file is bit-identical to a registered exhibit.",
        discussion: "Exits 0 only when everything matches; each failure is named.")

    @OptionGroup var options: StoreOptions

    @Option(help: "A file to compare with the registered exhibits.")
    var file: String?

    @Flag(help: "Print JSON, one object per line.")
    var json = false

    @Argument(help: "Exhibit numbers or SHA-256 prefixes whose vault copies to re-hash.")
    var references: [String] = []

    func validate() throws {
        if file == nil && references.isEmpty { throw ValidationError("give exhibits to verify, or --file PATH") }
        if file != nil && !references.isEmpty { throw ValidationError("give either exhibits or --file, not both") }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            if let file {
                let result = try store.integrity.verify(file: file, actor: options.actorName)
                if json {
                    print(Output.json(result))
                } else if let exhibit = result.exhibit, let derivation = result.derivation {
                    print("DERIVED\t\(file) is bit-identical to \(exhibit) (case \(result.caseID ?? "")), \(derivation.summary), SHA-256 \(result.digest.sha256)")
                } else if let exhibit = result.exhibit {
                    print("IDENTICAL\t\(file) is bit-identical to \(exhibit) (case \(result.caseID ?? "")), SHA-256 \(result.digest.sha256)")
                } else if !result.derived.isEmpty {
                    for derived in result.derived {
                        print("DERIVED\t\(file) is bit-identical to \(derived.summary), SHA-256 \(result.digest.sha256)")
                    }
                } else {
                    print("NOT REGISTERED\t\(file): no exhibit has SHA-256 \(result.digest.sha256) (\(result.digest.size) bytes)")
                }
                if !result.registered { throw ExitCode.failure }
                return
            }
            let results = try store.integrity.verify(references, actor: options.actorName)
            for result in results {
                if json {
                    print(Output.json(result))
                } else if result.ok {
                    print("OK\t\(result.exhibit)\t\(result.registeredSHA256)")
                } else {
                    print("MISMATCH\t\(result.problem ?? "\(result.exhibit)")")
                }
            }
            if results.contains(where: { !$0.ok }) { throw ExitCode.failure }
        }
    }
}
