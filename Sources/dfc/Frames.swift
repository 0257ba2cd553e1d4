import ArgumentParser
import DFCKit

struct Frames: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the SHA-256 of every decoded picture of a video stream.",
        discussion: """
            framehash (the default) is the layout of FFmpeg's framehash muxer: its hash column equals
            ffmpeg -i FILE -map 0:v:0 -fps_mode passthrough -noautorotate -f framehash -hash sha256 -
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case framehash, jsonl }

    @OptionGroup var options: StoreOptions

    @OptionGroup var selection: StreamSelection

    @Option(help: "framehash or jsonl.")
    var format: Format = .framehash


    func run() throws {
        try reportingErrors {
            var output = BufferedOutput()
            var headerWritten = false
            let header = try options.open().reading.forEachFrame(
                of: selection.reference, stream: selection.stream, analysis: selection.analysis, actor: options.actorName
            ) { header, frame in
                if format == .framehash {
                    if !headerWritten {
                        output.append(FramehashFormat.header(header))
                        headerWritten = true
                    }
                    output.append(FramehashFormat.line(frame, header))
                } else {
                    output.append(Output.json(frame) + "\n")
                }
            }
            output.flush()
            if !header.reproduction.isEmpty {
                for change in header.pictureChanges { Output.note(change.message) }
                if header.singleThreaded { Output.note("the decoder reported damage, so the exhibit was decoded on one thread") }
                Output.note("stock ffmpeg reproduces these lines with the README's command plus "
                             + header.reproduction.map { "`\($0)`" }.joined(separator: ", or (for the pictures in that format) "))
            }
        }
    }
}
