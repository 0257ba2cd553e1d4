import Foundation
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
        let signer = try ledger.signer(for: actor)
        let (location, header) = try withCatalog {
            try catalog.write { db -> (AnalysisLocation, FrameListingHeader) in
                let record = try exhibits.resolve(reference, db)
                let analysis = try exhibits.analysis(number, of: record, db)
                let header = try frameListingHeader(record, analysis, stream: stream, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "frames",
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

    /// `forEachFrame`'s pictures as an async sequence, read from the catalog on a thread of the
    /// library's own a few hundred ahead of the consumer (flat memory however long the footage).
    /// The `accessed` event is recorded at the first `next()`, which throws if it cannot be.
    public func frameSequence(of reference: String, stream: Int? = nil, analysis: Int? = nil, actor: String) -> StoreStream<FrameEntry> {
        StoreStream { yield in
            _ = try forEachFrame(of: reference, stream: stream, analysis: analysis, actor: actor) { _, frame in try yield(frame) }
        }
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
        let signer = try ledger.signer(for: actor)
        let location = try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                let analysis = try exhibits.analysis(number, of: record, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "packets", extra: ["analysis": String(analysis.info.number)])
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

    /// `forEachPacket`'s packets as an async sequence, as `frameSequence` lists pictures.
    public func packetSequence(of reference: String, analysis: Int? = nil, actor: String) -> StoreStream<PacketEntry> {
        StoreStream { yield in
            try forEachPacket(of: reference, analysis: analysis, actor: actor) { try yield($0) }
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
