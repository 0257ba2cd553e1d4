import ArgumentParser
import DFCKit

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Every exhibit of a case on one UTC timeline, clock corrections applied, with gaps and overlaps.")

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("case"), help: "The case.")
    var caseID: String

    @Option(help: ArgumentHelp("Only exhibits overlapping this range (ISO 8601 with its zone).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("The end of the range.", valueName: "time"))
    var to: String?

    @Flag(help: "JSON lines: one object per exhibit, gap and overlap, each with its \"kind\".")
    var json = false

    func run() throws {
        try reportingErrors {
            let timeline = try options.open().reading.timeline(caseID: caseID, from: from, to: to, actor: options.actorName)
            if json {
                for entry in timeline.entries { print(Output.json(Tagged(kind: "exhibit", value: entry))) }
                for gap in timeline.gaps { print(Output.json(Tagged(kind: "gap", value: gap))) }
                for overlap in timeline.overlaps { print(Output.json(Tagged(kind: "overlap", value: overlap))) }
                for exhibit in timeline.unplaced { print(Output.json(Tagged(kind: "unplaced", value: ["exhibit": exhibit.description]))) }
                return
            }
            var gaps = timeline.gaps[...]
            for entry in timeline.entries {
                while let gap = gaps.first, gap.to <= entry.start {
                    print("  gap\t\(gap.from) to \(gap.to)\t\(gap.seconds) s with no exhibit")
                    gaps = gaps.dropFirst()
                }
                let corrected = entry.corrections.isEmpty ? "" : "; corrected " + entry.corrections.map(\.offset).joined(separator: ", ")
                print("\(entry.start) to \(entry.end)\t\(entry.exhibit)\t\(entry.source ?? "-")\t\(entry.originalName)\t(\(entry.layer.kind.rawValue)\(corrected))")
            }
            for overlap in timeline.overlaps {
                print("overlap\t\(overlap.first) and \(overlap.second)\t\(overlap.from) to \(overlap.to)\t\(overlap.seconds) s")
            }
            for exhibit in timeline.unplaced { print("not on the timeline\t\(exhibit)\t(no time layer names its zone)") }
        }
    }
}

/// A value with the kind of line it is, for JSON lines of several kinds.
private struct Tagged<Value: Encodable>: Encodable {
    let kind: String
    let value: Value

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
    }

    enum Key: String, CodingKey { case kind }
}
