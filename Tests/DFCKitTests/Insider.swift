import DFCKit
import Foundation
import GRDB
import Testing

/// Someone with full rights over a store's catalog, whichever engine holds it: on SQLite the file
/// itself, its append-only triggers dropped and its foreign keys off first; on PostgreSQL the
/// server's superuser, with the triggers (foreign keys among them) off for the session
/// (`session_replication_role = replica`). The SQL is what both engines take (`?` arguments are text).
struct Insider {
    /// The store's folder.
    let path: String
    /// The PostgreSQL database, or nil for an embedded catalog.
    let database: String?

    init(_ store: EvidenceStore) throws { try self.init(path: store.path) }

    init(path: String) throws {
        self.path = path
        if let data = FileManager.default.contents(atPath: path + "/store.json"),
           let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
           let catalog = object["catalog"] as? String, catalog.hasPrefix("postgresql://") {
            database = String(catalog.split(separator: "/").last ?? "")
        } else {
            database = nil
        }
    }

    /// 32 zero bytes, as each engine writes a blob literal.
    var zeroHash: String { database == nil ? "zeroblob(32)" : "'\\x" + String(repeating: "00", count: 32) + "'::bytea" }

    /// `(idx + 1) << level` in SQL both engines take.
    static let lastLeafOfNode = "((idx + 1) << CAST(level AS INTEGER))"

    /// Runs `sql` with the append-only guards out of the way; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [String] = []) throws -> Int {
        if let database {
            // Without -q psql ends with the command's tag: UPDATE 1, DELETE 3, INSERT 0 1.
            let output = try TestSupport.Postgres.psql(database, "SET session_replication_role = replica; " + Self.inline(sql, arguments), quiet: false)
            return Int(output.split(whereSeparator: \.isWhitespace).last ?? "") ?? 0
        }
        let db = try DatabaseQueue(path: path + "/catalog.sqlite")
        return try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")   // as in the sqlite3 shell an insider would use
            // A careful insider puts the guards back afterwards, exactly as they were, so that the
            // schema is the one DFC's migrations make and only the rows tell.
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
            for trigger in triggers {
                try db.execute(sql: "DROP TRIGGER \(trigger[0] as String)")
            }
            try db.execute(sql: sql, arguments: StatementArguments(arguments))
            let changed = db.changesCount
            for trigger in triggers { try db.execute(sql: trigger[1] as String) }
            return changed
        }
    }

    /// Tries `sql` as the catalog's owner would, guards in place; true when the engine took it.
    func attempt(_ sql: String) throws -> Bool {
        if let database { return (try? TestSupport.Postgres.psql(database, sql)) != nil }
        let db = try DatabaseQueue(path: path + "/catalog.sqlite")
        return (try? db.write { try $0.execute(sql: sql) }) != nil
    }

    /// The first column of each row `sql` answers, as text.
    func strings(_ sql: String) throws -> [String] {
        if let database {
            return try TestSupport.Postgres.psql(database, sql, zeroSeparated: true).split(separator: "\0", omittingEmptySubsequences: false)
                .map(String.init).filter { $0 != "\n" && !$0.isEmpty }
        }
        return try DatabaseQueue(path: path + "/catalog.sqlite").read { try String.fetchAll($0, sql: sql) }
    }

    /// The number a `SELECT count(*)` answers (-1 when it answers none).
    func count(_ sql: String) throws -> Int {
        Int(try strings(sql).first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? -1
    }

    /// A copy of the whole store at `copy`, opened.
    func fork(to copy: String) throws -> EvidenceStore {
        try forkFolder(to: copy)
        return try EvidenceStore(path: copy)
    }

    /// A copy of the whole store at `copy`: its folder, and on PostgreSQL its database too
    /// (pg_dump into a new one, the copy's descriptor pointing there).
    func forkFolder(to copy: String) throws {
        try #require(try TestSupport.run("/bin/cp", ["-a", path, copy]).status == 0)
        guard let database else { return }
        let target = try TestSupport.Postgres.newDatabase()
        let address = try TestSupport.Postgres.address().split(separator: ":")
        let dump = try TestSupport.run("/bin/sh", ["-c", "pg_dump -h \(address[0]) -p \(address[1]) -U postgres \(database) "
            + "| psql -q -h \(address[0]) -p \(address[1]) -U postgres -v ON_ERROR_STOP=1 -d \(target.name) >/dev/null"])
        try #require(dump.status == 0, "\(dump.stderr)")
        let descriptor = copy + "/store.json"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: descriptor)
        let text = try String(contentsOfFile: descriptor, encoding: .utf8)
            .replacingOccurrences(of: "/" + database + "\"", with: "/" + target.name + "\"")
        try text.write(toFile: descriptor, atomically: false, encoding: .utf8)
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
