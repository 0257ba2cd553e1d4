import Foundation

extension EvidenceStore {
    /// Finds the exhibit a reference names: an exhibit number (`EX-000042`, `42`), or a
    /// SHA-256 of the original, whole or a unique prefix of at least 12 hex digits.
    func resolve(_ reference: String, _ db: CatalogDB) throws -> ExhibitRecord {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        if reference.count < 12, let id = ExhibitID(parsing: reference) {
            guard let record = try ExhibitRecord.fetchOne(db, key: id.rawValue) else { throw DFCError.exhibitNotFound(reference) }
            return record
        }
        if reference.uppercased().hasPrefix("EX-"), let id = ExhibitID(parsing: reference) {
            guard let record = try ExhibitRecord.fetchOne(db, key: id.rawValue) else { throw DFCError.exhibitNotFound(reference) }
            return record
        }
        guard reference.count >= 12, reference.count <= 64, Hex.isHex(reference) else { throw DFCError.invalidReference(reference) }
        let prefix = reference.lowercased()
        let matches = try Catalog.exhibits(sha256Prefix: prefix, db).prefix(6)
        guard let first = matches.first else { throw DFCError.exhibitNotFound(reference) }
        guard matches.count == 1 else { throw DFCError.ambiguousReference(reference, matches: matches.map { $0.exhibitID.description }) }
        return first
    }

    /// Appends an `accessed` event for each exhibit a command read.
    func recordAccess(_ db: CatalogDB, _ exhibits: [ExhibitRecord], signer: Signer, command: String, extra: [String: String] = [:]) throws {
        for exhibit in exhibits {
            var details = extra
            details["command"] = command
            details["sha256"] = exhibit.sha256
            try CustodyLog.append(db, action: "accessed", signer: signer, exhibit: exhibit.exhibitID, details: details)
        }
    }

