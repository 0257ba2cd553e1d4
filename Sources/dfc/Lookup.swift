import ArgumentParser
import DFCKit

struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look evidence up by file hash, frame hash, case, source, time range or place. Exits 1 when nothing is found.",
        discussion: """
            --from and --to (ISO 8601 with a zone) find every exhibit whose recording overlaps the range on the UTC \
            timeline, with the layer its time came from and the offsets and frames inside it; --near LAT,LON \
            (with --radius metres), --case, --source and --source-contains narrow them. --near without --from/--to \
            finds every exhibit with a place within --radius, whenever it was recorded, nearest first, each with \
            the place (and the tag it was read from) nearest the point. --source names a source whole \
            (as registered or amended); --source-contains matches part of a name, ASCII letters in either case. \
            --signed-only and --unsigned narrow any lookup by the exhibits' own camera signatures.
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: "The original file's SHA-256 (or a prefix of 12+ hex digits).")
    var sha256: String?

    @Option(name: .customLong("frame-sha256"), help: "A decoded picture's SHA-256.")
    var frameSHA256: String?

    @Option(name: .customLong("case"), help: "A case identifier.")
    var caseID: String?

    @Option(help: ArgumentHelp("The source of exactly this name (as amended).", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("Sources whose name contains this text (ASCII letters in either case).", valueName: "text"))
    var sourceContains: String?

    @Option(help: ArgumentHelp("The start of a time range, ISO 8601 with its zone.", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("The end of a time range, ISO 8601 with its zone.", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Exhibits recorded within --radius of this point, nearest first; with --from/--to, those of the range.",
                               valueName: "lat,lon"))
    var near: String?

    @Option(help: ArgumentHelp("With --near: metres.", valueName: "metres"))
    var radius: Double = 100

    @Option(help: ArgumentHelp("With --from/--to or --near: at most this many exhibits, earliest (or nearest) first (every filter applied first); "
        + "how many more matched is said, with the --after that continues.", valueName: "count"))
    var limit: Int = TimeQuery.defaultLimit

    @Option(help: ArgumentHelp("With --from/--to or --near: continue after the last exhibit of an earlier page (as it said).", valueName: "continuation"))
    var after: String?

    @Flag(help: ArgumentHelp("Only exhibits whose video carries camera signatures (ONVIF Media Signing, Axis Signed Video), whatever their verdict."))
    var signedOnly = false

    @Flag(help: ArgumentHelp("Only exhibits whose video was checked and carries no camera signature (an exhibit analysed before DFC checked "
        + "signatures is neither: dfc reanalyze checks it)."))
    var unsigned = false

    @Flag(help: "Print one JSON object per hit, each on its own line (and, when the page was cut, a last {\"more\": N, \"next\": …}).")
    var json = false

    private var signatures: SignatureFilter? { signedOnly ? .signed : unsigned ? .unsigned : nil }

    func validate() throws {
        guard !(signedOnly && unsigned) else { throw ValidationError("give --signed-only or --unsigned, not both") }
        if from != nil || to != nil {
            guard from != nil, to != nil else { throw ValidationError("give both --from and --to") }
            guard sha256 == nil, frameSHA256 == nil else { throw ValidationError("--from/--to do not go with --sha256 or --frame-sha256") }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
            return
        }
        if near != nil {
            guard sha256 == nil, frameSHA256 == nil else { throw ValidationError("--near does not go with --sha256 or --frame-sha256") }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
            return
        }
        guard after == nil, limit == TimeQuery.defaultLimit else { throw ValidationError("--limit and --after go with --from and --to, or --near") }
        let given = [sha256, frameSHA256, caseID, source, sourceContains].compactMap { $0 }
        guard given.count == 1 else {
            throw ValidationError("give exactly one of --sha256, --frame-sha256, --case, --source, --source-contains")
        }
    }

    func run() throws {
        try reportingErrors {
            if let from, let to { return try runTime(from: from, to: to) }
            if let near { return try runPlace(near: try Self.point(near)) }
            let query: LookupQuery
            if let sha256 { query = .sha256(sha256) }
            else if let frameSHA256 { query = .frameSHA256(frameSHA256) }
            else if let caseID { query = .caseID(caseID) }
            else if let source { query = .source(source) }
            else { query = .sourceContains(sourceContains ?? "") }
            let hits = try options.open().reading.lookup(query, signatures: signatures, actor: options.actorName)
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
                if source != nil { Self.sourceNote() }
                throw ExitCode.failure
            }
        }
    }

    private func runTime(from: String, to: String) throws {
        let point = try near.map(Self.point)
        let hits = try options.open().reading.lookup(TimeQuery(from: from, to: to, near: point, radiusMetres: radius, caseID: caseID, source: source, sourceContains: sourceContains,
                                                       limit: limit, after: after, signatures: signatures), actor: options.actorName)
        for hit in hits {
            if json {
                print(Output.json(hit))
            } else {
                var line = "\(hit.exhibit)\t\(hit.caseID)\t\(hit.start) to \(hit.end) (\(hit.layer.kind.rawValue): \(hit.layer.value)"
                    + (hit.corrections.isEmpty ? ")" : "; corrected " + hit.corrections.map { "\($0.offset) (event \($0.event))" }.joined(separator: ", ") + ")")
                line += "\t+\(Self.seconds(hit.offsetFrom)) to +\(Self.seconds(hit.offsetTo))"
                if let stream = hit.stream, let first = hit.firstFrame, let last = hit.lastFrame { line += " stream \(stream) frames \(first)-\(last)" }
                if let distance = hit.distanceMetres { line += "\t\(Int(distance.rounded())) m away" }
                print(line + "\t\(hit.originalName)")
            }
        }
        try endPage(more: hits.more, next: hits.next, empty: hits.isEmpty)
    }

    private func runPlace(near point: (latitude: Double, longitude: Double)) throws {
        let hits = try options.open().reading.lookup(PlaceQuery(latitude: point.latitude, longitude: point.longitude, radiusMetres: radius,
                                                                caseID: caseID, source: source, sourceContains: sourceContains,
                                                                limit: limit, after: after, signatures: signatures), actor: options.actorName)
        for hit in hits {
            if json {
                print(Output.json(hit))
            } else {
                print("\(hit.exhibit)\t\(hit.caseID)\t\(Int(hit.distanceMetres.rounded())) m away\t\(hit.place.iso6709) (\(hit.place.tag): \(hit.place.value))"
                    + "\t\(hit.originalName)")
            }
        }
        try endPage(more: hits.more, next: hits.next, empty: hits.isEmpty)
    }

    /// After a page of a lookup by time or place: how many more and how to go on, or 1 when nothing was found.
    private func endPage(more: Int, next: String?, empty: Bool) throws {
        if more > 0, let next {
            if json {
                print(Output.json(PageEnd(more: more, next: next)))
            } else {
                Output.note("\(more) more not shown (--limit \(limit)); continue with --after \(next)")
            }
        }
        if empty {
            if !json { Output.error("nothing found") }
            if source != nil { Self.sourceNote() }
            throw ExitCode.failure
        }
    }

    /// `--near LAT,LON` as degrees, or a clear error.
    private static func point(_ text: String) throws -> (latitude: Double, longitude: Double) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let latitude = parts[0], let longitude = parts[1] else {
            throw ValidationError("--near \(text): give latitude,longitude in degrees (31.5497,74.3436)")
        }
        return (latitude, longitude)
    }

    /// Said when a lookup by --source finds nothing, for this release: --source matched part of a name before.
    private static func sourceNote() {
        Output.note("--source names a source whole since this release (it matched part of a name before): "
            + "to match part of one, give --source-contains")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}

/// The last JSON line of a time lookup whose page was cut: how many more matched, and the continuation.
private struct PageEnd: Encodable {
    let more: Int
    let next: String
}
