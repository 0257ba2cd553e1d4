@testable import DFCKit
import Foundation
import Testing

/// The catalog over TLS, against a real PostgreSQL 15 with `ssl = on` and a pg_hba.conf that accepts TLS
/// connections only, with a CA and server certificates made here with openssl: libpq's `sslmode` words in
/// the catalog URL, the certificate checked against `sslrootcert`, and every failure a clear error naming
/// the server, never exit 1, with nothing made or recorded.
@Suite(.serialized) struct CatalogTLSTests {
    static let custodian = "Insp. A. Khan"

    /// A folder of certificates: two CAs (`ca`, and `rogue`, which signed nothing the server shows),
    /// and server certificates signed by `ca` for `localhost` (`live`), for another name (`other`), and for
    /// `localhost` but expired (`expired`), each a folder with server.crt and server.key.
    static func certificates() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/certs"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func openssl(_ arguments: [String]) throws {
            let run = try TestSupport.run("/usr/bin/openssl", arguments, in: dir)
            try #require(run.status == 0, "openssl \(arguments.joined(separator: " ")): \(run.stderr)")
        }
        for ca in ["ca", "rogue"] {
            try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(ca).key",
                         "-out", "\(ca).crt", "-days", "30", "-subj", "/CN=DFC test \(ca) CA"])
        }
        // `openssl ca` can backdate a certificate (the expired one); it wants a small database.
        try "".write(toFile: dir + "/index.txt", atomically: true, encoding: .utf8)
        try """
            [ca]
            default_ca = test
            [test]
            database = index.txt
            new_certs_dir = .
            serial = serial
            default_md = sha256
            policy = any
            copy_extensions = copy
            unique_subject = no
            [any]
            commonName = supplied

            """.write(toFile: dir + "/ca.cnf", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: dir + "/serial", atomically: true, encoding: .utf8)
        for (name, host, dates) in [("live", "localhost", ["-startdate", "20250101000000Z", "-enddate", "20991231000000Z"]),
                                    ("other", "db.dfc.test", ["-startdate", "20250101000000Z", "-enddate", "20991231000000Z"]),
                                    ("expired", "localhost", ["-startdate", "20200101000000Z", "-enddate", "20210101000000Z"])] {
            try FileManager.default.createDirectory(atPath: dir + "/" + name, withIntermediateDirectories: true)
            try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(name)/server.key",
                         "-out", "\(name).csr", "-subj", "/CN=\(host)", "-addext", "subjectAltName=DNS:\(host)"])
            try openssl(["ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key", "-in", "\(name).csr",
                         "-out", "\(name)/server.crt", "-notext"] + dates)
        }
        return dir
    }

    /// A cluster of the test's own (Scripts/pg-server with DFC_PG_TLS), its port, and a way to run SQL
    /// as its superuser through its socket.
    struct Server {
        let dir: String, port: String
        func psql(_ sql: String) throws -> String {
            let run = try TestSupport.run("/usr/bin/psql", ["-h", dir + "/sock", "-p", port, "-U", "postgres", "-d", "postgres",
                                                            "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql])
            try #require(run.status == 0, "psql: \(run.stderr)")
            return run.stdout
        }
        /// Shows the server another certificate (it reloads its TLS files on SIGHUP).
        func show(_ certificates: String) throws {
            for file in ["server.crt", "server.key"] {
                let target = dir + "/data/" + file
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.copyItem(atPath: certificates + "/" + file, toPath: target)
            }
            _ = try TestSupport.run("/bin/chown", ["postgres", dir + "/data/server.crt", dir + "/data/server.key"])
            _ = try TestSupport.run("/bin/chmod", ["600", dir + "/data/server.key"])
            _ = try psql("SELECT pg_reload_conf()")
            Thread.sleep(forTimeInterval: 0.5)
        }
        func stop() { _ = try? TestSupport.run(TestSupport.script("pg-server"), ["stop"], environment: ["DFC_PG_DIR": dir]) }
    }

    static func start(_ certificates: String) throws -> Server {
        let dir = TestSupport.temporaryDirectory() + "/pg-tls"
        let started = try TestSupport.run(TestSupport.script("pg-server"), ["start"],
                                          environment: ["DFC_PG_DIR": dir, "DFC_PG_TLS": certificates + "/live"])
        try #require(started.status == 0, "\(started.stderr)")
        let port = try #require(started.stdout.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        return Server(dir: dir, port: port)
    }

    @Test func theCatalogIsReachedOverTLSWithItsCertificateChecked() throws {
        let certs = try Self.certificates()
        let server = try Self.start(certs)
        defer { server.stop() }
        _ = try server.psql("CREATE DATABASE evidence")
        let work = TestSupport.temporaryDirectory()
        func url(_ user: String, _ settings: String) -> String { "postgresql://\(user)@localhost:\(server.port)/evidence" + (settings.isEmpty ? "" : "?" + settings) }
        func initialize(_ settings: String, store: String) throws -> TestSupport.Run {
            try TestSupport.dfc(["init", store, "--catalog", url("dfc", settings), "--catalog-admin", url("postgres", settings)], actor: nil)
        }

        // In clear: the server accepts TLS only, and says so; nothing is made.
        let clear = try initialize("sslmode=disable", store: work + "/clear")
        #expect(clear.status == 69 && clear.stderr.contains("no encryption"), "\(clear.status) \(clear.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/clear"))

        // A certificate no CA the lab trusts signed: refused before anything is sent.
        let rogue = try initialize("sslmode=verify-full&sslrootcert=\(certs)/rogue.crt", store: work + "/rogue")
        #expect(rogue.status == 69 && rogue.stderr.contains("TLS with the server at localhost:\(server.port) failed")
                && rogue.stderr.contains("rogue.crt"), "\(rogue.status) \(rogue.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/rogue"))

        // The lab's CA, the server's name checked: the store works, and keeps its TLS settings.
        let settings = "sslmode=verify-full&sslrootcert=\(certs)/ca.crt"
        let store = work + "/store"
        let made = try initialize(settings, store: store)
        #expect(made.status == 0, "\(made.stderr)")
        TestSupport.dfcSucceeding(["actor", "add", Self.custodian, "--role", "custodian", "--store", store], actor: nil)
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "TLS-1", "--store", store], actor: Self.custodian)
        let descriptor = try String(contentsOfFile: store + "/store.json", encoding: .utf8)
        #expect(descriptor.contains("sslmode=verify-full") && descriptor.contains("ca.crt"), "\(descriptor)")
        func verify() throws -> TestSupport.Run {
            try TestSupport.dfc(["verify", "--file", TestSupport.fixture("mjpeg.avi"), "--store", store], actor: Self.custodian)
        }
        #expect(try verify().status == 0)

        // The server shows an expired certificate: refused, nothing recorded.
        try server.show(certs + "/expired")
        let expired = try verify()
        #expect(expired.status == 69 && expired.stderr.contains("TLS with the server"), "\(expired.status) \(expired.stderr)")

        // A certificate for another name: verify-full refuses it; verify-ca (the CA alone) takes it.
        try server.show(certs + "/other")
        let otherName = try verify()
        #expect(otherName.status == 69 && otherName.stderr.contains("TLS with the server"), "\(otherName.status) \(otherName.stderr)")
        let path = store + "/store.json"
        try descriptor.replacingOccurrences(of: "sslmode=verify-full", with: "sslmode=verify-ca").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try verify().status == 0)
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN") && !audit.stdout.contains("NOTICE\tstore.json"), "\(audit.stdout)\(audit.stderr)")

        // store.json's TLS words are not signed (a DBA moves databases): an edit that stops checking the
        // server is named by the audit.
        try descriptor.replacingOccurrences(of: "sslmode=verify-full&sslrootcert=\(certs)/ca.crt", with: "sslmode=require")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let unchecked = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(unchecked.stdout.contains("NOTICE\tstore.json: the catalog's server certificate is not checked"), "\(unchecked.stdout)\(unchecked.stderr)")
    }

    /// The URL's TLS words, and the defaults: verify-full off the loopback, and an address refused for it.
    @Test func theURLTakesLibpqsWords() throws {
        #expect(try PostgresURL("postgresql://dfc@db.lab.example/evidence", source: "t").sslMode == .verifyFull)
        #expect(try PostgresURL("postgresql://dfc@localhost/evidence", source: "t").sslMode == .loopbackPrefer)
        #expect(try PostgresURL("postgresql://dfc@127.0.0.1:5432/evidence", source: "t").text == "postgresql://dfc@127.0.0.1:5432/evidence")
        let named = try PostgresURL("postgresql://dfc@db.lab.example/evidence?sslmode=verify-ca&sslrootcert=/etc/dfc/ca.pem", source: "t")
        #expect(named.sslMode == .verifyCA && named.text == "postgresql://dfc@db.lab.example:5432/evidence?sslmode=verify-ca&sslrootcert=/etc/dfc/ca.pem")
        #expect(try PostgresURL("postgresql://dfc@10.0.0.5/evidence?sslmode=disable", source: "t").sslMode == .disable)
        for bad in ["postgresql://dfc@10.0.0.5/evidence", "postgresql://dfc@h/e?sslmode=prefer", "postgresql://dfc@h/e?sslmode=allow",
                    "postgresql://dfc@h/e?sslrootcert=relative.pem", "postgresql://dfc@h/e?sslmode=disable&sslrootcert=/ca.pem",
                    "postgresql://dfc@h/e?application_name=x"] {
            #expect(throws: DFCError.self, "\(bad)") { _ = try PostgresURL(bad, source: "t") }
        }
    }
}
