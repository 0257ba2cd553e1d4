import ArgumentParser
import DFCKit

struct PDQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdq",
        abstract: "Print an exhibit's PDQ hashes in vPDQ's text format (frame,quality,hex,timestamp).",
        discussion: """
            One hash per second of video by default, taken from the frames vPDQ takes (frame number \
            modulo the frames in a second), so the lines equal those of Meta's vpdq on the same file. \
            vPDQ's timestamp is the frame number over the frame rate; --format jsonl adds each \
            picture's real presentation time.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case vpdq, jsonl }

    @OptionGroup var options: StoreOptions

    @OptionGroup var selection: StreamSelection

    @Option(help: "vpdq or jsonl.")
    var format: Format = .vpdq


    func run() throws {
        try reportingErrors {
            let entries = try options.open().reading.pdqHashes(
                of: selection.reference, stream: selection.stream, analysis: selection.analysis, actor: options.actorName)
            Output.write(entries.map { (format == .vpdq ? $0.vpdqLine : Output.json($0)) + "\n" }.joined())
        }
    }
}
