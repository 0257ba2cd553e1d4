import ArgumentParser
import DFCKit

struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look evidence up by file hash, frame hash, case or source. Exits 1 when nothing is found.")

    @OptionGroup var options: StoreOptions

    @Option(help: "The original file's SHA-256 (or a prefix of 12+ hex digits).")
    var sha256: String?

    @Option(name: .customLong("frame-sha256"), help: "A decoded picture's SHA-256.")
    var frameSHA256: String?

    @Option(name: .customLong("case"), help: "A case identifier.")
    var caseID: String?

    @Option(help: "Text the source contains (case-insensitive).")
    var source: String?

    @Flag(help: "Print one JSON object per hit, each on its own line.")
    var json = false

    func validate() throws {
        let given = [sha256, frameSHA256, caseID, source].compactMap { $0 }
        guard given.count == 1 else {
            throw ValidationError("give exactly one of --sha256, --frame-sha256, --case, --source")
        }
    }

    func run() throws {
        try reportingErrors {
            let query: LookupQuery
            if let sha256 { query = .sha256(sha256) }
            else if let frameSHA256 { query = .frameSHA256(frameSHA256) }
            else if let caseID { query = .caseID(caseID) }
            else { query = .source(source!) }
            let hits = try options.open().lookup(query, actor: options.actorName)
            for hit in hits {
                if json {
                    print(Output.json(hit))
                } else {
                    var line = "\(hit.exhibit)\t\(hit.caseID)\t\(hit.sha256)\t\(hit.originalName)"
                    if let derived = hit.derived {
                        line = "\(hit.exhibit)\t\(hit.caseID)\t\(derived.picture.pngSHA256)\tDERIVED: \(derived.summary)"
                    } else if let frame = hit.frame, let stream = hit.stream {
                        line += "\tstream \(stream) frame \(frame)" + (hit.ptsSeconds.map { " at \($0) s" } ?? "")
                    }
                    print(line)
                }
            }
            if hits.isEmpty {
                if !json { Output.error("nothing found") }
                throw ExitCode.failure
            }
        }
    }
}
