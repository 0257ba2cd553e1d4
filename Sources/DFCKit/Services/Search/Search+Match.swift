import Foundation

extension Search {
    /// The exhibits' pictures whose PDQ hashes are within `options.maxDistance` of the PDQ
    /// hash of an image (its first picture), nearest first; hashes of quality below
    /// `options.minQuality` are ignored on both sides.
    ///
    /// The query file is untrusted input like any footage: it is copied into the store's
    /// staging area and analysed there by `containment`'s confined worker (in this process
    /// when nil), exactly as at ingest, then dropped; it is never registered. A `searched`
    /// custody event names it by SHA-256 with the number of hits, and every exhibit that
    /// matched gets an `accessed` event.
    ///
    /// `matcher`, when given, answers instead of an index made for this query alone.
    public func match(image file: String, options: MatchOptions = MatchOptions(), actor: String,
                      containment: Containment? = nil, matcher: PDQMatcher? = nil) throws -> ImageMatchReport {
        let signer = try ledger.signer(for: actor)
        let query = try queryHashes(of: file, containment: containment)
        var report = ImageMatchReport(query: file, querySHA256: query.sha256, queryHash: query.hashes.first?.hash, problem: query.problem,
                                      matches: [])
        if let hash = report.queryHash, hash.quality < options.minQuality {
            report.problem = "\(file): its picture's PDQ quality is \(hash.quality), below \(options.minQuality): too flat or blurred "
                + "to match on (--min-quality changes the bound)"
        }
        if report.problem == nil, let hash = report.queryHash {
            report.matches = try pictures(near: hash, options: options, matcher: matcher)
        }
        try recordSearch(kind: "image", file: file, sha256: query.sha256, hits: report.matches.map(\.exhibit),
                         extra: ["query_pdq": report.queryHash?.hex ?? "", "max_distance": String(options.maxDistance)], signer: signer)
        return report
    }

    /// The exhibits' pictures within `options.maxDistance` of a PDQ hash known already (from
    /// another agency's report, say), nearest first. Records a `searched` event naming the
    /// hash, and an `accessed` event on each exhibit found.
    public func match(pdq hash: PDQHash, options: MatchOptions = MatchOptions(), actor: String,
                      matcher: PDQMatcher? = nil) throws -> [PictureMatch] {
        let signer = try ledger.signer(for: actor)
        let matches = try pictures(near: hash, options: options, matcher: matcher)
        try recordSearch(kind: "pdq", file: nil, sha256: nil, hits: matches.map(\.exhibit),
                         extra: ["query_pdq": hash.hex, "max_distance": String(options.maxDistance)], signer: signer)
        return matches
    }

    /// A snapshot of the store's PDQ hashes of at least `minQuality`, indexed, for many queries.
    public func pdqMatcher(minQuality: Int = MatchOptions().minQuality) throws -> PDQMatcher {
        PDQMatcher(loaded: try loadPDQIndex(minQuality: minQuality), minQuality: minQuality)
    }

    private func index(_ options: MatchOptions, _ matcher: PDQMatcher?) throws -> LoadedPDQIndex {
        guard let matcher else { return try loadPDQIndex(minQuality: options.minQuality) }
        guard matcher.minQuality <= options.minQuality else {
            throw DFCError.invalidArgument("the matcher holds hashes of quality \(matcher.minQuality) and up; the query asks for \(options.minQuality)")
        }
        return matcher.loaded
    }

    private func pictures(near hash: PDQHash, options: MatchOptions, matcher: PDQMatcher?) throws -> [PictureMatch] {
        guard hash.quality >= options.minQuality else { return [] }
        let index = try index(options, matcher)
        let hits = index.index.search(hash, within: options.maxDistance).filter { index.hashes[$0.entry].quality >= options.minQuality }
        return try withCatalog {
            try catalog.read { db in
                var exhibits = ExhibitCache()
                return try hits.compactMap { hit -> PictureMatch? in
                    let picture = index.pictures[hit.entry]
                    guard let (record, now) = try exhibits.get(picture.exhibit, self.exhibits, db) else { return nil }
                    return PictureMatch(exhibit: record.exhibitID, caseID: now.caseID, source: now.source, originalName: record.originalName,
                                        stream: picture.stream, frame: picture.frame, ptsSeconds: picture.seconds,
                                        distance: hit.distance, hash: index.hashes[hit.entry])
                }
            }
        }.sorted { ($0.distance, $0.exhibit.rawValue, $0.stream, $0.frame) < ($1.distance, $1.exhibit.rawValue, $1.stream, $1.frame) }
    }

