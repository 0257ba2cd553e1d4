internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// The digests an `ingested` (or `reanalysed`) custody event commits to: one SHA-256 per
/// section of an exhibit's (or a later analysis's) catalog rows, over the values exactly as
/// SQLite stores them, so that anyone with the catalog and `sqlite3` (or Python's `sqlite3`
/// module) can recompute them.
///
/// Each section is one fixed query; its digest is the SHA-256 of every row it returns, in
/// order, each row its columns in order, each value:
/// - NULL: the byte 0x00;
/// - INTEGER: 0x01, then the value as 8 bytes, big-endian two's complement;
/// - REAL: 0x02, then the IEEE-754 double as 8 bytes, big-endian;
/// - TEXT: 0x03, then the UTF-8 length as 8 bytes big-endian, then the UTF-8 bytes;
/// - BLOB: 0x04, then the length as 8 bytes big-endian, then the bytes.
/// A section with no rows hashes no bytes.
///
/// Layouts: `dfc-rows-1` has the exhibit (or analysis) row, streams, packets, frames and
/// findings; `dfc-rows-2`, written since PDQ hashes are kept, adds `pdq`; `dfc-rows-3`, written
/// since time and place layers are kept, adds (at ingest) `time_layers`, `places` and `span`.
/// An event is checked by the layout it names.
package enum RowDigest {
    /// The layout new events are written in.
    package static let layout = "dfc-rows-3"
    /// Every layout an event may name.
    package static let layouts = ["dfc-rows-1", "dfc-rows-2", "dfc-rows-3"]

    /// The sections of an analysis in `layout` (nil for a layout DFC does not know), in the
    /// order they are named in the event (`NAME_digest`), each with the query whose single
    /// `?` is the exhibit's id (at ingest) or the `analysis` row's id (later).
    package static func sections(for analysis: AnalysisLocation, layout: String = layout) -> [(name: String, table: String, sql: String)]? {
        let key = analysis.keyColumn
        let head: (name: String, table: String, sql: String) = analysis.isIngest
            ? ("exhibit", "exhibit", """
                SELECT id, case_id, source, sha256, sha512, size, original_name, original_path, vault_path, format,
                container_json, libraries, packet_count, frame_count, packets_digest, frames_digest, ingested_at, ingested_by
                FROM exhibit WHERE id = ?
                """)
            : ("analysis", "analysis", """
                SELECT id, exhibit_id, format, container_json, libraries, packet_count, frame_count, analysed_at, analysed_by, reason
                FROM analysis WHERE id = ?
                """)
        let rows: [(name: String, table: String, sql: String)] = [
            head,
            ("streams", analysis.streams, "SELECT idx, type, codec, frame_count, framehash_tb, info_json FROM \(analysis.streams) WHERE \(key) = ? ORDER BY idx"),
            ("packets", analysis.packets, "SELECT idx, stream, pts, dts, duration, size, key, pos, sha256 FROM \(analysis.packets) WHERE \(key) = ? ORDER BY idx"),
            ("frames", analysis.frames, """
                SELECT stream, idx, pts, pts_seconds, key, pict_type, size, sha256 FROM \(analysis.frames) WHERE \(key) = ?
                ORDER BY stream, idx
                """),
            ("findings", analysis.findings, "SELECT kind, severity, message, stream, packet, frame, seconds FROM \(analysis.findings) WHERE \(key) = ? ORDER BY id"),
        ]
        let pdq = ("pdq", analysis.pdq, "SELECT stream, idx, quality, hash FROM \(analysis.pdq) WHERE \(key) = ? ORDER BY stream, idx")
        switch layout {
        case "dfc-rows-1":
            return rows
        case "dfc-rows-2":
            return rows + [pdq]
        case "dfc-rows-3":
            guard analysis.isIngest else { return rows + [pdq] }
            return rows + [pdq,
                ("time_layers", "time_layer", "SELECT idx, kind, tag, value, utc_ms, local_time, zone FROM time_layer WHERE exhibit_id = ? ORDER BY idx"),
                ("places", "place", "SELECT idx, tag, value, latitude, longitude, altitude FROM place WHERE exhibit_id = ? ORDER BY idx"),
                ("span", "exhibit_span", "SELECT exhibit_id, start_ms, end_ms, layer FROM exhibit_span WHERE exhibit_id = ?"),
            ]
        default:
            return nil
        }
    }

    /// `NAME_digest` → hex SHA-256, for every section of one analysis in `layout` (at
    /// ingest, the exhibit row's too); empty for a layout DFC does not know. With `produced`,
    /// every section but the head row must read back as the rows DFC wrote, or it throws
    /// `StoredRowsDiffer` naming the table (the head row is compared by its record).
    package static func compute(_ analysis: AnalysisLocation, layout: String = layout, expecting produced: ProducedRows? = nil,
                        _ db: CatalogDB) throws -> [String: String] {
        let expected = produced?.finished()
        var result: [String: String] = [:]
        for (index, section) in (sections(for: analysis, layout: layout) ?? []).enumerated() {
            let checked = expected != nil && index > 0
            let perStream = checked && ProducedRows.perStream.contains(section.table)
            var hasher = SHA256()
            var streams: [Int64?: SHA256] = [:]
            var count = 0
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 16)
            let rows = try SQLRow.fetchCursor(db, sql: section.sql, arguments: [analysis.key])
            while let row = try rows.next() {
                let start = bytes.count
                for value in row.values { append(value, to: &bytes) }
                count += 1
                if perStream { streams[row.values.first.flatMap(Int64.from), default: SHA256()].update(data: bytes[start...]) }
                if bytes.count >= 1 << 16 {
                    hasher.update(data: bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            hasher.update(data: bytes)
            let digest = Hex.string(hasher.finalize())
            result[section.name + "_digest"] = digest
            if checked {
                let stored = perStream ? streams.mapValues { Hex.string($0.finalize()) } : count == 0 ? [:] : [nil: digest]
                guard stored == expected?[section.table] ?? [:] else { throw StoredRowsDiffer(table: section.table) }
            }
        }
        return result
    }

    /// One value in the digest's encoding: a tag byte, then a big-endian word, then any bytes.
    package static func append(_ value: SQLValue, to bytes: inout [UInt8]) {
        func put(_ tag: UInt8, _ word: UInt64) {
            bytes.append(tag)
            withUnsafeBytes(of: word.bigEndian) { bytes.append(contentsOf: $0) }
        }
        switch value {
        case .null:
            bytes.append(0)
        case .integer(let integer):
            put(1, UInt64(bitPattern: integer))
        case .real(let real):
            put(2, real.bitPattern)
        case .text(let text):
            put(3, UInt64(text.utf8.count))
            bytes += text.utf8
        case .blob(let data):
            put(4, UInt64(data.count))
            bytes += data
        }
    }
}
