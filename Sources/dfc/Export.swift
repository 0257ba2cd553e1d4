import ArgumentParser
import DFCKit
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export exhibits, with a supervisor's or custodian's authorisation, as a BagIt package anyone can verify offline.",
        discussion: """
            The package holds the originals (and, with --with-frames, the registered extracted pictures) under
            data/, and under dfc/: each exhibit's frame hashes (FFmpeg framehash), packet hashes and PDQ hashes
            (vPDQ), the custody events with their signatures and an inclusion proof of each into a C2SP checkpoint,
            the actors' keys, and a CASE/UCO description (case.jsonld). The authorisation and the export are
            signed custody events. Without a custodian's or supervisor's authorisation, or when --output exists and
            is not empty, nothing is written. Check a package with `dfc verify-package DIR`, or by hand (README).
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "Exhibit numbers or SHA-256 (prefixes).")
    var references: [String]

    @Option(name: .customLong("output"), help: ArgumentHelp("The package folder to create (it must not exist, or be empty).", valueName: "dir"))
    var output: String?

    /// The old spelling of --output (one release).
    @Option(name: .customLong("to"), help: .hidden)
    var to: String?

    /// Where to write: --output, or the old --to.
    var destination: String { output ?? to ?? "" }

    @Option(help: ArgumentHelp("The custodian or supervisor authorising the export; their key signs the authorisation.", valueName: "actor"))
    var authorizedBy: String

    @Option(help: "Why the evidence leaves the store.")
    var reason: String

    @Option(help: "Who receives it (a court, a prosecutor, a defence expert).")
    var recipient: String

    @Flag(help: "Include the registered extracted pictures (`dfc extract`).")
    var withFrames = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        _ = try RenamedFlag.value(output, "--output", old: to, "--to")
    }

    func run() throws {
        try reportingErrors {
            RenamedFlag.note(to, "--to", "--output", "--to is for the end of a time range")
            let report = try options.open().disclosure.export(
                references, to: destination, authorizedBy: authorizedBy, reason: reason, recipient: recipient, withFrames: withFrames,
                actor: options.actorName)
            if json {
                print(Output.json(report))
            } else {
                print("""
                    exported \(report.exhibits.map(\.description).joined(separator: ", ")) to \(report.directory)
                    authorised by custody event \(report.authorizationEvent); exported by events \(report.exportEvents.map(String.init).joined(separator: ", "))
                    \(report.payloadFiles) payload files (\(report.payloadBytes) bytes); \(report.eventsShipped) custody events, each with an inclusion proof into the checkpoint of tree size \(report.checkpointTreeSize)
                    """)
            }
        }
    }
}
