import ArgumentParser
import DFCKit
import Foundation

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write pictures of an exhibit as lossless PNG files and register each as derived evidence.",
        discussion: """
            Pictures are at their original resolution, converted to RGB with the stream's own colour matrix
            and range, and turned as the stream's display matrix asks (--rotation record keeps the stored
            orientation and only records the turn). A confined worker decodes the vault copy; a picture whose
            SHA-256 is not the catalog's is refused. Each PNG's row (exhibit, stream, index, pts, the picture's
            SHA-256, the PNG's SHA-256, the conversion) and a signed `extracted` event are committed before the
            files appear in --output. TIME is seconds (83.5) or [HH:]MM:SS[.fff] from the start of the file.
            """)

    enum Rotation: String, ExpressibleByArgument, CaseIterable { case apply, record }

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("The picture on screen at each time.", valueName: "time"))
    var at: [String] = []

    @Option(help: ArgumentHelp("The picture on screen every so many seconds.", valueName: "seconds"))
    var every: Double?

    @Flag(help: "Every key frame.")
    var keyframes = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp("These pictures, by index as `dfc frames` lists them.", valueName: "n"))
    var frames: [Int] = []

    @Option(help: "The video stream (default: the first with pictures).")
    var stream: Int?

    @Option(help: "apply (turn the pixels as the display matrix asks) or record (keep them as stored).")
    var rotation: Rotation = .apply

    @Option(name: .customLong("output"), help: ArgumentHelp("The folder to write to (created if needed; existing files are never overwritten).", valueName: "dir"))
    var output: String?

    /// The old spelling of --output (one release).
    @Option(name: .customLong("to"), help: .hidden)
    var to: String?

    /// Where to write: --output, or the old --to.
    var destination: String { output ?? to ?? "" }

    @OptionGroup var worker: WorkerOptions

    @Flag(help: "Print one JSON object per picture.")
    var json = false

    func validate() throws {
        let chosen = [!at.isEmpty, every != nil, keyframes, !frames.isEmpty].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose the pictures with exactly one of --at, --every, --keyframes, --frames") }
        _ = try RenamedFlag.value(output, "--output", old: to, "--to")
        for time in at where Self.seconds(time) == nil { throw ValidationError("\(time): not a time (seconds, or [HH:]MM:SS[.fff])") }
    }

    /// `83.5`, `1:23.5`, `00:01:23.500`.
    static func seconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (position, part) in parts.enumerated() {
            guard let value = Double(part), value >= 0, value.isFinite, position == parts.count - 1 || value == value.rounded() else { return nil }
            total = total * 60 + value
        }
        return total
    }

    var selection: FrameSelection {
        if !at.isEmpty { return .times(at.compactMap(Self.seconds)) }
        if let every { return .every(every) }
        if keyframes { return .keyframes }
        return .indices(frames)
    }

    func run() throws {
        let launcher = WorkerLauncher.start()
        try reportingErrors {
            RenamedFlag.note(to, "--to", "--output", "--to is for the end of a time range")
            let store = try worker.open(options)
            let extraction = try store.disclosure.extractFrames(
                of: reference, selection: selection, stream: stream, applyRotation: rotation == .apply, to: destination,
                actor: options.actorName, limits: worker.limits, containment: worker.containment(launcher))
            var output = BufferedOutput()
            for frame in extraction.frames {
                if json {
                    output.append(Output.json(frame) + "\n")
                } else {
                    let time = frame.ptsSeconds.map { String(format: "%.3f s", $0) } ?? "no pts"
                    output.append("\(frame.fileName)\tframe \(frame.frame)\t\(time)\t\(frame.width)x\(frame.height)\t"
                                  + "png \(frame.pngSHA256)\tpicture \(frame.frameSHA256)\n")
                }
            }
            output.flush()
            if !json {
                Output.note("\(extraction.frames.count) pictures written to \(extraction.directory), registered by custody event \(extraction.event)")
            }
        }
    }
}
