@testable import DFCKit
import Foundation
import Testing

/// The catalog's schema is evidence: an insider who plants a trigger, a view, an index, a policy
/// or a rule (or changes one of DFC's) makes DFC write and answer nothing, and the audit names the
/// object. On PostgreSQL (the second pass of Scripts/test) the insider is the superuser.
@Suite struct CatalogSchemaTests {
    static let custodian = "Insp. S. Varga"
    static let analyst = "D. Mensah"

    /// A store with one exhibit (a recording with a 5-second gap, so a `timeline_gap` finding).
    static func store() throws -> String {
        let store = try TestSupport.newStorePath()
        func dfc(_ arguments: [String], _ actor: String?) { TestSupport.dfcSucceeding(arguments + ["--store", store], actor: actor) }
        dfc(["actor", "add", custodian, "--role", "custodian"], nil)
        dfc(["actor", "add", analyst, "--role", "analyst"], custodian)
        dfc(["ingest", TestSupport.fixture("gap_5s.mp4"), "--case", "SCH-1"], analyst)
        return store
    }

    /// What an insider plants, on either engine, and the name the refusal and the audit give it.
    enum Plant: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case triggerDroppingFindings, triggerMovingPlaces, viewOverExhibits, indexOnFrames, changedGuard
        var testDescription: String { rawValue }

        func sql(postgres: Bool) -> String {
            switch (self, postgres) {
            case (.triggerDroppingFindings, false):
                "CREATE TRIGGER zz BEFORE INSERT ON finding WHEN NEW.kind = 'timeline_gap' BEGIN SELECT RAISE(IGNORE); END"
            case (.triggerDroppingFindings, true):
                "CREATE FUNCTION zz_drop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.kind = 'timeline_gap' THEN RETURN NULL; END IF; RETURN NEW; END $$; "
                    + "CREATE TRIGGER zz BEFORE INSERT ON finding FOR EACH ROW EXECUTE FUNCTION zz_drop()"
            case (.triggerMovingPlaces, false):
                "CREATE TRIGGER zz AFTER INSERT ON exhibit_span BEGIN UPDATE exhibit_span SET start_ms = start_ms + 3600000 WHERE exhibit_id = NEW.exhibit_id; END"
            case (.triggerMovingPlaces, true):
                "CREATE FUNCTION zz_move() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.latitude := NEW.latitude + 1; RETURN NEW; END $$; "
                    + "CREATE TRIGGER zz BEFORE INSERT ON place FOR EACH ROW EXECUTE FUNCTION zz_move()"
            case (.viewOverExhibits, _):
                "CREATE VIEW zz AS SELECT * FROM exhibit WHERE case_id <> 'SCH-1'"
            case (.indexOnFrames, _):
                "CREATE INDEX zz ON frame(pts)"
            case (.changedGuard, false):
                "DROP TRIGGER custody_event_no_delete; CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event WHEN 0 "
                    + "BEGIN SELECT RAISE(ABORT, 'no'); END"
            case (.changedGuard, true):
                "ALTER TABLE finding DISABLE TRIGGER finding_append_only"
            }
        }

