import DFCKit
import Foundation
import GRDB
import Testing

/// Someone with full rights over a store's catalog, whichever engine holds it: on SQLite the file
/// itself, its append-only triggers dropped first; on PostgreSQL the server's superuser, with the
/// triggers off for the session (`session_replication_role = replica`). The SQL is what both
/// engines take (`?` arguments are text).
struct Insider {
    let store: EvidenceStore
    /// The PostgreSQL database, or nil for an embedded catalog.
    let database: String?

    init(_ store: EvidenceStore) throws {
        self.store = store
        let descriptor = store.path + "/store.json"
        if let data = FileManager.default.contents(atPath: descriptor),
           let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
           let catalog = object["catalog"] as? String, catalog.hasPrefix("postgresql://") {
            database = String(catalog.split(separator: "/").last ?? "")
        } else {
            database = nil
        }
    }

    /// 32 zero bytes, as each engine writes a blob literal.
    var zeroHash: String { database == nil ? "zeroblob(32)" : "'\\x" + String(repeating: "00", count: 32) + "'::bytea" }

    /// Runs `sql` with the append-only guards out of the way.
    func execute(_ sql: String, _ arguments: [String] = []) throws {
        if let database {
            try TestSupport.Postgres.psql(database, "SET session_replication_role = replica; " + Self.inline(sql, arguments))
        } else {
            let db = try DatabaseQueue(path: store.path + "/catalog.sqlite")
            try db.write { db in
                for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \(trigger)")
                }
                try db.execute(sql: sql, arguments: StatementArguments(arguments))
            }
        }
    }

    /// Tries `sql` as the catalog's owner would, guards in place; true when the engine took it.
    func attempt(_ sql: String) throws -> Bool {
        if let database { return (try? TestSupport.Postgres.psql(database, sql)) != nil }
        let db = try DatabaseQueue(path: store.path + "/catalog.sqlite")
        return (try? db.write { try $0.execute(sql: sql) }) != nil
    }

    /// The first column of each row `sql` answers, as text.
    func strings(_ sql: String) throws -> [String] {
        if let database {
            return try TestSupport.Postgres.psql(database, sql).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init)
        }
        return try DatabaseQueue(path: store.path + "/catalog.sqlite").read { try String.fetchAll($0, sql: sql) }
    }

    /// A copy of the whole store at `path`: its folder, and on PostgreSQL its database too
    /// (pg_dump into a new one, the copy's descriptor pointing there).
    func fork(to path: String) throws -> EvidenceStore {
        #expect(try TestSupport.run("/bin/cp", ["-a", store.path, path]).status == 0)
        if let database {
            let copy = try TestSupport.Postgres.newDatabase()
            let address = try TestSupport.Postgres.address().split(separator: ":")
            let dump = try TestSupport.run("/bin/sh", ["-c", "pg_dump -h \(address[0]) -p \(address[1]) -U postgres \(database) "
                + "| psql -q -h \(address[0]) -p \(address[1]) -U postgres -v ON_ERROR_STOP=1 -d \(copy.name) >/dev/null"])
            try #require(dump.status == 0, "\(dump.stderr)")
            let descriptor = path + "/store.json"
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: descriptor)
            let text = try String(contentsOfFile: descriptor, encoding: .utf8).replacingOccurrences(of: "/" + database + "\"", with: "/" + copy.name + "\"")
            try text.write(toFile: descriptor, atomically: false, encoding: .utf8)
        }
        return try EvidenceStore(path: path)
    }

    private static func inline(_ sql: String, _ arguments: [String]) -> String {
        var out = "", rest = arguments[...]
        for character in sql {
            if character == "?", let value = rest.popFirst() { out += "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
            else { out.append(character) }
        }
        return out
    }
}
