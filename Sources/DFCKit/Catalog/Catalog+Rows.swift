internal import Crypto
import Foundation
internal import GRDB

extension Catalog {
    /// Inserts one packet row with a cached prepared statement (the bulk path of an ingest).
    static func insert(_ row: PacketRow, exhibit: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO packet (exhibit_id, idx, stream, pts, dts, duration, size, key, pos, sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        statement.setUncheckedArguments([
            exhibit, row.index, row.stream, row.pts, row.dts, row.duration, row.size, row.keyFrame, row.position, row.sha256,
        ])
        try statement.execute()
    }

    /// Inserts one frame row with a cached prepared statement.
    static func insert(_ row: FrameRow, exhibit: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO frame (exhibit_id, stream, idx, pts, pts_seconds, key, pict_type, size, sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        statement.setUncheckedArguments([
            exhibit, row.stream, row.index, row.pts, row.ptsSeconds, row.keyFrame, row.pictureType, row.size,
            row.sha256.isEmpty ? nil : row.sha256,
        ])
        try statement.execute()
    }

    /// SHA-256 over the packet hashes in read order, and over the frame hashes by (stream, index):
    /// what an `ingested` event committed to before `RowDigest` (stores made by DFC 0.2).
    static func legacyHashDigests(exhibit: Int64, _ db: Database) throws -> (packets: String, frames: String) {
        func digest(_ sql: String) throws -> String {
            var hasher = SHA256()
            let rows = try Row.fetchCursor(db, sql: sql, arguments: [exhibit])
            while let row = try rows.next() {
                let bytes: Data = row[0] ?? Data(count: 32)
                hasher.update(data: bytes)
            }
            return Hex.string(hasher.finalize())
        }
        return (
            try digest("SELECT sha256 FROM packet WHERE exhibit_id = ? ORDER BY idx"),
            try digest("SELECT sha256 FROM frame WHERE exhibit_id = ? ORDER BY stream, idx"))
    }

    /// Each frame of one stream, in order, as a cursor (memory stays flat for long footage).
    static func forEachFrame(exhibit: Int64, stream: Int, _ db: Database, _ body: (FrameEntry) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT idx, pts, pts_seconds, key, pict_type, size, sha256 FROM frame
            WHERE exhibit_id = ? AND stream = ? ORDER BY idx
            """, arguments: [exhibit, stream])
        while let row = try rows.next() {
            let hash: Data? = row[6]
            try body(FrameEntry(
                stream: stream, index: row[0], pts: row[1], ptsSeconds: row[2], keyFrame: row[3],
                pictureType: row[4], size: row[5], sha256: hash.map { Hex.string($0) } ?? ""))
        }
    }

    /// Each packet, in read order, as a cursor.
    static func forEachPacket(exhibit: Int64, _ db: Database, _ body: (PacketEntry) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT idx, stream, pts, dts, duration, size, key, pos, sha256 FROM packet
            WHERE exhibit_id = ? ORDER BY idx
            """, arguments: [exhibit])
        while let row = try rows.next() {
            let hash: Data = row[8]
            try body(PacketEntry(
                index: row[0], stream: row[1], pts: row[2], dts: row[3], duration: row[4], size: row[5],
                keyFrame: row[6], position: row[7], sha256: Hex.string(hash)))
        }
    }
}