    /// The exhibits whose video streams match a clip by vPDQ's rule: the share of the
    /// clip's PDQ hashes with a hash of the stream within `options.maxDistance`, and the
    /// share of the stream's hashes with one of the clip's, at least `options.minQueryPercent`
    /// and `options.minExhibitPercent`; with the matching time ranges on both sides. The clip
    /// is analysed as `match(image:)` analyses an image, one hash a second as at ingest.
    public func match(video file: String, options: MatchOptions = MatchOptions(), actor: String,
                      containment: Containment? = nil, matcher: PDQMatcher? = nil) throws -> VideoMatchReport {
        let signer = try ledger.signer(for: actor)
        let query = try queryHashes(of: file, containment: containment)
        let hashes = query.hashes.filter { $0.hash.quality >= options.minQuality }
        var report = VideoMatchReport(query: file, querySHA256: query.sha256, queryHashes: hashes.count, problem: query.problem, matches: [])
        if report.problem == nil && hashes.isEmpty {
            report.problem = "\(file): none of its \(query.hashes.count) PDQ hashes has a quality of \(options.minQuality) or more: "
                + "nothing to match on (--min-quality changes the bound)"
        }
        if report.problem == nil {
            let index = try index(options, matcher)
            report.matches = try withCatalog {
                try catalog.read { db in try videoMatches(hashes, index, options, db) }
            }
        }
        try recordSearch(kind: "video", file: file, sha256: query.sha256, hits: report.matches.map(\.exhibit),
                         extra: ["query_hashes": String(hashes.count), "max_distance": String(options.maxDistance)], signer: signer)
        return report
    }

    private func videoMatches(
        _ query: [QueryHash], _ index: LoadedPDQIndex, _ options: MatchOptions, _ db: CatalogDB
    ) throws -> [VideoMatch] {
        struct Stream: Hashable { let exhibit: Int64; let stream: Int }
        var totals: [Stream: Int] = [:]
        for (entry, picture) in index.pictures.enumerated() where index.hashes[entry].quality >= options.minQuality {
            totals[Stream(exhibit: picture.exhibit, stream: picture.stream), default: 0] += 1
        }
        var queryMatched: [Stream: Set<Int>] = [:]
        var entriesMatched: [Stream: Set<Int>] = [:]
        var nearest: [Stream: [Int: (distance: Int, entry: Int)]] = [:]
        for (position, hash) in query.enumerated() {
            for hit in index.index.search(hash.hash, within: options.maxDistance) where index.hashes[hit.entry].quality >= options.minQuality {
                let picture = index.pictures[hit.entry]
                let key = Stream(exhibit: picture.exhibit, stream: picture.stream)
                queryMatched[key, default: []].insert(position)
                entriesMatched[key, default: []].insert(hit.entry)
                if let best = nearest[key]?[position], best.distance <= hit.distance { continue }
                nearest[key, default: [:]][position] = (hit.distance, hit.entry)
            }
        }
        var exhibits = ExhibitCache()
        var matches: [VideoMatch] = []
        for (key, matchedQuery) in queryMatched {
            let queryPercent = 100 * Double(matchedQuery.count) / Double(query.count)
            let exhibitPercent = 100 * Double(entriesMatched[key]!.count) / Double(totals[key] ?? 1)
            guard queryPercent >= options.minQueryPercent, exhibitPercent >= options.minExhibitPercent,
                  let (record, now) = try exhibits.get(key.exhibit, self.exhibits, db) else { continue }
            let queryTimes = matchedQuery.map { query[$0].seconds }
            let exhibitTimes = entriesMatched[key]!.compactMap { index.pictures[$0].seconds }
            let offsets = nearest[key]!.compactMap { position, best in index.pictures[best.entry].seconds.map { $0 - query[position].seconds } }
                .sorted()
            matches.append(VideoMatch(
                exhibit: record.exhibitID, caseID: now.caseID, originalName: record.originalName, stream: key.stream,
                queryPercent: queryPercent, exhibitPercent: exhibitPercent,
                queryRange: queryTimes.min()!...queryTimes.max()!,
                exhibitRange: (exhibitTimes.min() ?? 0)...(exhibitTimes.max() ?? 0),
                offsetSeconds: offsets.isEmpty ? 0 : offsets[offsets.count / 2]))
        }
        return matches.sorted {
            ($0.queryPercent, $0.exhibitPercent, -$0.exhibit.rawValue, -$0.stream) > ($1.queryPercent, $1.exhibitPercent, -$1.exhibit.rawValue, -$1.stream)
        }
    }

