import ArgumentParser
import DFCKit

struct Custody: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print an exhibit's custody events in order.")

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Flag(help: "Print one JSON object per event, each on its own line.")
    var json = false

    func run() throws {
        try reportingErrors {
            for event in try options.open().reading.custody(of: reference, actor: options.actorName) {
                if json {
                    print(Output.json(event))
                } else {
                    let details = event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    let mark = event.signatureValid ? "signature valid" : "SIGNATURE \(event.signatureStatus.uppercased())"
                    print("\(event.seq)\t\(event.at)\t\(event.action)\t\(event.actor) (\(event.role ?? "no role"))\t\(mark)\t\(details)")
                }
            }
        }
    }
}
