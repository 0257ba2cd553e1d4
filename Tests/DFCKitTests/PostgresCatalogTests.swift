import DFCKit
import Foundation
import Testing

/// The catalog and custody log on PostgreSQL (`dfc init --catalog postgresql://…`), against the
/// private server Scripts/test starts (`DFC_TEST_PG`): the same evidence, the same commitments as
/// the embedded catalog, a role that can only read and append, and an insider with the server's
/// superuser rights, triggers off, caught by the audit by name.
@Suite(.serialized) struct PostgresCatalogTests {
    static let credentials = S3VaultTests.credentials

    /// A new store on a new PostgreSQL database (its schema made by the owner, DFC working as `dfc`),
    /// with an S3 vault when `s3` is set.
    static func newStore(s3: Bool = false) throws -> (store: String, database: String) {
        let database = try TestSupport.Postgres.newDatabase()
        let store = TestSupport.temporaryDirectory() + "/store"
        var arguments = ["init", store, "--catalog", database.user, "--catalog-admin", database.admin]
        if s3 { arguments += ["--vault", try S3VaultTests.vaultURL(try S3VaultTests.bucket().name)] }
        let made = try S3VaultTests.dfc(arguments)
        try #require(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("PostgreSQL catalog postgresql://dfc@"), "\(made.stdout)")
        #expect(!FileManager.default.fileExists(atPath: store + "/catalog.sqlite"), "a PostgreSQL store has no catalog file")
        return (store, database.name)
    }

    static func dfc(_ arguments: [String], _ store: String) throws -> TestSupport.Run {
        try S3VaultTests.dfc(arguments + ["--store", store])
    }