    /// One PDQ hash of a query clip or image: its stream, frame, time and hash.
    struct QueryHash {
        let frame: Int
        let seconds: Double
        let hash: PDQHash
    }

    /// The PDQ hashes of a query file's first video stream, made as at ingest by a worker
    /// from a staged copy that is then dropped; `problem` says why there are none.
    func queryHashes(of file: String, containment: Containment?) throws -> (sha256: String, hashes: [QueryHash], problem: String?) {
        try InputFile.check(file)
        let staged: Vault.Staged
        do {
            staged = try vault.stage(file)
        } catch {
            guard error.code == .storeIO else { throw error }
            throw DFCError.storeIO(path: path, reason: "\(error.description) (while copying the query \(file); nothing was recorded)")
        }
        defer { vault.discard(staged) }
        guard staged.digest.size > 0 else { throw DFCError.inputEmpty(path: file) }
        let analysis = try workers.analyse(staged, file: file, limits: .standard, containment: containment)
        defer { if let path = analysis.path { unlink(path) } }
        guard let path = analysis.path else {
            return (staged.digest.sha256, [], "\(file): " + (analysis.summary.findings.first?.message ?? "it could not be analysed"))
        }
        let fps = Dictionary(analysis.summary.streams.map { ($0.index, PDQSelection.frameRate(of: $0)) }, uniquingKeysWith: { first, _ in first })
        var hashes: [Int: [QueryHash]] = [:]
        _ = try AnalysisReader(path: path, limits: .standard).read(frame: { row in
            guard let hash = row.pdq else { return }
            let seconds = row.ptsSeconds ?? Double(PDQSelection.vpdqTimestamp(frame: row.index, fps: fps[row.stream] ?? nil))
            hashes[row.stream, default: []].append(QueryHash(frame: row.index, seconds: seconds, hash: hash))
        })
        guard let first = hashes.keys.min() else {
            let why = analysis.summary.findings.first { $0.severity == .error }?.message ?? "it has no picture DFC could decode"
            return (staged.digest.sha256, [], "\(file): no PDQ hash: \(why)")
        }
        return (staged.digest.sha256, hashes[first] ?? [], nil)
    }

    /// Every stored PDQ hash of enough quality, indexed for Hamming search.
    struct LoadedPDQIndex {
        let index: PDQIndex
        let hashes: [PDQHash]
        let pictures: [IndexedPicture]
    }

    func loadPDQIndex(minQuality: Int) throws -> LoadedPDQIndex {
        let (hashes, pictures) = try withCatalog { try catalog.read { try Catalog.pdqHashes(minQuality: minQuality, $0) } }
        return LoadedPDQIndex(index: PDQIndex(hashes), hashes: hashes, pictures: pictures)
    }

    /// A `searched` event (no exhibit) naming the query and how many exhibits it found, and
    /// an `accessed` event on each of them.
    func recordSearch(kind: String, file: String?, sha256: String?, hits: [ExhibitID], extra: [String: String], signer: Signer) throws {
        var seen = Set<ExhibitID>()
        let exhibits = hits.filter { seen.insert($0).inserted }
        try withCatalog {
            try catalog.write { db in
                var details = extra
                details["command"] = "match --\(kind)"
                if let file { details["query"] = EvidenceStore.absolute(file) }
                if let sha256 { details["query_sha256"] = sha256 }
                details["exhibits_found"] = String(exhibits.count)
                try CustodyLog.append(db, action: "searched", signer: signer, exhibit: nil, details: details)
                let records = try exhibits.compactMap { try ExhibitRecord.fetchOne(db, key: $0.rawValue) }
                try ledger.recordAccess(db, records, signer: signer, command: "match --\(kind)", extra: sha256.map { ["query_sha256": $0] } ?? [:])
            }
        }
    }
}

/// Exhibit rows and their current case and source, fetched once each.
struct ExhibitCache {
    private var cache: [Int64: (ExhibitRecord, (caseID: String, source: String?, amendments: [Amendment]))?] = [:]

    /// The exhibit and where it stands; nil when its row is gone (removed by hand: the audit names it).
    mutating func get(_ id: Int64, _ repository: Exhibits, _ db: CatalogDB) throws -> (ExhibitRecord, (caseID: String, source: String?, amendments: [Amendment]))? {
        if let known = cache[id] { return known }
        let value = try ExhibitRecord.fetchOne(db, key: id).map { ($0, try repository.current($0, db)) }
        cache[id] = value
        return value
    }
}
