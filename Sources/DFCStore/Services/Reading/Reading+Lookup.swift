import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Reading {
    /// Looks evidence up, only exhibits whose camera signatures say `signatures` when it is given.
    /// Every hit is recorded as an `accessed` event on its exhibit.
    public func lookup(_ query: LookupQuery, signatures: SignatureFilter? = nil, actor: String) throws -> [LookupHit] {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                var found = try find(query, db).map { (record: $0.0, frame: $0.frame, derived: DerivedEvidence?.none) }
                if let signatures { found = try found.filter { try Self.admits($0.record, signatures, db) } }
                if case .sha256(let hex) = query {
                    // An extracted PNG answers too, as derived evidence of its parent exhibit.
                    let rows = try Catalog.derivedFrames(pngSHA256Prefix: hex.lowercased(), db)
                    for (row, derived) in zip(rows, try exhibits.derivedEvidence(rows, db)) {
                        if let parent = try ExhibitRecord.fetchOne(db, key: row.exhibitID) { found.append((parent, nil, derived)) }
                    }
                }
                try ledger.recordAccess(db, Self.unique(found.map(\.record)), signer: signer, command: "lookup",
                                        extra: ["query": Self.describe(query) + (signatures.map { ";signatures=\($0.rawValue)" } ?? "")])
                return try found.map { record, frame, derived in
                    let now = try exhibits.current(record, db)
                    return LookupHit(exhibit: record.exhibitID, caseID: now.caseID, source: now.source, sha256: record.sha256,
                                     originalName: record.originalName, size: record.size,
                                     stream: frame?.stream ?? derived?.picture.stream, frame: frame?.index ?? derived?.picture.frame,
                                     ptsSeconds: frame?.seconds ?? derived?.picture.ptsSeconds, derived: derived)
                }
            }
        }
    }

    package func find(_ query: LookupQuery, _ db: CatalogDB) throws -> [(ExhibitRecord, frame: (stream: Int, index: Int, seconds: Double?)?)] {
        switch query {
        case .sha256(let hex):
            let prefix = hex.lowercased()
            guard prefix.count >= 12, prefix.count <= 64, Hex.isHex(prefix) else {
                throw DFCError.invalidArgument("\(hex): a SHA-256 is 64 hex digits (or a prefix of at least 12)")
            }
            return try Catalog.exhibits(sha256Prefix: prefix, db).map { ($0, nil) }
        case .frameSHA256(let hex):
            guard hex.count == 64, let bytes = Hex.bytes(hex) else {
                throw DFCError.invalidArgument("\(hex): a frame SHA-256 is 64 hex digits")
            }
            var exhibits: [Int64: ExhibitRecord] = [:]
            // A frame row whose exhibit row is gone (removed by hand: the audit names it) answers nothing.
            return try Catalog.frames(withSHA256: Data(bytes), db).compactMap { frame in
                if exhibits[frame.exhibit] == nil { exhibits[frame.exhibit] = try ExhibitRecord.fetchOne(db, key: frame.exhibit) }
                return exhibits[frame.exhibit].map { ($0, (frame.stream, frame.index, frame.seconds)) }
            }
        case .caseID(let caseID):
            return try Catalog.exhibits(inCase: caseID, db).map { ($0, nil) }
        case .source(let name):
            guard !name.isEmpty else { throw DFCError.invalidArgument("--source needs the source's name") }
            return try Catalog.exhibits(source: name, db).map { ($0, nil) }
        case .sourceContains(let text):
            guard !text.isEmpty else { throw DFCError.invalidArgument("--source-contains needs some text to look for") }
            return try Catalog.exhibits(sourceLike: Self.containsPattern(text), db).map { ($0, nil) }
        }
    }

    /// Whether an exhibit's streams, as analysed at ingest, pass `filter`.
    package static func admits(_ record: ExhibitRecord, _ filter: SignatureFilter, _ db: CatalogDB) throws -> Bool {
        guard let id = record.id else { return false }
        return filter.admits(try Catalog.streams(of: .ingest(exhibit: id), db).map(\.info))
    }

    /// A LIKE pattern that matches `text` anywhere, its `%`, `_` and `\\` taken as themselves.
    package static func containsPattern(_ text: String) -> String {
        "%" + text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    package static func unique(_ records: [ExhibitRecord]) -> [ExhibitRecord] {
        var seen = Set<Int64>()
        return records.filter { seen.insert($0.id ?? 0).inserted }
    }

    package static func describe(_ query: LookupQuery) -> String {
        switch query {
        case .sha256(let value): "sha256=\(value)"
        case .frameSHA256(let value): "frame-sha256=\(value)"
        case .caseID(let value): "case=\(value)"
        case .source(let value): "source=\(value)"
        case .sourceContains(let value): "source-contains=\(value)"
        }
    }
}