    /// Everything the catalog holds about one exhibit. Records an `accessed` event.
    public func exhibit(_ reference: String, actor: String) throws -> ExhibitReport {
        let signer = try signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                try recordAccess(db, [record], signer: signer, command: "show")
                return try report(record, db)
            }
        }
    }

    func report(_ record: ExhibitRecord, _ db: CatalogDB) throws -> ExhibitReport {
        let analyses = try Catalog.analyses(of: record, db)
        let analysis = analyses.first { $0.info.current }!
        let container = try analysis.container
        let now = try current(record, db)
        return ExhibitReport(
            exhibit: record.exhibitID, caseID: now.caseID, source: now.source, sha256: record.sha256,
            sha512: record.sha512, size: record.size, originalName: record.originalName, originalPath: record.originalPath,
            vaultPath: record.vaultPath, ingestedAt: record.ingestedAt, ingestedBy: record.ingestedBy,
            container: analysis.format, containerInfo: container, durationSeconds: container?.durationSeconds,
            libraries: analysis.libraries, packetCount: analysis.info.packetCount, frameCount: analysis.info.frameCount,
            streams: try Catalog.streams(of: analysis.location, db).map(\.info),
            findings: try Catalog.findings(of: analysis.location, db), amendments: now.amendments,
            analyses: analyses.map(\.info), extractions: try derivedEvidence(try Catalog.derivedFrames(of: record.id ?? 0, db), db),
            exports: try exports(of: try Catalog.events(of: record.id ?? 0, actions: ["exported", "export_undelivered"], db), db))
    }

    /// Analysis `number` of an exhibit (1 is the one made at ingest), or the current one when nil.
    func analysis(_ number: Int?, of record: ExhibitRecord, _ db: CatalogDB) throws -> StoredAnalysis {
        let analyses = try Catalog.analyses(of: record, db)
        guard let number else { return analyses.first { $0.info.current }! }
        guard number >= 1, number <= analyses.count else {
            throw DFCError.analysisNotFound(exhibit: record.exhibitID.description, number: number, count: analyses.count)
        }
        return analyses[number - 1]
    }

    /// The header of a frame listing: which exhibit and stream, and how FFmpeg's framehash names it.
    public struct FrameListingHeader: Sendable {
        /// The exhibit.
        public var exhibit: ExhibitID
        /// The stream listed.
        public var stream: StreamInfo
        /// The time base FFmpeg's CLI gives the stream's framehash (`num/den`).
        public var framehashTimeBase: String
        /// The container's start time in seconds (FFmpeg's CLI shifts timestamps by it).
        public var containerStartSeconds: Double?
        /// The FFmpeg libraries that decoded it.
        public var libraries: String
        /// Where the stream's pictures change size or pixel format, and to what (the
        /// `picture_format_changed` findings): from each, stock ffmpeg reproduces the lines
        /// only with the options `reproduction` names.
        public var pictureChanges: [Finding] = []
        /// Whether the exhibit was decoded on one thread (its decoder reported damage):
        /// stock ffmpeg reproduces the listing with `-threads 1` before `-i`.
        public var singleThreaded = false
        /// Which analysis of the exhibit is listed (1 is the one made at ingest).
        public var analysis = 1

        /// The options to add to the README's ffmpeg command so that it reproduces every line
        /// (a size change), or the lines of the pictures in each format (a pixel-format change,
        /// one run per `-pix_fmt`). Empty when the plain command reproduces the listing.
        public var reproduction: [String] {
            let threads = singleThreaded ? "-threads 1 (before -i)" : nil
            guard !pictureChanges.isEmpty else { return threads.map { [$0] } ?? [] }
            var formats: [String] = []
            for name in [stream.pixelFormat].compactMap({ $0 }) + pictureChanges.compactMap(\.pictureFormat) where !formats.contains(name) {
                formats.append(name)
            }
            let options = formats.count > 1 ? formats.map { "-autoscale 0 -pix_fmt \($0)" } : ["-autoscale 0"]
            return options.map { [threads, $0].compactMap { $0 }.joined(separator: " ") }
        }
    }

    /// Calls `body` with every decoded picture of one video stream, in order (the first
    /// video stream unless `stream` names one), from the current analysis unless `analysis`
    /// names one (1 is the analysis made at ingest). Records an `accessed` event.
    public func forEachFrame(
        of reference: String, stream: Int? = nil, analysis number: Int? = nil, actor: String,
        _ body: (FrameListingHeader, FrameEntry) throws -> Void
    ) throws -> FrameListingHeader {
        let signer = try signer(for: actor)
        let (location, header) = try withCatalog {
            try catalog.write { db -> (AnalysisLocation, FrameListingHeader) in
                let record = try resolve(reference, db)
                let analysis = try analysis(number, of: record, db)
                let header = try frameListingHeader(record, analysis, stream: stream, db)
                try recordAccess(db, [record], signer: signer, command: "frames",
                                 extra: ["stream": String(header.stream.index), "analysis": String(analysis.info.number)])
                return (analysis.location, header)
            }
        }
        try withCatalog {
            try catalog.read { db in
                let next = try Catalog.frameCursor(of: location, stream: header.stream.index, db)
                while let frame = try next() { try body(header, frame) }
            }
        }
        return header
    }

    func frameListingHeader(_ record: ExhibitRecord, _ analysis: StoredAnalysis, stream: Int?, _ db: CatalogDB) throws -> FrameListingHeader {
        let streams = try Catalog.streams(of: analysis.location, db)
        let chosen: (info: StreamInfo, framehashTimeBase: String?)?
        if let stream {
            chosen = streams.first { $0.info.index == stream }
        } else {
            chosen = streams.first { $0.info.type == "video" && $0.info.frameCount > 0 } ?? streams.first { $0.info.type == "video" }
        }
        guard let chosen else { throw DFCError.streamNotFound(exhibit: record.exhibitID.description, stream: stream) }
        let info = chosen.info
        let changes = try Catalog.findings(of: analysis.location, kind: .pictureFormatChanged, db).filter { $0.stream == info.index }
        return FrameListingHeader(
            exhibit: record.exhibitID, stream: info, framehashTimeBase: chosen.framehashTimeBase ?? info.timeBase,
            containerStartSeconds: try analysis.container?.startSeconds, libraries: analysis.libraries, pictureChanges: changes,
            singleThreaded: !(try Catalog.findings(of: analysis.location, kind: .singleThreadedDecode, db).isEmpty),
            analysis: analysis.info.number)
    }

    /// Every decoded picture of one video stream, in order. Records an `accessed` event.
    public func frames(of reference: String, stream: Int? = nil, analysis: Int? = nil, actor: String) throws -> [FrameEntry] {
        var frames: [FrameEntry] = []
        _ = try forEachFrame(of: reference, stream: stream, analysis: analysis, actor: actor) { frames.append($1) }
        return frames
    }

    /// The PDQ hashes of one video stream (the first unless `stream` names one), from the
    /// current analysis unless `analysis` names one, with vPDQ's timestamps and the real
    /// ones. Records an `accessed` event.
    public func pdqHashes(of reference: String, stream: Int? = nil, analysis number: Int? = nil, actor: String) throws -> [PDQEntry] {
        let signer = try signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                let analysis = try analysis(number, of: record, db)
                let header = try frameListingHeader(record, analysis, stream: stream, db)
                try recordAccess(db, [record], signer: signer, command: "pdq",
                                 extra: ["stream": String(header.stream.index), "analysis": String(analysis.info.number)])
                let fps = PDQSelection.frameRate(of: header.stream)
                return try Catalog.pdqHashes(of: analysis.location, stream: header.stream.index, db).map { row in
                    PDQEntry(stream: header.stream.index, frame: row.frame, hash: row.hash,
                             vpdqTimestamp: PDQSelection.vpdqTimestamp(frame: row.frame, fps: fps), ptsSeconds: row.seconds)
                }
            }
        }
    }

    /// Calls `body` with every packet of the exhibit in read order, from the current analysis
    /// unless `analysis` names one. Records an `accessed` event.
    public func forEachPacket(of reference: String, analysis number: Int? = nil, actor: String, _ body: (PacketEntry) throws -> Void) throws {
        let signer = try signer(for: actor)
        let location = try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                let analysis = try analysis(number, of: record, db)
                try recordAccess(db, [record], signer: signer, command: "packets", extra: ["analysis": String(analysis.info.number)])
                return analysis.location
            }
        }
        try withCatalog {
            try catalog.read { db in
                let next = try Catalog.packetCursor(of: location, db)
                while let packet = try next() { try body(packet) }
            }
        }
    }

    /// Every packet of the exhibit in read order. Records an `accessed` event.
    public func packets(of reference: String, analysis: Int? = nil, actor: String) throws -> [PacketEntry] {
        var packets: [PacketEntry] = []
        try forEachPacket(of: reference, analysis: analysis, actor: actor) { packets.append($0) }
        return packets
    }

    /// The exhibit's custody events in order. Records an `accessed` event (which the list includes).
    public func custody(of reference: String, actor: String) throws -> [CustodyEntry] {
        let signer = try signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try resolve(reference, db)
                try recordAccess(db, [record], signer: signer, command: "custody")
                return try custodyEntries(of: record, db)
            }
        }
    }

    /// The exhibit's custody events in order, each with its signature's standing.
    func custodyEntries(of record: ExhibitRecord, _ db: CatalogDB) throws -> [CustodyEntry] {
        let actors = try CustodyLog.actors(db)
        return try Catalog.events(of: record.id ?? 0, db).map { event in
            let payload = CustodyLog.decode(event)
            let status = payload.map { CustodyLog.signatureStatus(event, $0, actors: actors) } ?? .invalid
            return CustodyEntry(
                seq: event.seq, exhibit: event.exhibitID.map(ExhibitID.init), action: event.action, actor: event.actor,
                role: payload?.role, at: event.recordedAt, details: payload?.details ?? [:], hash: event.hash,
                prevHash: event.prevHash, payload: event.payload, publicKey: payload?.key, signature: event.signature,
                signatureStatus: status.rawValue)
        }
    }
}