    /// Past one machine: catalog in PostgreSQL, vault in an Object Lock bucket; every command works
    /// as on the embedded store and the audit is clean.
    @Test func aStoreOnPostgreSQLAndS3KeepsEvidenceAsTheEmbeddedOneDoes() throws {
        let (store, _) = try Self.newStore(s3: true)
        let work = TestSupport.temporaryDirectory()
        let files = [TestSupport.fixture("cctv_h264.mp4"), TestSupport.fixture("bodycam.mp4"), TestSupport.fixture("still_exif.jpg")]
        let ingest = try Self.dfc(["ingest", "--case", "PG-1", "--source", "Mall Road cam 3"] + files, store)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        #expect(try Self.dfc(["verify", "EX-1", "EX-2", "EX-3"], store).status == 0)
        let identical = try Self.dfc(["verify", "--file", files[1]], store)
        #expect(identical.stdout.hasPrefix("IDENTICAL"), "\(identical.stdout)")
        let frames = try Self.dfc(["frames", "EX-1"], store)
        #expect(frames.status == 0 && frames.stdout.split(separator: "\n").count > 10, "\(frames.stderr)")
        // A framehash line: stream, dts, pts, duration, size, SHA-256.
        let hash = try #require(frames.stdout.split(separator: "\n").first { !$0.hasPrefix("#") }?
            .split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) })
        let lookup = try Self.dfc(["lookup", "--frame-sha256", hash], store)
        #expect(lookup.status == 0 && lookup.stdout.contains("EX-000001"), "\(lookup.stdout)\(lookup.stderr)")
        let bySource = try Self.dfc(["lookup", "--source-contains", "mall road"], store)   // ILIKE on PostgreSQL
        #expect(bySource.stdout.contains("EX-000001") && bySource.stdout.contains("EX-000003"), "\(bySource.stdout)\(bySource.stderr)")
        #expect(try Self.dfc(["amend", "EX-2", "--case", "PG-2", "--reason", "wrong case"], store).status == 0)
        let extract = try Self.dfc(["extract", "EX-1", "--frames", "3", "--output", work + "/frames"], store)
        #expect(extract.status == 0, "\(extract.stderr)")
        let again = try Self.dfc(["reanalyze", "EX-2", "--reason", "same on PostgreSQL"], store)
        #expect(again.status == 0 && again.stdout.contains("identical"), "\(again.stdout)\(again.stderr)")
        let match = try Self.dfc(["match", "--video", files[0]], store)
        #expect(match.status == 0 && match.stdout.contains("EX-000001"), "\(match.stdout)\(match.stderr)")
        let export = try Self.dfc(["export", "EX-1", "--output", work + "/package", "--authorized-by", "Insp. A. Khan", "--reason", "court",
                                   "--recipient", "court"], store)
        try #require(export.status == 0, "\(export.stderr)")
        #expect(try S3VaultTests.dfc(["verify-package", work + "/package"]).status == 0)
        let checkpoint = try Self.dfc(["checkpoint", "--output", work + "/head.txt"], store)
        #expect(checkpoint.status == 0, "\(checkpoint.stderr)")
        #expect(try Self.dfc(["report", "EX-1", "--output", work + "/report.html"], store).status == 0)
        let audit = try Self.dfc(["audit", "--checkpoint", work + "/head.txt"], store)
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)\(audit.stderr)")
    }

    /// The row digests an `ingested` event commits to are computed from values, not from an
    /// engine's storage: the same file gives the same commitments on both engines.
    @Test func anIngestCommitsToTheSameDigestsOnBothEngines() throws {
        let (store, _) = try Self.newStore()
        let embedded = TestSupport.temporaryDirectory() + "/store"
        let file = TestSupport.fixture("cctv_h264.mp4")
        for target in [store, embedded] {
            let ingest = try S3VaultTests.dfc(["ingest", "--case", "SAME", file, "--store", target])
            try #require(ingest.status == 0, "\(ingest.stderr)")
        }
        func commitments(_ target: String) throws -> [String: String] {
            let custody = try S3VaultTests.dfc(["custody", "EX-1", "--json", "--store", target])
            let line = try #require(custody.stdout.split(separator: "\n").first { $0.contains("\"ingested\"") }, "\(custody.stdout)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let details = try #require(object["details"] as? [String: String], "\(line)")
            // The exhibit row's own digest differs by nature (its vault path and time); its sections' do not.
            return details.filter { ($0.key.hasSuffix("_digest") && $0.key != "exhibit_digest") || $0.key == "sha256" }
        }
        let pg = try commitments(store), sqlite = try commitments(embedded)
        #expect(pg.count >= 6, "\(pg)")
        #expect(pg == sqlite)
    }

    /// The role DFC works as may read and append, and nothing else: with no UPDATE, DELETE or
    /// TRUNCATE on any table, it cannot change a row even if it could turn the triggers off.
    /// The triggers refuse the same to the owner.
    @Test func theRoleDFCWorksAsCanOnlyReadAndAppend() throws {
        let (store, database) = try Self.newStore()
        #expect(try Self.dfc(["ingest", "--case", "PG", TestSupport.fixture("cctv_h264.mp4")], store).status == 0)
        let address = try TestSupport.Postgres.address().split(separator: ":")
        func asDFC(_ sql: String) throws -> TestSupport.Run {
            try TestSupport.run("/usr/bin/psql", ["-h", String(address[0]), "-p", String(address[1]), "-U", "dfc", "-d", database,
                                                  "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql])
        }
        for sql in ["UPDATE custody_event SET actor = 'X' WHERE seq = 1", "DELETE FROM frame", "TRUNCATE packet",
                    "UPDATE exhibit SET case_id = 'X'", "SET session_replication_role = replica"] {
            let result = try asDFC(sql)
            #expect(result.status != 0 && result.stderr.contains("permission denied"), "\(sql): \(result.stderr)")
        }
        #expect(try asDFC("SELECT count(*) FROM custody_event").stdout.trimmingCharacters(in: .whitespacesAndNewlines) != "0")
        // The owner is refused by the triggers.
        #expect(throws: (any Error).self) { try TestSupport.Postgres.psql(database, "UPDATE custody_event SET actor = 'X' WHERE seq = 1") }
        #expect(throws: (any Error).self) { try TestSupport.Postgres.psql(database, "TRUNCATE merkle_node") }
        #expect(throws: (any Error).self) { try TestSupport.Postgres.psql(database, "TRUNCATE frame_p3") }
    }

    /// A store made by an older DFC (here: the camera register's migration undone by the owner)
    /// cannot make the new tables as its role; the error says what to run, and
    /// `dfc upgrade-catalog --catalog-admin` makes them, the role still only reading and appending.
    @Test func anOlderStoresCatalogIsUpgradedByItsOwner() throws {
        let (store, database) = try Self.newStore()
        try TestSupport.Postgres.psql(database, "DROP TABLE camera_source; DELETE FROM dfc_migration WHERE name IN ('pg5-camera-sources', 'pg6-camera-file-names')")
        let refused = try Self.dfc(["source", "list"], store)
        #expect(refused.status != 0 && refused.stderr.contains("run dfc upgrade-catalog --catalog-admin"), "\(refused.stderr)")
        let admin = "postgresql://postgres@\(try TestSupport.Postgres.address())/\(database)"
        let upgraded = try Self.dfc(["upgrade-catalog", "--catalog-admin", admin], store)
        #expect(upgraded.status == 0 && upgraded.stdout.contains("catalog up to date"), "\(upgraded.stderr)")
        #expect(try Self.dfc(["actor", "add", "Insp. A. Khan", "--role", "custodian"], store).status == 0)
        let added = try Self.dfc(["source", "add", "CAM-1", "--at", "31.5,74.3", "--zone", "Asia/Karachi"], store)
        #expect(added.status == 0, "\(added.stderr)")
        let address = try TestSupport.Postgres.address().split(separator: ":")
        let update = try TestSupport.run("/usr/bin/psql", ["-h", String(address[0]), "-p", String(address[1]), "-U", "dfc", "-d", database,
                                                           "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", "UPDATE camera_source SET zone = 'UTC'"])
        #expect(update.status != 0 && update.stderr.contains("permission denied"), "\(update.stderr)")
        // A wrong database, and an embedded store: clear errors.
        #expect(try Self.dfc(["upgrade-catalog", "--catalog-admin", admin + "x"], store).status != 0)
        let embedded = try TestSupport.newStorePath()
        let sqlite = try TestSupport.dfc(["upgrade-catalog", "--catalog-admin", admin, "--store", embedded], actor: nil)
        #expect(sqlite.status != 0 && sqlite.stderr.contains("embedded SQLite"), "\(sqlite.stderr)")
        #expect(try Self.dfc(["audit"], store).status == 0)
    }

    /// A superuser who turns the triggers off for a session edits and deletes rows the log
    /// commits to; the audit names each, as on SQLite.
    @Test(arguments: [
        ("UPDATE custody_event SET payload = replace(payload, 'PG', 'XX') WHERE seq = 2", "event 2"),
        ("DELETE FROM custody_event WHERE seq = (SELECT max(seq) FROM custody_event)", "merkle_node"),
        ("UPDATE exhibit SET case_id = 'OTHER' WHERE id = 1", "EX-000001"),
        ("DELETE FROM frame WHERE exhibit_id = 1 AND idx = 5", "EX-000001"),
        ("UPDATE frame SET sha256 = sha256(sha256) WHERE exhibit_id = 1 AND idx = 7", "EX-000001"),
        ("DELETE FROM amendment", "amend"),
        ("UPDATE analysis SET reason = 'other' WHERE id = 1", "analysis"),
        ("INSERT INTO actor VALUES ('Mallory', 'custodian', repeat('ab', 32), 1, '2026-01-01T00:00:00Z')", "Mallory"),
        ("UPDATE merkle_node SET hash = sha256(hash) WHERE level = 1 AND idx = 0", "merkle"),
        // The check of the indexes against their tables taken away is named too.
        ("DROP EXTENSION amcheck", "amcheck is not installed"),
    ])
    func anInsiderWithTheTriggersOffIsCaughtByName(_ edit: String, _ named: String) throws {
        let (store, database) = try Self.newStore()
        #expect(try Self.dfc(["ingest", "--case", "PG", TestSupport.fixture("cctv_h264.mp4"), TestSupport.fixture("bodycam.mp4")], store).status == 0)
        #expect(try Self.dfc(["amend", "EX-2", "--source", "cam 9", "--reason", "typo"], store).status == 0)
        #expect(try Self.dfc(["reanalyze", "EX-2", "--reason", "check"], store).status == 0)
        let clean = try Self.dfc(["audit"], store)
        try #require(clean.status == 0, "\(clean.stdout)")
        try TestSupport.Postgres.psql(database, "SET session_replication_role = replica; " + edit)
        let audit = try Self.dfc(["audit"], store)
        #expect(audit.status != 0, "\(edit): \(audit.stdout)")
        let problems = audit.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEM") }
        #expect(problems.contains { $0.localizedCaseInsensitiveContains(named) }, "\(edit): \(audit.stdout)")
    }

    /// `dfc migrate-store --catalog` moves a real embedded store into PostgreSQL, its vault into an S3
    /// bucket: the copy's audit (every event, signature, row and original) is clean, a checkpoint of
    /// the old store verifies against the new, and a database that already holds a log is refused.
    @Test func anEmbeddedStoreMovesIntoPostgreSQLAndS3() throws {
        let work = TestSupport.temporaryDirectory()
        let old = try S3VaultTests.storeToMigrate(in: work), new = work + "/new"
        func dfc(_ arguments: [String], _ actor: String = "Insp. A. Khan") throws -> TestSupport.Run { try S3VaultTests.dfc(arguments, as: actor) }

        let database = try TestSupport.Postgres.newDatabase()
        let moved = try dfc(["migrate-store", "--store", old, "--output", new, "--catalog", database.user, "--catalog-admin", database.admin,
                             "--vault", try S3VaultTests.vaultURL(try S3VaultTests.bucket().name), "--json"])
        try #require(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("\"exhibits\":3") && moved.stdout.contains("PostgreSQL catalog"), "\(moved.stdout)")
        #expect(!FileManager.default.fileExists(atPath: new + "/catalog.sqlite") && !FileManager.default.fileExists(atPath: new + "/vault"))
        let audit = try dfc(["audit", "--store", new, "--checkpoint", work + "/before.txt"])
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)")
        #expect(try dfc(["verify", "EX-1", "EX-2", "EX-3", "--store", new]).status == 0)
        // New rows are numbered past those copied.
        let more = try dfc(["ingest", "--case", "MIG", TestSupport.fixture("bodycam.mp4"), "--store", new], "A. Analyst")
        #expect(more.status == 0 && more.stdout.hasPrefix("EX-000004"), "\(more.stdout)\(more.stderr)")
        #expect(try dfc(["audit", "--store", new]).status == 0)

        // A database that already holds a log is refused, and nothing is left at --to.
        let again = try dfc(["migrate-store", "--store", old, "--output", work + "/new2", "--catalog", database.user])
        #expect(again.status != 0 && again.stderr.contains("already holds a custody log"), "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/new2"))
        // The catalog alone: the vault folder is copied, each original checked by the copy's audit.
        let alone = try TestSupport.Postgres.newDatabase()
        let folder = try dfc(["migrate-store", "--store", old, "--output", work + "/new3", "--catalog", alone.user, "--catalog-admin", alone.admin])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(FileManager.default.fileExists(atPath: work + "/new3/vault"))
    }

    /// A wrong URL, a server that is down, a database that does not exist, a password in the URL:
    /// a clear error naming the engine and the reason, and no store made.
    @Test func engineErrorsAreNamedAndNothingIsMade() throws {
        let address = try TestSupport.Postgres.address()
        let cases: [(String, String)] = [
            ("postgresql://dfc@127.0.0.1:1/dfc", "cannot be reached"),
            ("postgresql://dfc@\(address)/no_such_database", "no_such_database"),
            ("postgresql://dfc:secret@\(address)/postgres", "password"),
            ("mysql://dfc@\(address)/postgres", "not a PostgreSQL URL"),
            ("postgresql://\(address)/postgres", "names no user"),
        ]
        for (url, reason) in cases {
            let store = TestSupport.temporaryDirectory() + "/store"
            let made = try S3VaultTests.dfc(["init", store, "--catalog", url])
            #expect(made.status != 0 && made.stderr.contains(reason), "\(url): \(made.stderr)")
            #expect(!FileManager.default.fileExists(atPath: store + "/store.json"), "\(url): a store was made")
        }
        // A role that may not create tables cannot make a schema, and says so.
        let database = try TestSupport.Postgres.newDatabase()
        let store = TestSupport.temporaryDirectory() + "/store"
        let made = try S3VaultTests.dfc(["init", store, "--catalog", database.user])
        #expect(made.status != 0 && made.stderr.contains("may not"), "\(made.stderr)")
    }
}

