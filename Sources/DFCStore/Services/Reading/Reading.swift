import Foundation
import Synchronization
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// Reading the store: an exhibit's report, its frames, packets, PDQ hashes and custody,
/// and lookup by hash. Every read appends a signed `accessed` event first.
public struct Reading: StoreService {
    package let context: StoreContext
}

extension Reading {
    /// Everything the catalog holds about one exhibit. Records an `accessed` event.
    public func exhibit(_ reference: String, actor: String) throws -> ExhibitReport {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "show")
                return try exhibits.report(record, db)
            }
        }
    }

    /// Calls `body` with every decoded picture of one video stream, in order (the first
    /// video stream unless `stream` names one), from the current analysis unless `analysis`
    /// names one (1 is the analysis made at ingest). Records an `accessed` event.
    public func forEachFrame(
        of reference: String, stream: Int? = nil, analysis number: Int? = nil, actor: String,
        _ body: (FrameListingHeader, FrameEntry) throws -> Void
    ) throws -> FrameListingHeader {
        let (location, header) = try openFrameListing(of: reference, stream: stream, analysis: number, actor: actor)
        try withCatalog {
            try catalog.read { db in
                let next = try Catalog.frameCursor(of: location, stream: header.stream.index, db)
                while let frame = try next() { try body(header, frame) }
            }
        }
        return header
    }

    /// Records the `accessed` event of a frame listing and says where its rows are, and its header.
    private func openFrameListing(of reference: String, stream: Int?, analysis number: Int?, actor: String) throws -> (AnalysisLocation, FrameListingHeader) {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db -> (AnalysisLocation, FrameListingHeader) in
                let record = try exhibits.resolve(reference, db)
                let analysis = try exhibits.analysis(number, of: record, db)
                let header = try frameListingHeader(record, analysis, stream: stream, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "frames",
                                 extra: ["stream": String(header.stream.index), "analysis": String(analysis.info.number)])
                return (analysis.location, header)
            }
        }
    }

    /// Records the `accessed` event of a packet listing and says where its rows are.
    private func openPacketListing(of reference: String, analysis number: Int?, actor: String) throws -> AnalysisLocation {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                let analysis = try exhibits.analysis(number, of: record, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "packets", extra: ["analysis": String(analysis.info.number)])
                return analysis.location
            }
        }
    }

    /// A listing read a page at a time: `open` (which records the access) before the first page,
    /// then each page from where the one before ended.
    private func pages<Listing: Sendable, Element: Sendable>(
        open: @escaping @Sendable () throws -> Listing, page: @escaping @Sendable (Listing, _ after: Int64?, _ limit: Int, CatalogDB) throws -> [Element],
        key: @escaping @Sendable (Element) -> Int64
    ) -> StoreStream<Element> {
        let opened = Mutex<Listing?>(nil)
        return StoreStream { after, limit in
            var listing = after == nil ? nil : opened.withLock { $0 }
            if listing == nil {
                listing = try open()
                opened.withLock { $0 = listing }
            }
            guard let listing else { return ([], nil) }
            let elements = try withCatalog { try catalog.read { try page(listing, after, limit, $0) } }
            return (elements, elements.last.map(key))
        }
    }

    package func frameListingHeader(_ record: ExhibitRecord, _ analysis: StoredAnalysis, stream: Int?, _ db: CatalogDB) throws -> FrameListingHeader {
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

    /// `forEachFrame`'s pictures as an async sequence, read from the catalog a page of a few hundred at a
    /// time on the library's fixed pool of threads (flat memory however long the footage, no thread or
    /// connection held between pages). The `accessed` event is recorded at the first `next()`, which
    /// throws if it cannot be.
    public func frameSequence(of reference: String, stream: Int? = nil, analysis: Int? = nil, actor: String) -> StoreStream<FrameEntry> {
        pages(open: { try openFrameListing(of: reference, stream: stream, analysis: analysis, actor: actor) },
              page: { listing, after, limit, db in try Catalog.framePage(of: listing.0, stream: listing.1.stream.index, after: after, limit: limit, db) },
              key: { Int64($0.index) })
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
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                let analysis = try exhibits.analysis(number, of: record, db)
                let header = try frameListingHeader(record, analysis, stream: stream, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "pdq",
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
        let location = try openPacketListing(of: reference, analysis: number, actor: actor)
        try withCatalog {
            try catalog.read { db in
                let next = try Catalog.packetCursor(of: location, db)
                while let packet = try next() { try body(packet) }
            }
        }
    }

    /// `forEachPacket`'s packets as an async sequence, read a page at a time as `frameSequence` reads pictures.
    public func packetSequence(of reference: String, analysis: Int? = nil, actor: String) -> StoreStream<PacketEntry> {
        pages(open: { try openPacketListing(of: reference, analysis: analysis, actor: actor) },
              page: { location, after, limit, db in try Catalog.packetPage(of: location, after: after, limit: limit, db) },
              key: { Int64($0.index) })
    }

    /// Every packet of the exhibit in read order. Records an `accessed` event.
    public func packets(of reference: String, analysis: Int? = nil, actor: String) throws -> [PacketEntry] {
        var packets: [PacketEntry] = []
        try forEachPacket(of: reference, analysis: analysis, actor: actor) { packets.append($0) }
        return packets
    }

    /// The exhibit's custody events in order. Records an `accessed` event (which the list includes).
    public func custody(of reference: String, actor: String) throws -> [CustodyEntry] {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "custody")
                return try exhibits.custodyEntries(of: record, db)
            }
        }
    }

}
