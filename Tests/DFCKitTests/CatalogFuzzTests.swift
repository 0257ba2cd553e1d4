@testable import DFCKit
import Foundation
import GRDB
import Testing

/// Whatever an insider writes into the catalog — NULLs where DFC never writes one, wrong types,
/// huge numbers and strings, duplicated and deleted rows, references to nothing — the audit
/// reports it and exits 1, and every other command fails with a clear error or answers: no
/// command traps. Random edits of random rows and columns of a real store, with the triggers
/// dropped and the `NOT NULL` constraints taken off (as `PRAGMA writable_schema` lets anyone), then
/// put back exactly as they were, so that the schema is the migrations' and only the rows are not.
@Suite struct CatalogFuzzTests {
    static let custodian = TamperingTests.custodian
    static let analyst = TamperingTests.analyst

    /// The values an edit writes: every SQLite type, the extremes, and the lookalikes of real ones.
    static let values: [DatabaseValue] = [
        .null, 0.databaseValue, (-1).databaseValue, Int64.max.databaseValue, Int64.min.databaseValue, (Int64.max - 1).databaseValue,
        1e308.databaseValue, (-0.5).databaseValue, Double.nan.databaseValue, "".databaseValue, "x".databaseValue,
        "EX-000001".databaseValue, "12".databaseValue, "-9223372036854775808".databaseValue, "{\"a\":".databaseValue,
        "[1,2".databaseValue, String(repeating: "é", count: 70_000).databaseValue, Data([0x00, 0xFF, 0xFE]).databaseValue,
        Data(repeating: 0x41, count: 32).databaseValue, "Jose\u{301}".databaseValue, "analyst".databaseValue,
        "2026-13-45T99:99:99.999Z".databaseValue, "dfc-rows-9".databaseValue, "../../../../etc/passwd".databaseValue,
    ]

