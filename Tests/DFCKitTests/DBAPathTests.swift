@testable import DFCKit
import Foundation
import Testing

/// The deployment the store article documents, as a DBA does it: a database owned by a role that is not a
/// superuser, DFC's own role, and amcheck, which only a superuser can install and grant. `dfc init` says
/// exactly what the administrator must run and makes nothing until it has run; the SQL it prints works; and a
/// store made without an owner says that the audit cannot check indexes until then.
@Suite struct DBAPathTests {
    static let custodian = "Insp. A. Khan"

    @Test func anOwnerThatIsNotASuperuserIsToldTheSQLAndNothingIsHalfMade() throws {
        let suffix = UUID().uuidString.lowercased().prefix(8)
        let owner = "owner_\(suffix)", database = "evidence_\(suffix)"
        _ = try TestSupport.Postgres.psql("postgres", "CREATE ROLE \(owner) LOGIN")
        _ = try TestSupport.Postgres.psql("postgres", "CREATE DATABASE \(database) OWNER \(owner)")
        let address = try TestSupport.Postgres.address()
        let work = TestSupport.temporaryDirectory()
        func initialize(_ store: String) throws -> TestSupport.Run {
            try TestSupport.dfc(["init", store, "--catalog", "postgresql://dfc@\(address)/\(database)",
                                 "--catalog-admin", "postgresql://\(owner)@\(address)/\(database)"], actor: nil)
        }

        let refused = try initialize(work + "/store")
        #expect(refused.status == 78 && refused.stderr.contains("amcheck is not installed") && refused.stderr.contains("nothing was made"),
                "\(refused.status) \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/store"))
        #expect(try TestSupport.Postgres.psql(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the refusal made tables")

        // The administrator runs exactly what was printed, as a superuser.
        let printed = refused.stderr.components(separatedBy: "\n").drop { !$0.hasPrefix("-- as a superuser") }.prefix { !$0.hasPrefix("then run") }
        let sql = printed.filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        #expect(sql.contains("CREATE EXTENSION IF NOT EXISTS amcheck;") && sql.contains("TO \"dfc\""), "\(refused.stderr)")
        _ = try TestSupport.Postgres.psql(database, sql)

        let made = try initialize(work + "/store")
        #expect(made.status == 0 && !made.stderr.contains("cannot check"), "\(made.stderr)")
        let store = work + "/store"
        TestSupport.dfcSucceeding(["actor", "add", Self.custodian, "--role", "custodian", "--store", store], actor: nil)
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "DBA-1", "--store", store], actor: Self.custodian)
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)\(audit.stderr)")
    }

    @Test func aStoreMadeWithoutTheOwnerSaysWhatTheAuditCannotCheckYet() throws {
        let database = "evidence_\(UUID().uuidString.lowercased().prefix(8))"
        _ = try TestSupport.Postgres.psql("postgres", "CREATE DATABASE \(database) OWNER dfc")
        let store = TestSupport.temporaryDirectory() + "/store"
        let made = try TestSupport.dfc(["init", store, "--catalog", "postgresql://dfc@\(try TestSupport.Postgres.address())/\(database)"], actor: nil)
        #expect(made.status == 0 && made.stderr.contains("dfc audit cannot check the catalog's indexes")
                && made.stderr.contains("GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO \"dfc\";"), "\(made.stderr)")
        TestSupport.dfcSucceeding(["actor", "add", Self.custodian, "--role", "custodian", "--store", store], actor: nil)
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 1 && audit.stdout.contains("amcheck is not installed in the database; the database's administrator runs, once:"),
                "\(audit.stdout)\(audit.stderr)")
    }
}
