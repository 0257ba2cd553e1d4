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
            if format == .text { output.append("#index, stream, dts, pts, duration, size, key, sha256\n") }
            try options.open().forEachPacket(of: reference, analysis: analysis, actor: options.actorName) { packet in
                if format == .jsonl {
                    output.append(Output.json(packet) + "\n")
                } else {
                    let fields: [String] = [
                        String(packet.index), String(packet.stream), packet.dts.map(String.init) ?? "NOPTS",
                        packet.pts.map(String.init) ?? "NOPTS", packet.duration.map(String.init) ?? "0",
                        String(packet.size), packet.keyFrame ? "K" : "_", packet.sha256,
                    ]
                    output.append(fields.joined(separator: ", ") + "\n")
                }
            }
            output.flush()
        }
    }
}