    /// Drops every trigger, and rewrites every table's declaration without `NOT NULL`, so that
    /// NULL can be written anywhere.
    static func loosen(_ db: Database) throws {
        for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
            try db.execute(sql: "DROP TRIGGER \"\(trigger)\"")
        }
        try db.execute(sql: "PRAGMA writable_schema = ON")
        try db.execute(sql: "UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE type = 'table'")
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")   // so that this connection reads the new schema too
        try db.execute(sql: "PRAGMA writable_schema = OFF")
    }

    /// The schema as `loosen` found it (`original`: each table's and trigger's name and SQL), put back.
    static func tighten(_ db: Database, _ original: [Row]) throws {
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for row in original where row["type"] as String == "table" {
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", arguments: [row["sql"] as String, row["name"] as String])
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        for row in original where row["type"] as String == "trigger" { try db.execute(sql: row["sql"] as String) }
    }

    /// One random edit: a column of a row set to one of `values` (or to another row's value), a
    /// row deleted, or a row copied with a new key. Refused edits (a UNIQUE key) are skipped.
    static func edit(_ db: Database, _ random: inout LeftoverTests.SplitMix) throws {
        // The time and place indexes are R*Tree virtual tables over shadow tables of SQLite's own format: not
        // rows an edit can pick one by one (TimeLookupTests deletes and moves their entries, which the audit names).
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
            AND name NOT LIKE 'exhibit_span_index%' AND name NOT LIKE 'place_index%'
            """)
        guard let table = tables.randomElement(using: &random) else { return }
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").map { ($0["name"] as String, $0["pk"] as Int) }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
        guard count > 0, let column = columns.randomElement(using: &random)?.0 else { return }
        let key = columns.filter { $0.1 > 0 }.map { "\"\($0.0)\"" }
        let keyList = key.isEmpty ? "rowid" : key.joined(separator: ", ")
        let offset = Int.random(in: 0..<count, using: &random)
        let target = "(\(keyList)) IN (SELECT \(keyList) FROM \"\(table)\" LIMIT 1 OFFSET \(offset))"
        do {
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                try db.execute(sql: "DELETE FROM \"\(table)\" WHERE \(target)")
            case 1:
                let other = Int.random(in: 0..<count, using: &random)
                try db.execute(sql: """
                    UPDATE "\(table)" SET "\(column)" = (SELECT "\(column)" FROM "\(table)" LIMIT 1 OFFSET \(other)) WHERE \(target)
                    """)
            case 2 where key.isEmpty || key.count == 1:
                // A copy of the row under a new key: duplicated content, as a second exhibit or actor would be.
                let names = columns.map(\.0)
                let keyColumn = key.first?.trimmingCharacters(in: ["\""])
                let values = names.map { name in
                    name == keyColumn ? "(SELECT coalesce(max(\"\(name)\"), 0) + 1000 FROM \"\(table)\")" : "\"\(name)\""
                }
                try db.execute(sql: """
                    INSERT INTO "\(table)" (\(names.map { "\"\($0)\"" }.joined(separator: ", ")))
                    SELECT \(values.joined(separator: ", ")) FROM "\(table)" WHERE \(target)
                    """)
            default:
                let value = values.randomElement(using: &random) ?? .null
                try db.execute(sql: "UPDATE \"\(table)\" SET \"\(column)\" = ? WHERE \(target)", arguments: [value])
            }
        } catch let error as DatabaseError where [.SQLITE_CONSTRAINT, .SQLITE_MISMATCH, .SQLITE_TOOBIG].contains(error.resultCode) {
            // Refused by a UNIQUE key or a rowid's type: the insider tries something else.
        }
    }

    /// What a store's users run; none may trap, whatever the catalog holds.
    static let commands: [([String], String)] = [
        (["audit"], custodian), (["show", "EX-1"], analyst), (["show", "EX-3", "--json"], analyst), (["custody", "EX-2"], analyst),
        (["custody", "EX-4", "--json"], analyst), (["lookup", "--case", "LHR-7"], analyst), (["lookup", "--source", "Camera"], analyst), (["lookup", "--source-contains", "Camera"], analyst),
        (["verify", "EX-1", "EX-2"], analyst), (["frames", "EX-2"], analyst), (["packets", "EX-1"], analyst), (["pdq", "EX-3"], analyst),
        (["actor", "list"], analyst),
    ]

    @Test(arguments: Array(UInt64(1)...8))
    func randomEditsOfACatalogCrashNoCommand(seed: UInt64) throws {
        let dir = TestSupport.temporaryDirectory() + "/copy"
        try #require(try TestSupport.run("/bin/cp", ["-a", TamperingTests.base, dir]).status == 0)
        let store = dir + "/store"
        let frameHash = try #require(try DatabaseQueue(path: store + "/catalog.sqlite").read {
            try Data.fetchOne($0, sql: "SELECT sha256 FROM frame LIMIT 1")
        }).map { String(format: "%02x", $0) }.joined()
        let fileHash = try FileDigest.compute(path: TestSupport.fixture("mjpeg.avi")).sha256
        let extra: [([String], String)] = [
            (["lookup", "--frame-sha256", frameHash], Self.analyst), (["lookup", "--sha256", fileHash], Self.analyst),
            (["verify", "--file", TestSupport.fixture("hevc.mkv")], Self.analyst),
        ]
        var random = LeftoverTests.SplitMix(state: seed)
        let db = try DatabaseQueue(path: store + "/catalog.sqlite")
        let original = try db.read { try Row.fetchAll($0, sql: "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') AND sql IS NOT NULL") }
        var edits = 0, caught = 0, audits: [String] = []
        for round in 0..<8 {
            try db.writeWithoutTransaction { db in
                try Self.loosen(db)
                for _ in 0..<32 { try Self.edit(db, &random) }
                try Self.tighten(db, original)
            }
            edits += 32
            for (arguments, actor) in Self.commands + extra {
                let run = try TestSupport.dfc(arguments + ["--store", store], actor: actor)
                #expect([0, 1, 64, 65, 66, 69, 70, 73, 74, 75, 77, 78].contains(run.status) && !run.stderr.contains("Fatal error"),
                        "seed \(seed), round \(round), dfc \(arguments.joined(separator: " ")): exit \(run.status): \(run.stderr.split(separator: "\n").filter { $0.contains("Fatal") || $0.contains("Crash") || $0.contains(" at /work/") }.prefix(6).joined(separator: " | "))")
                if arguments == ["audit"] {
                    audits.append("\(run.status): \(run.stderr.prefix(200))")
                    // Caught: the audit fails (1), or refuses to run because the edits reached the auditor's own
                    // actor row (77: not registered, or a key that no longer matches its registration).
                    if run.status == 1 || run.status == 77 { caught += 1 }
                }
            }
        }
        #expect(edits == 256 && caught >= 7, "the audit fails after the edits (\(caught) of 8 rounds): \(audits)")
    }
}
