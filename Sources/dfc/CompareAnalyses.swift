import ArgumentParser
import DFCKit
import Foundation

struct CompareAnalyses: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two analyses of an exhibit picture by picture (a validation report).",
        discussion: """
            Analyses are numbered as `dfc show` lists them: 1 is the one made at ingest, 2 and on were \
            made by `dfc reanalyze`. Pictures are matched by stream and decoded index; every picture \
            whose SHA-256, time, type or size differs, or that only one analysis decoded, is listed, \
            then a summary line.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Argument(help: "The earlier analysis's number.")
    var first: Int

    @Argument(help: "The later analysis's number.")
    var second: Int

    @Flag(help: "JSON lines: each differing picture, then the summary.")
    var json = false

    func run() throws {
        try reportingErrors {
            var output = BufferedOutput()
            let comparison = try options.open().intake.compareAnalyses(of: reference, first, second, actor: options.actorName) { difference in
                output.append((json ? Output.json(difference) : Self.line(difference)) + "\n")
            }
            output.flush()
            print(json ? Output.json(comparison) : Self.summary(comparison, event: nil))
        }
    }

    /// One line of a validation report: `  stream:index  kind  pts  sha256 (first) → sha256 (second)`.
    static func line(_ difference: FrameDifference) -> String {
        func describe(_ frame: FrameEntry?) -> String {
            guard let frame else { return "-" }
            let pts = frame.pts.map(String.init) ?? "NOPTS"
            return "pts \(pts) \(frame.pictureType) \(frame.size) B \(frame.sha256.isEmpty ? "(not hashed)" : frame.sha256)"
        }
        return "  frame \(difference.stream):\(difference.index)\t\(difference.kind.rawValue)\t"
            + "\(describe(difference.first))\t→\t\(describe(difference.second))"
    }

    /// The summary line of a comparison.
    static func summary(_ comparison: AnalysisComparison, event: Int64?) -> String {
        let first = comparison.first
        let second = comparison.second
        var text = "\(comparison.exhibit)\tanalysis \(second.number)"
        if let event { text += " (custody event \(event))" }
        text += second.current ? " (current)" : ""
        text += " against analysis \(first.number): "
        if comparison.identical {
            text += "identical: \(comparison.framesCompared) pictures and \(comparison.packetsCompared) packets"
        } else {
            text += "\(comparison.framesWithDifferentHash) of \(comparison.framesCompared) pictures decode differently, "
                + "\(comparison.framesWithDifferentAttributes) differ in time, type or size, "
                + "\(comparison.framesOnlyInFirst) only in \(first.number), \(comparison.framesOnlyInSecond) only in \(second.number); "
                + "\(comparison.packetsDiffering) of \(comparison.packetsCompared) packets differ, \(comparison.packetsInOneOnly) in one only"
        }
        if !comparison.sameFindings { text += "; the findings differ" }
        if first.libraries != second.libraries { text += "\n  libraries \(first.libraries) → \(second.libraries)" }
        return text
    }
}
