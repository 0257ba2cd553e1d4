@testable import DFCKit
import Foundation
import Testing

/// "No" and "could not look" never share an exit status (the table in the CLI reference): a script
/// can tell "this file is not evidence" (1) from a missing store, an engine out of reach or a role the
/// server does not know (never 1), and under `--json` it reads the error's code.
@Suite struct ExitStatusTests {
    static let custodian = "Insp. A. Khan"

    /// A PostgreSQL store with one exhibit, and the file it registered.
    static func postgresStore() throws -> (store: String, database: (name: String, user: String, admin: String)) {
        let database = try TestSupport.Postgres.newDatabase()
        let store = try EvidenceStore.initialize(path: TestSupport.temporaryDirectory() + "/pg", catalog: database.user,
                                                 catalogAdmin: database.admin).path
        TestSupport.dfcSucceeding(["actor", "add", custodian, "--role", "custodian", "--store", store], actor: nil)
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "EXIT-1", "--store", store], actor: custodian)
        return (store, database)
    }

    /// Points the store's catalog URL elsewhere (store.json's address is not signed: a DBA moves databases).
    static func pointCatalog(of store: String, to url: String) throws {
        let path = store + "/store.json"
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        object["catalog"] = url
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    }

    @Test func noIsOneAndCouldNotLookIsNever() throws {
        let (store, database) = try Self.postgresStore()
        let registered = TestSupport.fixture("mjpeg.avi"), other = TestSupport.fixture("hevc.mkv")
        func verify(_ file: String, _ store: String, json: Bool = false) throws -> TestSupport.Run {
            try TestSupport.dfc(["verify", "--file", file, "--store", store] + (json ? ["--json"] : []), actor: Self.custodian)
        }
        // Yes, and no.
        #expect(try verify(registered, store).status == 0)
        let no = try verify(other, store)
        #expect(no.status == 1 && no.stdout.hasPrefix("NOT REGISTERED"), "\(no.stdout)\(no.stderr)")

        // No store at the path: 66, and under --json one object with its code.
        let missing = try verify(other, TestSupport.temporaryDirectory() + "/nonexistent", json: true)
        #expect(missing.status == 66, "\(missing.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(missing.stderr.utf8)) as? [String: Any], "\(missing.stderr)")
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "store_missing" && error["exit_status"] as? Int == 66
                && (error["context"] as? [String: String])?["path"]?.hasSuffix("/nonexistent") == true, "\(missing.stderr)")

        // A role the server refuses (as a wrong password is refused): the catalog could not be opened.
        let address = try TestSupport.Postgres.address()
        try Self.pointCatalog(of: store, to: "postgresql://nobody@\(address)/\(database.name)")
        let refused = try verify(other, store)
        #expect(refused.status == 69 && refused.stderr.contains("nobody"), "\(refused.status) \(refused.stderr)")

        // A role that must give a password (Scripts/pg-server's dfc_password, scram-sha-256), given none, a wrong
        // one in PGPASSWORD, a wrong one in a PGPASSFILE: 69 naming the role; the right one reaches the server.
        try Self.pointCatalog(of: store, to: "postgresql://dfc_password@\(address)/\(database.name)")
        let none = try TestSupport.dfc(["verify", "--file", other, "--store", store], actor: Self.custodian,
                                       environment: ["PGPASSFILE": "/nonexistent"], unsetting: ["PGPASSWORD"])
        #expect(none.status == 69 && none.stderr.contains("wants a password for dfc_password"), "\(none.status) \(none.stderr)")
        let wrong = try TestSupport.dfc(["verify", "--file", other, "--store", store, "--json"], actor: Self.custodian,
                                        environment: ["PGPASSWORD": "not-the-password"])
        #expect(wrong.status == 69 && wrong.stderr.contains("refused the credentials of dfc_password")
                && wrong.stderr.contains("\"code\":\"catalog\""), "\(wrong.status) \(wrong.stderr)")
        let passfile = TestSupport.temporaryDirectory() + "/pgpass"
        try "127.0.0.1:*:*:dfc_password:also-wrong\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let wrongFile = try TestSupport.dfc(["verify", "--file", other, "--store", store], actor: Self.custodian,
                                            environment: ["PGPASSFILE": passfile], unsetting: ["PGPASSWORD"])
        #expect(wrongFile.status == 69 && wrongFile.stderr.contains("refused the credentials of dfc_password"), "\(wrongFile.stderr)")
        // The right password: the server lets the role in, which has no rights on DFC's tables (77 or 69, never 1).
        let right = try TestSupport.dfc(["verify", "--file", other, "--store", store], actor: Self.custodian,
                                        environment: ["PGPASSWORD": "the-right-password"])
        #expect(right.status != 1 && !right.stderr.contains("credentials"), "\(right.status) \(right.stderr)")

        // A server that is not running (nothing listens on the port): the same, never 1.
        let closed = try Self.closedPort()
        try Self.pointCatalog(of: store, to: "postgresql://dfc@127.0.0.1:\(closed)/\(database.name)")
        let stopped = try verify(other, store)
        #expect(stopped.status == 69, "\(stopped.status) \(stopped.stderr)")
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 69, "\(audit.status) \(audit.stdout)\(audit.stderr)")

        // Back where it was, the store answers again.
        try Self.pointCatalog(of: store, to: database.user)
        #expect(try verify(registered, store).status == 0)

        // Usage and permission.
        #expect(try TestSupport.dfc(["verify", "--store", store], actor: Self.custodian).status == 64)
        let unknownActor = try TestSupport.dfc(["verify", "--file", registered, "--store", store], actor: "Nobody Known")
        #expect(unknownActor.status == 77 && unknownActor.stderr.contains("not a registered actor"), "\(unknownActor.stderr)")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on.
    static func closedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))   // closed again when the socket is (never listened on)
    }
}

/// One meaning per flag: a destination is --output; the old --to still works for one release, with a note;
/// both at once, or neither, is a usage error (64).
@Suite struct RenamedFlagTests {
    @Test func theOldSpellingWorksWithANoteAndBothAtOnceIsAUsageError() throws {
        let work = TestSupport.temporaryDirectory()
        let store = work + "/store"
        TestSupport.dfcSucceeding(["actor", "add", "Insp. A. Khan", "--role", "custodian", "--store", store], actor: nil)
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "FLAG-1", "--store", store], actor: "Insp. A. Khan")
        let old = try TestSupport.dfc(["report", "EX-1", "--to", work + "/old.html", "--store", store], actor: "Insp. A. Khan")
        #expect(old.status == 0 && old.stderr.contains("--to is deprecated here and goes in the next release: use --output"), "\(old.stderr)")
        #expect(FileManager.default.fileExists(atPath: work + "/old.html"))
        let new = try TestSupport.dfc(["report", "EX-1", "--output", work + "/new.html", "--store", store], actor: "Insp. A. Khan")
        #expect(new.status == 0 && !new.stderr.contains("deprecated"), "\(new.stderr)")
        let both = try TestSupport.dfc(["report", "EX-1", "--output", work + "/a.html", "--to", work + "/b.html", "--store", store], actor: "Insp. A. Khan")
        #expect(both.status == 64 && both.stderr.contains("give --output alone"), "\(both.stderr)")
        let neither = try TestSupport.dfc(["report", "EX-1", "--store", store], actor: "Insp. A. Khan")
        #expect(neither.status == 64 && neither.stderr.contains("missing --output"), "\(neither.stderr)")
        let help = try TestSupport.dfc(["report", "--help"], actor: nil)
        #expect(help.stdout.contains("--output") && !help.stdout.contains("--to "), "\(help.stdout)")
    }
}
