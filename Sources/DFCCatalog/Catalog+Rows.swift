internal import Crypto
import Foundation
import DFCCore
import DFCLedger

extension Catalog {
    /// Adds one packet row of an analysis to `rows` (the bulk path).
    package static func insert(_ row: PacketRow, into analysis: AnalysisLocation, _ rows: RowInserter) throws {
        try rows.add(analysis.packets, columns: [analysis.keyColumn, "idx", "stream", "pts", "dts", "duration", "size", "key", "pos", "sha256"], [
            analysis.key, row.index, row.stream, row.pts, row.dts, row.duration, row.size, row.keyFrame, row.position, row.sha256,
        ])
    }

    /// Adds one frame row of an analysis to `rows`, and its PDQ hash's row when it has one.
    package static func insert(_ row: FrameRow, into analysis: AnalysisLocation, _ rows: RowInserter) throws {
        try rows.add(analysis.frames, columns: [analysis.keyColumn, "stream", "idx", "pts", "pts_seconds", "key", "pict_type", "size", "sha256"], [
            analysis.key, row.stream, row.index, row.pts, row.ptsSeconds, row.keyFrame, row.pictureType, row.size,
            row.sha256.isEmpty ? nil : row.sha256,
        ])
        if let pdq = row.pdq {
            try rows.add(analysis.pdq, columns: [analysis.keyColumn, "stream", "idx", "quality", "hash"], [
                analysis.key, row.stream, row.index, pdq.quality, Data(pdq.bytes),
            ])
        }
    }

    /// Adds one stream row of an analysis to `rows`, its parameters as canonical JSON.
    package static func insert(_ stream: StreamInfo, framehashTimeBase: String?, into analysis: AnalysisLocation, _ rows: RowInserter) throws {
        try rows.add(analysis.streams, columns: [analysis.keyColumn, "idx", "type", "codec", "frame_count", "framehash_tb", "info_json"], [
            analysis.key, stream.index, stream.type, stream.codec, stream.frameCount, framehashTimeBase, try CanonicalJSON.string(stream),
        ])
    }

    /// Adds one finding of an analysis to `rows` (a time that is not a finite number is left out).
    package static func insert(_ finding: Finding, into analysis: AnalysisLocation, _ rows: RowInserter) throws {
        try rows.add(analysis.findings, columns: [analysis.keyColumn, "kind", "severity", "message", "stream", "packet", "frame", "seconds"], [
            analysis.key, finding.kind.rawValue, finding.severity.rawValue, finding.message,
            finding.stream, finding.packet, finding.frame, finding.seconds.flatMap { $0.isFinite ? $0 : nil },
        ])
    }

    /// An analysis's streams in index order, each with the time base FFmpeg's framehash gives it.
    package static func streams(of analysis: AnalysisLocation, _ db: CatalogDB) throws -> [(info: StreamInfo, framehashTimeBase: String?)] {
        let decoder = JSONDecoder()
        return try SQLRow.fetchAll(db, sql: """
            SELECT info_json, framehash_tb FROM \(analysis.streams) WHERE \(analysis.keyColumn) = ? ORDER BY idx
            """, arguments: [analysis.key]).map { row in
            (try decoder.decode(StreamInfo.self, from: Data((try row.at(0) as String).utf8)), try row.at(1))
        }
    }

    /// An analysis's findings in the order they were made; only those of `kind` when given.
    package static func findings(of analysis: AnalysisLocation, kind: Finding.Kind? = nil, _ db: CatalogDB) throws -> [Finding] {
        var sql = "SELECT kind, severity, message, stream, packet, frame, seconds FROM \(analysis.findings) WHERE \(analysis.keyColumn) = ?"
        var arguments: SQLArguments = [analysis.key]
        if let kind {
            sql += " AND kind = ?"
            arguments += [kind.rawValue]
        }
        return try SQLRow.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map { row in
            Finding(kind: Finding.Kind(rawValue: try row.at(0)) ?? .moreFindings, severity: Finding.Severity(rawValue: try row.at(1)) ?? .info,
                    message: try row.at(2), stream: try row.at(3), packet: try row.at(4), frame: try row.at(5), seconds: try row.at(6))
        }
    }

    /// SHA-256 over the packet hashes in read order, and over the frame hashes by (stream, index):
    /// what an `ingested` event committed to before `RowDigest` (stores made by DFC 0.2).
    package static func legacyHashDigests(exhibit: Int64, _ db: CatalogDB) throws -> (packets: String, frames: String) {
        func digest(_ sql: String) throws -> String {
            var hasher = SHA256()
            let rows = try SQLRow.fetchCursor(db, sql: sql, arguments: [exhibit])
            while let row = try rows.next() {
                let bytes: Data = try row.at(0) ?? Data(count: 32)
                hasher.update(data: bytes)
            }
            return Hex.string(hasher.finalize())
        }
        return (
            try digest("SELECT sha256 FROM packet WHERE exhibit_id = ? ORDER BY idx"),
            try digest("SELECT sha256 FROM frame WHERE exhibit_id = ? ORDER BY stream, idx"))
    }

