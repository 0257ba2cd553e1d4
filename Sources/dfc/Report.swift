import ArgumentParser
import DFCKit
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report on exhibits for a court, ready to print or save as PDF.",
        discussion: """
            For each exhibit: its summary and hashes, its streams, its findings, a contact sheet of pictures across
            its timeline (decoded again by a confined worker and matched to the catalog's hashes), and its chain of
            custody with each signature's standing. The file fetches nothing and runs no script; print it from a
            browser, or `chromium --headless --print-to-pdf=FILE.pdf FILE.html`. Writing it is a recorded access.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "Exhibit numbers or SHA-256 (prefixes).")
    var references: [String]

    @Option(name: .customLong("output"), help: ArgumentHelp("The HTML file to write (it must not exist).", valueName: "file"))
    var output: String?

    /// The old spelling of --output (one release).
    @Option(name: .customLong("to"), help: .hidden)
    var to: String?

    /// Where to write: --output, or the old --to.
    var destination: String { output ?? to ?? "" }

    @Option(help: "Pictures on each exhibit's contact sheet.")
    var thumbnails = 12

    @OptionGroup var worker: WorkerOptions

    func validate() throws {
        guard (1...60).contains(thumbnails) else { throw ValidationError("--thumbnails must be 1 to 60") }
        _ = try RenamedFlag.value(output, "--output", old: to, "--to")
    }

    func run() throws {
        let launcher = WorkerLauncher.start()
        try reportingErrors {
            RenamedFlag.note(to, "--to", "--output", "--to is for the end of a time range")
            let store = try worker.open(options)
            let destination = try store.disclosure.checkNewFile(at: self.destination)
            let html = try store.disclosure.report(references, actor: options.actorName, thumbnails: thumbnails,
                                        limits: worker.limits, containment: worker.containment(launcher))
            try store.disclosure.writeNewFile(Data(html.utf8), at: destination)
            Output.note("report on \(references.joined(separator: ", ")) written to \(destination)")
        }
    }
}
