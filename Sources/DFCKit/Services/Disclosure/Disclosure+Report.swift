import Foundation

extension Disclosure {
    /// A report on exhibits for a judge: one self-contained HTML file (`ReportRenderer`) with
    /// each exhibit's summary and hashes, its streams, its findings, a contact sheet of
    /// `thumbnails` pictures spread over its first video stream (decoded from a checked copy
    /// of the vault file by `containment`'s confined worker, each matched to the catalog's
    /// hash), and its chain of custody with every signature's standing. A report is an
    /// access: an `accessed` event per exhibit records it (and which pictures it shows),
    /// before the custody tables are read, so the report lists its own making.
    public func report(_ references: [String], actor: String, thumbnails: Int = 12, limits: MediaLimits = .standard,
                       containment: Containment? = nil) throws -> String {
        guard !references.isEmpty else { throw DFCError.invalidArgument("name the exhibits to report on") }
        let signer = try ledger.signer(for: actor)
        try integrity.sweepLeftovers(signer)
        let gathered = try withCatalog {
            try catalog.read { db -> [(ExhibitRecord, FrameListingHeader?, [FrameEntry])] in
                var records: [ExhibitRecord] = []
                for reference in references {
                    let record = try exhibits.resolve(reference, db)
                    if !records.contains(where: { $0.id == record.id }) { records.append(record) }
                }
                return try records.map { record in
                    let analysis = try exhibits.analysis(nil, of: record, db)
                    guard let header = try? reading.frameListingHeader(record, analysis, stream: nil, db), header.stream.frameCount > 0 else {
                        return (record, nil, [])
                    }
                    var entries: [FrameEntry] = []
                    let next = try Catalog.frameCursor(of: analysis.location, stream: header.stream.index, db)
                    while let entry = try next() { entries.append(entry) }
                    return (record, header, Self.spread(entries, count: thumbnails))
                }
            }
        }
        var sheets: [Int64: (thumbnails: [ReportData.Thumbnail], reason: String?)] = [:]
        for (record, header, chosen) in gathered {
            guard let header, !chosen.isEmpty else {
                sheets[record.id!] = ([], "The exhibit has no decoded pictures to show.")
                continue
            }
            let request = ExtractionRequest(stream: header.stream.index, frames: chosen.map(\.index), applyRotation: true, thumbnailWidth: 320)
            do {
                let pictures = try decodePictures(record, header: header, chosen: chosen, request: request, signer: signer,
                                                  command: "report", limits: limits, containment: containment)
                sheets[record.id!] = (pictures.map { ReportData.Thumbnail(frame: $0.index, seconds: $0.ptsSeconds, png: $0.png) }, nil)
            } catch let error as DFCError {
                guard error.code == .extractionFailed, let reason = error.context["reason"] else { throw error }
                sheets[record.id!] = ([], "The pictures could not be shown: \(reason)")
            }
        }
        let data = try withCatalog {
            try catalog.write { db -> ReportData in
                var exhibits: [ReportData.Exhibit] = []
                for (record, header, _) in gathered {
                    let sheet = sheets[record.id!]!
                    try ledger.recordAccess(db, [record], signer: signer, command: "report",
                                     extra: ["thumbnails": sheet.thumbnails.map { String($0.frame) }.joined(separator: ",")])
                    exhibits.append(ReportData.Exhibit(
                        report: try self.exhibits.report(record, db), custody: try self.exhibits.custodyEntries(of: record, db), thumbnails: sheet.thumbnails,
                        noThumbnails: sheet.reason, containerStart: header?.containerStartSeconds ?? 0))
                }
                return ReportData(generatedAt: Timestamp.now(), actor: signer.name, role: signer.role.rawValue, store: path,
                                  dfcVersion: DFCVersion.current, treeSize: 0, rootHash: "", exhibits: exhibits)
            }
        }
        // The log's head as it stands, from the tree kept with the log.
        var complete = data
        try withCatalog {
            try catalog.read { db in
                var tree = MerkleNodes(db)
                complete.treeSize = try CustodyLog.size(db)
                complete.rootHash = Hex.string(try tree.root(size: complete.treeSize))
            }
        }
        return ReportRenderer.render(complete)
    }

    /// `count` pictures spread evenly over the stream, first and last included.
    static func spread(_ entries: [FrameEntry], count: Int) -> [FrameEntry] {
        guard entries.count > count, count > 1 else { return Array(entries.prefix(max(count, 0))) }
        let step = Double(entries.count - 1) / Double(count - 1)
        var seen = Set<Int>()
        return (0..<count).map { entries[Int((Double($0) * step).rounded())] }.filter { seen.insert($0.index).inserted }
    }
}
