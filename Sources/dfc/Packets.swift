import ArgumentParser
import DFCKit

struct Packets: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every compressed packet, in read order, with its SHA-256.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Option(help: "text or jsonl.")
    var format: Format = .text

    @Option(help: "Which analysis to list, as `dfc show` numbers them (default: the current one).")
    var analysis: Int?

    func run() throws {
        try reportingErrors {
            var output = BufferedOutput()
            if format == .text { output.append(PacketEntry.textHeader) }
            try options.open().reading.forEachPacket(of: reference, analysis: analysis, actor: options.actorName) { packet in
                if format == .jsonl {
                    output.append(Output.json(packet) + "\n")
                } else {
                    output.append(packet.textLine)
                }
            }
            output.flush()
        }
    }
}