    /// An analysis's PDQ hashes of one stream, in frame order, each with its picture's time.
    package static func pdqHashes(of analysis: AnalysisLocation, stream: Int, _ db: CatalogDB) throws -> [(frame: Int, hash: PDQHash, seconds: Double?)] {
        try SQLRow.fetchAll(db, sql: """
            SELECT q.idx, q.quality, q.hash, f.pts_seconds FROM \(analysis.pdq) q
            LEFT JOIN \(analysis.frames) f ON f.\(analysis.keyColumn) = q.\(analysis.keyColumn) AND f.stream = q.stream AND f.idx = q.idx
            WHERE q.\(analysis.keyColumn) = ? AND q.stream = ? ORDER BY q.idx
            """, arguments: [analysis.key, stream]).compactMap { row in
            let bytes: Data = try row.at(2)
            let (frame, seconds): (Int, Double?) = (try row.at(0), try row.at(3))
            return PDQHash(bytes: Array(bytes), quality: try row.at(1)).map { (frame, $0, seconds) }
        }
    }

    /// An analysis's pictures one at a time (memory stays flat for long footage): those of
    /// one stream in decoded order, or, when `stream` is nil, all of them by (stream, index).
    /// The cursor is valid while `db` is.
    package static func frameCursor(of analysis: AnalysisLocation, stream: Int? = nil, _ db: CatalogDB) throws -> () throws -> FrameEntry? {
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT stream, idx, pts, pts_seconds, key, pict_type, size, sha256 FROM \(analysis.frames)
            WHERE \(analysis.keyColumn) = ?\(stream == nil ? "" : " AND stream = ?") ORDER BY stream, idx
            """, arguments: SQLArguments([analysis.key] + (stream.map { [Int64($0)] } ?? [])))
        return {
            guard let row = try rows.next() else { return nil }
            let hash: Data? = try row.at(7)
            return FrameEntry(
                stream: try row.at(0), index: try row.at(1), pts: try row.at(2), ptsSeconds: try row.at(3), keyFrame: try row.at(4),
                pictureType: try row.at(5), size: try row.at(6), sha256: hash.map { Hex.string($0) } ?? "")
        }
    }

    /// Up to `limit` of one stream's pictures after index `after` (from the first when nil), in decoded
    /// order: a page of a listing read a page at a time, each in a short read of its own. An analysis's
    /// rows are written once, in one transaction, so the pages of a listing are those of one snapshot.
    package static func framePage(of analysis: AnalysisLocation, stream: Int, after: Int64?, limit: Int, _ db: CatalogDB) throws -> [FrameEntry] {
        try SQLRow.fetchAll(db, sql: """
            SELECT stream, idx, pts, pts_seconds, key, pict_type, size, sha256 FROM \(analysis.frames)
            WHERE \(analysis.keyColumn) = ? AND stream = ? AND idx > ? ORDER BY idx LIMIT ?
            """, arguments: [analysis.key, Int64(stream), after ?? -1, Int64(limit)]).map { row in
            let hash: Data? = try row.at(7)
            return FrameEntry(
                stream: try row.at(0), index: try row.at(1), pts: try row.at(2), ptsSeconds: try row.at(3), keyFrame: try row.at(4),
                pictureType: try row.at(5), size: try row.at(6), sha256: hash.map { Hex.string($0) } ?? "")
        }
    }

    /// Up to `limit` of an analysis's packets after index `after` (from the first when nil), in read order.
    package static func packetPage(of analysis: AnalysisLocation, after: Int64?, limit: Int, _ db: CatalogDB) throws -> [PacketEntry] {
        try SQLRow.fetchAll(db, sql: """
            SELECT idx, stream, pts, dts, duration, size, key, pos, sha256 FROM \(analysis.packets)
            WHERE \(analysis.keyColumn) = ? AND idx > ? ORDER BY idx LIMIT ?
            """, arguments: [analysis.key, after ?? -1, Int64(limit)]).map { row in
            let hash: Data = try row.at(8)
            return PacketEntry(
                index: try row.at(0), stream: try row.at(1), pts: try row.at(2), dts: try row.at(3), duration: try row.at(4),
                size: try row.at(5), keyFrame: try row.at(6), position: try row.at(7), sha256: Hex.string(hash))
        }
    }

    /// An analysis's packets one at a time, in read order. The cursor is valid while `db` is.
    package static func packetCursor(of analysis: AnalysisLocation, _ db: CatalogDB) throws -> () throws -> PacketEntry? {
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT idx, stream, pts, dts, duration, size, key, pos, sha256 FROM \(analysis.packets)
            WHERE \(analysis.keyColumn) = ? ORDER BY idx
            """, arguments: [analysis.key])
        return {
            guard let row = try rows.next() else { return nil }
            let hash: Data = try row.at(8)
            return PacketEntry(
                index: try row.at(0), stream: try row.at(1), pts: try row.at(2), dts: try row.at(3), duration: try row.at(4),
                size: try row.at(5), keyFrame: try row.at(6), position: try row.at(7), sha256: Hex.string(hash))
        }
    }
}