/// PostgreSQL restarted in the middle of a batch, on a cluster of the test's own: the batch
/// waits for the server and goes on, or stops cleanly and is resumed; either way every file
/// is recorded exactly once and the audit is clean.
@Suite struct PostgresRestartTests {
    @Test func aBatchOutlivesARestartOfTheServer() throws {
        let cluster = TestSupport.temporaryDirectory() + "/pg"
        let environment = ["DFC_PG_DIR": cluster]
        let started = try TestSupport.run(TestSupport.script("pg-server"), ["start"], environment: environment)
        try #require(started.status == 0, "\(started.stderr)")
        defer { _ = try? TestSupport.run(TestSupport.script("pg-server"), ["stop"], environment: environment) }
        let address = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = address.split(separator: ":")
        func psql(_ sql: String, database: String = "postgres") throws -> String {
            let result = try TestSupport.run("/usr/bin/psql", ["-h", String(parts[0]), "-p", String(parts[1]), "-U", "postgres", "-d", database,
                                                               "-qAtX", "-c", sql])
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try psql("CREATE DATABASE restart")
        let store = TestSupport.temporaryDirectory() + "/store"
        let made = try S3VaultTests.dfc(["init", store, "--catalog", "postgresql://dfc@\(address)/restart",
                                         "--catalog-admin", "postgresql://postgres@\(address)/restart"])
        try #require(made.status == 0, "\(made.stderr)")
        let archive = TestSupport.temporaryDirectory()
        let names = ["cctv_h264.mp4", "bodycam.mp4", "hevc.mkv", "mjpeg.avi", "mpeg2.ts", "vfr.mp4", "gap_5s.mp4", "h264_422.mp4",
                     "odd_size.mkv", "nv12.avi"]
        for name in names { try FileManager.default.copyItem(atPath: TestSupport.fixture(name), toPath: archive + "/" + name) }

        let batch = Process()
        batch.executableURL = URL(fileURLWithPath: TestSupport.dfcBinary)
        batch.arguments = ["batch", archive, "--case", "RESTART", "--store", store, "--actor", TestSupport.custodian]
        batch.standardOutput = FileHandle.nullDevice
        // Its errors go to a file: a pipe's other end would be held open by the server the restart
        // starts, which inherits what this process has open.
        let errorsPath = TestSupport.temporaryDirectory() + "/stderr"
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        batch.standardError = errors
        try batch.run()
        try errors.close()
        // Restart once two files are in.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, (Int(try psql("SELECT count(*) FROM batch_file", database: "restart")) ?? 0) < 2, batch.isRunning {
            usleep(100_000)
        }
        let restarted = try TestSupport.run(TestSupport.script("pg-server"), ["restart"], environment: environment)
        #expect(restarted.status == 0, "\(restarted.stderr)")
        batch.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        if batch.terminationStatus != 0 {
            // It stopped cleanly, naming the catalog; running it again resumes it.
            #expect(stderr.contains("PostgreSQL catalog"), "\(stderr)")
            let resumed = try S3VaultTests.dfc(["batch", archive, "--case", "RESTART", "--store", store, "--actor", TestSupport.custodian])
            #expect(resumed.status == 0, "\(resumed.stderr)")
        }
        #expect(try psql("SELECT count(*) FROM batch_file", database: "restart") == String(names.count))
        #expect(try psql("SELECT count(*) FROM exhibit", database: "restart") == String(names.count))
        let audit = try S3VaultTests.dfc(["audit", "--store", store, "--actor", TestSupport.custodian])
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)\(audit.stderr)")
        print("restart test: the batch \(batch.terminationStatus == 0 ? "waited and went on" : "stopped and was resumed"): \(stderr)")
    }
}
