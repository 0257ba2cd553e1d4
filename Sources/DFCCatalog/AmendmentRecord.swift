import DFCCore
import DFCLedger

/// A row of `amendment`: a new case or source for an exhibit, made by the `amended`
/// custody event whose number it carries. Never updated or deleted (SQLite triggers refuse it).
package struct AmendmentRecord: Codable, Sendable, CatalogRecord {
    package static let table = "amendment"
    package static let key = "seq"

    package var seq: Int64
    package var exhibitID: Int64
    package var caseID: String?
    package var source: String?
    package var reason: String

    package enum CodingKeys: String, CodingKey {
        case seq, source, reason
        case exhibitID = "exhibit_id", caseID = "case_id"
    }

    package init(seq: Int64, exhibitID: Int64, caseID: String? = nil, source: String? = nil, reason: String) {
        self.seq = seq
        self.exhibitID = exhibitID
        self.caseID = caseID
        self.source = source
        self.reason = reason
    }
}

extension Catalog {
    /// An exhibit's amendments, oldest first.
    package static func amendments(exhibit: Int64, _ db: CatalogDB) throws -> [AmendmentRecord] {
        // Each row the index names is read again by its number (see Catalog+Confirmed).
        try Int64.fetchAll(db, sql: "SELECT seq FROM amendment WHERE exhibit_id = ? ORDER BY seq", arguments: [exhibit])
            .compactMap { try AmendmentRecord.fetchOne(db, key: $0) }.filter { $0.exhibitID == exhibit }
    }

    /// The exhibits whose current case (the latest amendment's, else the one ingested with) is `caseID`.
    package static func exhibits(inCase caseID: String, _ db: CatalogDB) throws -> [ExhibitRecord] {
        try ExhibitRecord.fetchAll(db, sql: """
            SELECT * FROM exhibit e
            WHERE coalesce((SELECT a.case_id FROM amendment a WHERE a.exhibit_id = e.id AND a.case_id IS NOT NULL
                            ORDER BY a.seq DESC LIMIT 1), e.case_id) = ?
            ORDER BY e.id
            """, arguments: [caseID])
    }

    /// The exhibits whose current source is exactly `source` and that are not on the timeline
    /// (neither a span of their own nor a placement).
    package static func unplacedExhibits(source: String, _ db: CatalogDB) throws -> [ExhibitRecord] {
        try ExhibitRecord.fetchAll(db, sql: """
            SELECT * FROM exhibit e
            WHERE coalesce((SELECT a.source FROM amendment a WHERE a.exhibit_id = e.id AND a.source IS NOT NULL
                            ORDER BY a.seq DESC LIMIT 1), e.source) = ?
              AND NOT EXISTS (SELECT 1 FROM exhibit_span s WHERE s.exhibit_id = e.id)
              AND NOT EXISTS (SELECT 1 FROM exhibit_placement p WHERE p.exhibit_id = e.id)
            ORDER BY e.id
            """, arguments: [source])
    }

    /// The exhibits whose current source is exactly `source`.
    package static func exhibits(source: String, _ db: CatalogDB) throws -> [ExhibitRecord] {
        try ExhibitRecord.fetchAll(db, sql: """
            SELECT * FROM exhibit e
            WHERE coalesce((SELECT a.source FROM amendment a WHERE a.exhibit_id = e.id AND a.source IS NOT NULL
                            ORDER BY a.seq DESC LIMIT 1), e.source) = ?
            ORDER BY e.id
            """, arguments: [source])
    }

    /// The exhibits whose current source contains `text` (a LIKE pattern, `\` escaping; ASCII letters
    /// match either case, as SQLite's LIKE has them: ILIKE on PostgreSQL).
    package static func exhibits(sourceLike pattern: String, _ db: CatalogDB) throws -> [ExhibitRecord] {
        try ExhibitRecord.fetchAll(db, sql: """
            SELECT * FROM exhibit e
            WHERE coalesce((SELECT a.source FROM amendment a WHERE a.exhibit_id = e.id AND a.source IS NOT NULL
                            ORDER BY a.seq DESC LIMIT 1), e.source) \(db.engine == .postgresql ? "ILIKE" : "LIKE") ? ESCAPE '\\'
            ORDER BY e.id
            """, arguments: [pattern])
    }
}