        /// The words the refusal and the audit name the object by.
        var named: String {
            switch self {
            case .triggerDroppingFindings: "trigger zz on finding was added"
            case .triggerMovingPlaces: "trigger zz on"
            case .viewOverExhibits: "view zz was added"
            case .indexOnFrames: "index "   // on PostgreSQL, each partition's first
            case .changedGuard: "was changed"
            }
        }
    }

    @Test(arguments: Plant.allCases)
    func aPlantedObjectStopsEveryWriteAndReadAndTheAuditNamesIt(_ plant: Plant) throws {
        let store = try Self.store()
        let insider = try Insider(path: store)
        let plain = try insider.count("SELECT count(*) FROM custody_event")
        if let database = insider.database {
            try TestSupport.Postgres.psql(database, plant.sql(postgres: true))
        } else {
            // As the sqlite3 shell would (Python's sqlite3 module: no DFC code involved).
            let planted = try TestSupport.run("/usr/bin/env", ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                                                               store + "/catalog.sqlite", plant.sql(postgres: false)])
            try #require(planted.status == 0, "\(planted.stderr)")
        }
        // An ingest records nothing (no exhibit, no event), saying which object and why.
        let ingest = try TestSupport.dfc(["ingest", TestSupport.fixture("gap_5s.mp4"), TestSupport.fixture("mjpeg.avi"), "--case", "SCH-2",
                                          "--store", store], actor: Self.analyst)
        #expect(ingest.status != 0)
        #expect(ingest.stderr.contains(plant.named), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("changed outside DFC"))
        #expect(try insider.count("SELECT count(*) FROM custody_event") == plain)
        #expect(try insider.count("SELECT count(*) FROM exhibit") == 1)
        // A lookup does not answer from it: "could not look", never "not registered".
        let verify = try TestSupport.dfc(["verify", "--file", TestSupport.fixture("gap_5s.mp4"), "--store", store], actor: Self.analyst)
        #expect(verify.status != 0, "\(verify.stdout)\(verify.stderr)")
        #expect(!verify.stdout.contains("NOT REGISTERED") && verify.stderr.contains(plant.named))
        // The audit names it, and says it could not record itself.
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("catalog schema: ") && audit.stdout.contains(plant.named), "\(audit.stdout)\(audit.stderr)")
        #expect(try insider.count("SELECT count(*) FROM custody_event") == plain)
    }

    @Test func anUntouchedCatalogHasTheSchemaItsMigrationsMake() throws {
        let store = try Self.store()
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(!audit.stdout.contains("catalog schema"))
    }

    /// PostgreSQL only: a row-security policy that hides an exhibit from DFC's role, and settings an
    /// insider gives the role (read-only transactions, no sequential scans): the policy stops DFC
    /// from answering; the settings do not stop it (its session sets what it relies on), and the
    /// audit names each.
    @Test func aPolicyHidesNothingAndRoleSettingsAreOverriddenAndNamed() throws {
        guard ProcessInfo.processInfo.environment["DFC_TEST_CATALOG"] == "postgresql" else { return }
        let store = try Self.store()
        let database = try #require(try Insider(path: store).database)
        try TestSupport.Postgres.psql(database, "ALTER ROLE dfc IN DATABASE \(database) SET default_transaction_read_only = on; "
            + "ALTER DATABASE \(database) SET enable_seqscan = off")
        let ingest = try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "SCH-2", "--store", store], actor: Self.analyst)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        var audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("role dfc in database \(database): default_transaction_read_only=on"), "\(audit.stdout)")
        #expect(audit.stdout.contains("every role in database \(database): enable_seqscan=off"))
        try TestSupport.Postgres.psql(database, "ALTER ROLE dfc IN DATABASE \(database) RESET ALL; ALTER DATABASE \(database) RESET ALL; "
            + "ALTER TABLE exhibit ENABLE ROW LEVEL SECURITY; CREATE POLICY zz ON exhibit FOR SELECT USING (current_query() NOT LIKE '%sha256%')")
        let verify = try TestSupport.dfc(["verify", "--file", TestSupport.fixture("gap_5s.mp4"), "--store", store], actor: Self.analyst)
        #expect(verify.status != 0, "\(verify.stdout)\(verify.stderr)")
        #expect(!verify.stdout.contains("NOT REGISTERED"))
        #expect(verify.stderr.contains("policy zz on exhibit was added"))
        audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("policy zz on exhibit was added"))
        #expect(audit.stdout.contains("table exhibit was changed"))   // its row-security flag
    }

    /// PostgreSQL only: a trigger planted after DFC's schema check, while an ingest is under way
    /// (the insider holds the table, waits until the ingest queues behind him, then creates the
    /// trigger and lets it go), changes rows as DFC writes them: a stream's codec, a frame's picture
    /// type. The rows read back before commit are not those DFC produced: the ingest is rolled
    /// back naming the table, and signs nothing about rows it did not mean.
    @Test(arguments: [("stream", "NEW.codec := 'h264'"), ("frame", "NEW.pict_type := 'B'")])
    func aTriggerPlantedDuringAnIngestMakesItRollBackNotSign(_ table: String, _ change: String) throws {
        guard ProcessInfo.processInfo.environment["DFC_TEST_CATALOG"] == "postgresql" else { return }
        let store = try Self.store()
        let database = try #require(try Insider(path: store).database)
        let parts = try TestSupport.Postgres.address().split(separator: ":")
        let planter = Process()
        planter.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        planter.arguments = ["-h", String(parts[0]), "-p", String(parts[1]), "-U", "postgres", "-d", database, "-qAtX", "-v", "ON_ERROR_STOP=1",
                             "-c", """
            BEGIN;
            LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE;
            DO $$ BEGIN
                FOR i IN 1..600 LOOP
                    EXIT WHEN EXISTS (SELECT 1 FROM pg_locks WHERE relation = '\(table)'::regclass AND NOT granted);
                    PERFORM pg_sleep(0.05);
                END LOOP;
            END $$;
            CREATE FUNCTION zz_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(change); RETURN NEW; END $$;
            CREATE TRIGGER zz BEFORE INSERT ON \(table) FOR EACH ROW EXECUTE FUNCTION zz_change();
            COMMIT;
            """]
        try planter.run()
        // The insider holds the table before the ingest starts.
        let deadline = Date().addingTimeInterval(30)
        while try TestSupport.Postgres.psql(database, "SELECT count(*) FROM pg_locks WHERE relation = '\(table)'::regclass AND granted "
                                            + "AND mode = 'ShareRowExclusiveLock'") == "0\n" && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let ingest = try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "SCH-3", "--store", store], actor: Self.analyst)
        planter.waitUntilExit()
        #expect(planter.terminationStatus == 0)
        #expect(ingest.status != 0, "\(ingest.stdout)\(ingest.stderr)")
        #expect(ingest.stderr.contains("the rows of \(table) read back before the commit are not the ones DFC wrote"), "\(ingest.stderr)")
        #expect(try TestSupport.Postgres.psql(database, "SELECT count(*) FROM exhibit WHERE case_id = 'SCH-3'") == "0\n")
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 1 && audit.stdout.contains("trigger zz on \(table) was added"), "\(audit.stdout)")
    }

    /// The schema DFC knows for PostgreSQL is the one its migrations make on this server: the
    /// catalog of a new store, made as `dfc init --catalog-admin` makes it. With DFC_WRITE_KNOWN_SCHEMA=1
    /// (Scripts/known-schema) it writes the known schema's source file instead.
    @Test func theKnownPostgreSQLSchemaIsTheOneTheMigrationsMake() throws {
        guard ProcessInfo.processInfo.environment["DFC_TEST_PG"] != nil else { return }
        let database = try TestSupport.Postgres.newDatabase()
        try PostgresCatalog.prepare(admin: try PostgresURL(database.admin, source: "test"), for: "dfc")   // as dfc init does
        let catalog = try PostgresCatalog(url: try PostgresURL(database.user, source: "test"))
        let schema = try catalog.inspect { try PostgresCatalog.schema($0) }
        if ProcessInfo.processInfo.environment["DFC_WRITE_KNOWN_SCHEMA"] == "1" {
            let lines = schema.text.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n")
            let source = """
                import DFCCore
                import DFCLedger

                extension PostgresCatalog {
                    /// The schema DFC's PostgreSQL migrations make, one object a line with the first 64 bits of
                    /// its definition's SHA-256 (`CatalogSchema`). Written by `Scripts/known-schema`; never by hand.
                    package static let knownSchema = \"\"\"
                \(lines)
                        \"\"\"
                }

                """
            try source.write(toFile: TestSupport.packageRoot.appendingPathComponent("Sources/DFCCatalog/Engine/PostgresCatalog+KnownSchema.swift").path,
                             atomically: true, encoding: .utf8)
            return
        }
        #expect(schema.changes(from: PostgresCatalog.expectedSchema) == [],
                "the migrations make another schema than the one DFC knows: run Scripts/known-schema and review the change")
    }
}
