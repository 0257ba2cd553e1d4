import Foundation
import DFCCore
import DFCLedger

/// A picture a PDQ index entry stands for.
package struct IndexedPicture: Sendable {
    package let exhibit: Int64
    package let stream: Int
    package let frame: Int
    package let seconds: Double?

    package init(exhibit: Int64, stream: Int, frame: Int, seconds: Double? = nil) {
        self.exhibit = exhibit
        self.stream = stream
        self.frame = frame
        self.seconds = seconds
    }
}

extension Catalog {
    /// Every stored PDQ hash of at least `minQuality`, of every analysis of every exhibit, a
    /// picture that several analyses hashed alike listed once; with the pictures they stand for.
    package static func pdqHashes(minQuality: Int, _ db: CatalogDB) throws -> (hashes: [PDQHash], pictures: [IndexedPicture]) {
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT q.exhibit_id, q.stream, q.idx, q.quality, q.hash,
                   (SELECT f.pts_seconds FROM frame f WHERE f.exhibit_id = q.exhibit_id AND f.stream = q.stream AND f.idx = q.idx)
            FROM pdq q WHERE q.quality >= ?1
            UNION
            SELECT a.exhibit_id, q.stream, q.idx, q.quality, q.hash,
                   (SELECT f.pts_seconds FROM analysis_frame f WHERE f.analysis_id = q.analysis_id AND f.stream = q.stream AND f.idx = q.idx)
            FROM analysis_pdq q JOIN analysis a ON a.id = q.analysis_id WHERE q.quality >= ?1
            ORDER BY 1, 2, 3
            """, arguments: [minQuality])
        var hashes: [PDQHash] = []
        var pictures: [IndexedPicture] = []
        while let row = try rows.next() {
            let bytes: Data = try row.at(4)
            guard let hash = PDQHash(bytes: Array(bytes), quality: try row.at(3)) else { continue }
            hashes.append(hash)
            pictures.append(IndexedPicture(exhibit: try row.at(0), stream: try row.at(1), frame: try row.at(2), seconds: try row.at(5)))
        }
        return (hashes, pictures)
    }
}
