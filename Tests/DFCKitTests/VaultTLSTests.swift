@testable import DFCKit
import DFCS3
import Foundation
import Testing

/// The S3 vault over HTTPS, against SeaweedFS serving S3 with a certificate made here (Scripts/s3-server
/// with DFC_S3_TLS): the server's certificate checked against the vault URL's `ca-bundle`; a certificate
/// no trusted CA signed, or plain HTTP to it, refused naming the vault, never exit 1, nothing made; and
/// an http:// endpoint off this machine refused before any connection.
@Suite(.serialized) struct VaultTLSTests {
    static let custodian = "Insp. A. Khan"

    @Test func theVaultIsReachedOverHTTPSWithItsCertificateChecked() throws {
        let certs = try CatalogTLSTests.certificates()
        let dir = TestSupport.temporaryDirectory() + "/s3-tls"
        let environment = ["DFC_S3_DIR": dir, "DFC_S3_TLS": certs + "/live"]
        let started = try TestSupport.run(TestSupport.script("s3-server"), ["start"], environment: environment)
        defer { _ = try? TestSupport.run(TestSupport.script("s3-server"), ["stop"], environment: environment) }
        try #require(started.status == 0, "\(started.stderr)")
        let endpoint = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(endpoint.hasPrefix("https://localhost:"), "\(endpoint)")
        let bucket = "dfc-" + UUID().uuidString.lowercased().prefix(18)
        let client = try S3Client(endpoint: endpoint, bucket: bucket, region: "us-east-1",
                                  credentials: S3Credentials(accessKeyID: "dfc-test", secretAccessKey: "dfc-test-secret"), caBundle: certs + "/ca.crt")
        try client.createBucket(objectLock: true)
        let work = TestSupport.temporaryDirectory()
        func initialize(_ url: String, _ store: String) throws -> TestSupport.Run {
            try S3VaultTests.dfc(["init", store, "--vault", url])
        }

        // Trusting another CA, or the system's roots (which never signed the test's CA): refused, nothing made.
        for (name, url) in [("rogue", "s3://\(bucket)?endpoint=\(endpoint)&ca-bundle=\(certs)/rogue.crt"),
                            ("system", "s3://\(bucket)?endpoint=\(endpoint)")] {
            let refused = try initialize(url, work + "/" + name)
            #expect(refused.status == 69 && refused.stderr.contains("TLS"), "\(name): \(refused.status) \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: work + "/" + name))
        }
        // Plain HTTP to the HTTPS server: no answer it can use; refused, never 1.
        let plain = try initialize("s3://\(bucket)?endpoint=\(endpoint.replacingOccurrences(of: "https://", with: "http://"))", work + "/plain")
        #expect(plain.status != 0 && plain.status != 1, "\(plain.status) \(plain.stderr)")

        // The lab's CA: the store works end to end.
        let store = work + "/store"
        let made = try initialize("s3://\(bucket)?endpoint=\(endpoint)&ca-bundle=\(certs)/ca.crt&retention-days=1", store)
        #expect(made.status == 0, "\(made.stderr)")
        let added = try S3VaultTests.dfc(["actor", "add", Self.custodian, "--role", "custodian", "--store", store])
        #expect(added.status == 0, "\(added.stderr)")
        let ingest = try S3VaultTests.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "TLS-2", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let verify = try S3VaultTests.dfc(["verify", "EX-1", "--store", store])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let audit = try S3VaultTests.dfc(["audit", "--store", store])
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)\(audit.stderr)")
    }

    @Test func anHTTPEndpointOffThisMachineIsRefusedBeforeAnyConnection() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        let refused = try S3VaultTests.dfc(["init", store, "--vault", "s3://dfc-evidence?endpoint=http://s3.lab.example:8333"])
        #expect(refused.status == 78 && refused.stderr.contains("http:// off this machine"), "\(refused.status) \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(try S3VaultURL("s3://b1?endpoint=https://s3.lab.example&ca-bundle=/etc/dfc/ca.pem", source: "t").caBundle == "/etc/dfc/ca.pem")
        #expect(throws: DFCError.self) { _ = try S3VaultURL("s3://b1?endpoint=https://s3.lab.example&ca-bundle=ca.pem", source: "t") }
    }
}
