import ArgumentParser
import DFCKit
import Foundation

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find evidence that looks like an image or a clip (PDQ, vPDQ), or that a hash list names.",
        discussion: """
            --image: the exhibits' pictures whose PDQ hash is within --max-distance bits of the image's, \
            nearest first. --video: the exhibits whose streams match the clip by vPDQ's rule (the share \
            of the clip's hashes found in the exhibit, and of the exhibit's found in the clip), with the \
            matching time ranges. --hash-list: every exhibit and picture a list of file SHA-256s, \
            framehash SHA-256s and PDQ hashes names. The query is analysed by a confined worker, never \
            registered; a `searched` custody event names it, and every exhibit found gets an `accessed` \
            event. Exits 1 when nothing matches.
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp("An image (or a clip, by its first picture) to look for.", valueName: "file"))
    var image: String?

    @Option(help: ArgumentHelp("A clip to look for.", valueName: "file"))
    var video: String?

    @Option(help: ArgumentHelp("A list of hashes, one a line.", valueName: "file"))
    var hashList: String?

    @Option(help: "The largest Hamming distance between two PDQ hashes that match.")
    var maxDistance = MatchOptions().maxDistance

    @Option(help: "PDQ hashes of lower quality are ignored, on both sides.")
    var minQuality = MatchOptions().minQuality

    @Option(help: "--video: the share of the clip's hashes that must match, in percent.")
    var minQueryPercent = MatchOptions().minQueryPercent

    @Option(help: "--video: the share of the exhibit's hashes that must match, in percent.")
    var minExhibitPercent = MatchOptions().minExhibitPercent

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if [image, video, hashList].compactMap({ $0 }).count != 1 { throw ValidationError("give one of --image, --video or --hash-list") }
        if !(0...256).contains(maxDistance) { throw ValidationError("--max-distance is from 0 to 256") }
        if !(0...100).contains(minQuality) { throw ValidationError("--min-quality is from 0 to 100") }
    }

    func run() throws {
        let launcher = hashList == nil ? WorkerLauncher.start() : nil
        try reportingErrors {
            let store = try options.open()
            var settings = MatchOptions()
            settings.maxDistance = maxDistance
            settings.minQuality = minQuality
            settings.minQueryPercent = minQueryPercent
            settings.minExhibitPercent = minExhibitPercent
            let containment = Containment(worker: Containment.currentExecutable, launcher: launcher)
            var found = false
            if let image {
                let report = try store.search.match(image: image, options: settings, actor: options.actorName, containment: containment)
                found = !report.matches.isEmpty
                if json { print(Output.json(report)) } else {
                    if let problem = report.problem { Output.error(problem) }
                    for match in report.matches {
                        print("\(match.exhibit)\tdistance \(match.distance)\tframe \(match.stream):\(match.frame)\t\(Self.time(match.ptsSeconds))\t"
                              + "quality \(match.hash.quality)\tcase \(match.caseID)\t\(match.originalName)")
                    }
                }
            } else if let video {
                let report = try store.search.match(video: video, options: settings, actor: options.actorName, containment: containment)
                found = !report.matches.isEmpty
                if json { print(Output.json(report)) } else {
                    if let problem = report.problem { Output.error(problem) }
                    for match in report.matches {
                        print("\(match.exhibit)\tstream \(match.stream)\tquery \(String(format: "%.1f", match.queryPercent))%\t"
                              + "exhibit \(String(format: "%.1f", match.exhibitPercent))%\t"
                              + "query \(Self.time(match.queryRange.lowerBound))–\(Self.time(match.queryRange.upperBound)) ≈ exhibit "
                              + "\(Self.time(match.exhibitRange.lowerBound))–\(Self.time(match.exhibitRange.upperBound)) "
                              + "(offset \(String(format: "%+.3f", match.offsetSeconds)) s)\tcase \(match.caseID)\t\(match.originalName)")
                    }
                }
            } else if let hashList {
                let hits = try store.search.match(hashList: hashList, options: settings, actor: options.actorName)
                found = !hits.isEmpty
                for hit in hits {
                    if json { print(Output.json(hit)); continue }
                    var line = "line \(hit.line)\t\(hit.kind.rawValue)\t\(hit.exhibit)"
                    if let stream = hit.stream, let frame = hit.frame { line += "\tframe \(stream):\(frame)\t\(Self.time(hit.ptsSeconds))" }
                    if let distance = hit.distance { line += "\tdistance \(distance)" }
                    print(line + "\tcase \(hit.caseID)\t\(hit.originalName)")
                }
            }
            if !found { throw ExitCode.failure }
        }
    }

    private static func time(_ seconds: Double?) -> String {
        seconds.map { String(format: "%.3f s", $0) } ?? "time unknown"
    }
}
