import Foundation
import DFCCore
import DFCLedger

/// The queries the store's services ask (actors, derived pictures, counts), so that SQL stays
/// in the catalog layer.
extension Catalog {
    /// How many actors are registered.
    package static func actorCount(_ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actor") ?? 0
    }

    /// The name of every registered actor, as the catalog keeps it.
    package static func actorNames(_ db: CatalogDB) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM actor")
    }

    /// How many custody events the catalog holds.
    package static func eventCount(_ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM custody_event") ?? 0
    }

    /// How many exhibits the catalog holds.
    package static func exhibitCount(_ db: CatalogDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM exhibit") ?? 0
    }

    /// The `export_authorized` events, newest first, as (seq, payload) rows.
    package static func exportAuthorizations(_ db: CatalogDB) throws -> any SQLCursor {
        try SQLRow.fetchCursor(db, sql: "SELECT seq, payload FROM custody_event WHERE action = 'export_authorized' ORDER BY seq DESC")
    }

    /// Where each extracted picture is kept (`derived/…`).
    package static func derivedFramePaths(_ db: CatalogDB) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT stored_path FROM derived_frame"))
    }

    /// Every extracted picture's file once, with the SHA-256 and exhibit its row records, by path.
    package static func derivedFrameFiles(_ db: CatalogDB) throws -> [SQLRow] {
        try SQLRow.fetchAll(db, sql: "SELECT DISTINCT stored_path, png_sha256, exhibit_id FROM derived_frame ORDER BY stored_path")
    }
}
