import Crypto
import DFCS3
import Foundation
import NIOCore
import Testing

/// A store whose vault is an S3 bucket with Object Lock, against a real S3 server: SeaweedFS,
/// which `Scripts/test` starts on 127.0.0.1 (`Scripts/s3-server`) and names in
/// `DFC_TEST_S3_ENDPOINT`. SigV4 is checked against AWS's own worked examples.
@Suite struct S3VaultTests {
    static let credentials = ["AWS_ACCESS_KEY_ID": "dfc-test", "AWS_SECRET_ACCESS_KEY": "dfc-test-secret"]

    static func endpoint() throws -> String {
        try #require(ProcessInfo.processInfo.environment["DFC_TEST_S3_ENDPOINT"],
                     "no S3 server: run the tests through Scripts/test, or start one with Scripts/s3-server start and set DFC_TEST_S3_ENDPOINT")
    }

    static func client(_ bucket: String) throws -> S3Client {
        try S3Client(endpoint: try endpoint(), bucket: bucket, region: "us-east-1",
                     credentials: S3Credentials(accessKeyID: "dfc-test", secretAccessKey: "dfc-test-secret"))
    }

    /// A new bucket of this test's own, with Object Lock unless `lock` is false.
    static func bucket(lock: Bool = true) throws -> (name: String, client: S3Client) {
        let name = "dfc-" + UUID().uuidString.lowercased().prefix(18)
        let client = try client(name)
        try client.createBucket(objectLock: lock)
        return (name, client)
    }

    static func dfc(_ arguments: [String], environment: [String: String] = credentials) throws -> TestSupport.Run {
        try TestSupport.run(TestSupport.dfcBinary, arguments, environment: environment.merging(["DFC_ACTOR": "Insp. A. Khan"]) { a, _ in a })
    }

    static func vaultURL(_ bucket: String, days: Int = 1) throws -> String {
        "s3://\(bucket)?endpoint=\(try endpoint())&retention-days=\(days)"
    }

    enum FileDigestOracle {
        static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
    }

    static func files(under root: String) -> [String] {
        ((FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []).map { root + "/" + $0 }
    }

    @Test func signaturesMatchAWSsWorkedExamples() {
        let signer = SigV4(credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                           region: "us-east-1")
        let date = Date(timeIntervalSince1970: 1_369_353_600)   // 2013-05-24T00:00:00Z
        func signature(_ method: String, _ path: String, _ query: [(String, String)], _ headers: [(String, String)], _ payload: String) -> String {
            let authorization = signer.sign(method: method, path: path, query: query, headers: headers, payloadHash: payload, date: date)
                .first { $0.0 == "Authorization" }?.1 ?? ""
            return String(authorization.split(separator: "=").last ?? "")
        }
        let host = ("host", "examplebucket.s3.amazonaws.com")
        // GET Object with a range.
        #expect(signature("GET", "/test.txt", [], [host, ("range", "bytes=0-9")], SigV4.emptyPayloadHash)
            == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        // PUT Object: a key with a character to encode, a Date header and a storage class.
        #expect(signature("PUT", "/test$file.text", [], [host, ("date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
                          "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
            == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        // GET Bucket lifecycle: a parameter with no value.
        #expect(signature("GET", "/", [("lifecycle", "")], [host], SigV4.emptyPayloadHash)
            == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
        // List objects: parameters sorted by name.
        #expect(signature("GET", "/", [("max-keys", "2"), ("prefix", "J")], [host], SigV4.emptyPayloadHash)
            == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    /// The whole life of evidence on an S3 vault: init, ingest (a clip, a still and a file
    /// past one upload part), verify, extract, re-analyse, export, verify-package, audit; each
    /// original is one object under its SHA-256, locked in compliance mode, and S3 itself
    /// refuses to delete it or shorten its lock.
    @Test func aStoreOnAnObjectLockBucketKeepsEvidenceAsTheFolderDoes() throws {
        let (bucket, client) = try Self.bucket()
        let work = TestSupport.temporaryDirectory()
        let store = work + "/store"
        let made = try Self.dfc(["init", store, "--vault", try Self.vaultURL(bucket)])
        try #require(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("S3 vault s3://\(bucket)"))
        #expect(!FileManager.default.fileExists(atPath: store + "/vault"), "an S3 store has no vault folder")
        // Past the 16 MiB part: a multipart upload, each part's SHA-256 checked by the server.
        let large = work + "/large.bin"
        try #require(try TestSupport.run("/bin/dd", ["if=/dev/urandom", "of=\(large)", "bs=1M", "count=20"]).status == 0)
        let files = [TestSupport.fixture("cctv_h264.mp4"), TestSupport.fixture("bodycam.mp4"), large]
        let ingest = try Self.dfc(["ingest", "--case", "S3", "--store", store] + files)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let hashes = ingest.stdout.split(separator: "\n").filter { $0.hasPrefix("EX-") }.map { String($0.split(separator: "\t")[2]) }
        try #require(hashes.count == 3)
        for hash in hashes {
            let head = try #require(try client.head("vault/\(hash.prefix(2))/\(hash)"), "no object for \(hash)")
            #expect(head.lockMode == "COMPLIANCE")
            let until = try #require(head.retainUntil.flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(until > Date().addingTimeInterval(23 * 3600))
            // Object Lock, enforced by the server: no delete of the version, no shorter lock.
            #expect(throws: S3Error.self) { try client.delete("vault/\(hash.prefix(2))/\(hash)", versionID: head.versionID) }
            #expect(throws: S3Error.self) {
                try client.setRetention("vault/\(hash.prefix(2))/\(hash)", versionID: head.versionID, S3ObjectLock(retainUntil: Date().addingTimeInterval(60)))
            }
        }
        let largeHead = try #require(try client.head("vault/\(hashes[2].prefix(2))/\(hashes[2])"))
        #expect(largeHead.checksumSHA256?.hasSuffix("-2") == true, "the large file went up in two parts: \(largeHead.checksumSHA256 ?? "")")
        #expect(try Self.dfc(["verify", "EX-1", "EX-2", "EX-3", "--store", store]).status == 0)
        let identical = try Self.dfc(["verify", "--file", large, "--store", store])
        #expect(identical.stdout.hasPrefix("IDENTICAL"), "\(identical.stdout)")
        let extract = try Self.dfc(["extract", "EX-1", "--frames", "3", "--output", work + "/frames", "--store", store])
        #expect(extract.status == 0, "\(extract.stderr)")
        let again = try Self.dfc(["reanalyze", "EX-2", "--reason", "same on S3", "--store", store])
        #expect(again.status == 0 && again.stdout.contains("identical"), "\(again.stdout)\(again.stderr)")
        let export = try Self.dfc(["export", "EX-1", "EX-3", "--output", work + "/package", "--authorized-by", "Insp. A. Khan", "--reason", "court",
                                   "--recipient", "court", "--store", store])
        try #require(export.status == 0, "\(export.stderr)")
        let copied = Self.files(under: work + "/package/data").filter { $0.hasSuffix("large.bin") }
        try #require(copied.count == 1, "\(Self.files(under: work + "/package/data"))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copied[0])) == Data(contentsOf: URL(fileURLWithPath: large)))
        #expect(try Self.dfc(["verify-package", work + "/package"]).status == 0)
        let audit = try Self.dfc(["audit", "--store", store])
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)")
        // The store keeps nothing of the originals itself.
        #expect(Self.files(under: store).allSatisfy { !$0.contains("vault") })
    }

    /// The retention the store was made with is signed by its first actor: an edited store.json
    /// (30 days made 1) locks the next original for a day, and the audit names both the file and
    /// the object, measured against the signed 30. An endpoint with credentials in it is refused.
    @Test func theRetentionIsSignedAndAnEditedDescriptorIsNamed() throws {
        let (bucket, _) = try Self.bucket()
        let store = TestSupport.temporaryDirectory() + "/store"
        try #require(try Self.dfc(["init", store, "--vault", try Self.vaultURL(bucket, days: 30)]).status == 0)
        try #require(try Self.dfc(["ingest", TestSupport.fixture("cctv_h264.mp4"), "--case", "S3", "--store", store]).status == 0)
        let descriptor = store + "/store.json"
        let text = try String(contentsOfFile: descriptor, encoding: .utf8)
        chmod(descriptor, 0o644)
        try text.replacingOccurrences(of: "retention-days=30", with: "retention-days=1").write(toFile: descriptor, atomically: false, encoding: .utf8)
        let second = try Self.dfc(["ingest", TestSupport.fixture("bodycam.mp4"), "--case", "S3", "--store", store])
        try #require(second.status == 0, "\(second.stderr)")
        let audit = try Self.dfc(["audit", "--store", store])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("store.json: its retention days is 1, but custody event 1 signed 30"), "\(audit.stdout)")
        #expect(audit.stdout.contains("short of the 30 days the store requires"), "\(audit.stdout)")
        let withSecret = try Self.dfc(["init", TestSupport.temporaryDirectory() + "/s2", "--vault",
                                       "s3://\(bucket)?endpoint=\(try Self.endpoint().replacingOccurrences(of: "://", with: "://key:secret@"))"])
        #expect(withSecret.status != 0 && withSecret.stderr.contains("the endpoint holds credentials"), "\(withSecret.stderr)")
    }

    /// Someone with the bucket's credentials cannot delete a locked version, but can hide it
    /// behind a delete marker, put other bytes on top as a newer version, or add objects; the
    /// audit names each, and ingesting the original again restores it.
    @Test func editsBehindTheLockAreNamedByTheAudit() throws {
        let (bucket, client) = try Self.bucket()
        let store = TestSupport.temporaryDirectory() + "/store"
        try #require(try Self.dfc(["init", store, "--vault", try Self.vaultURL(bucket)]).status == 0)
        let files = [TestSupport.fixture("cctv_h264.mp4"), TestSupport.fixture("bodycam.mp4")]
        let ingest = try Self.dfc(["ingest", "--case", "S3", "--store", store] + files)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let keys = ingest.stdout.split(separator: "\n").filter { $0.hasPrefix("EX-") }.map { line -> String in
            let hash = line.split(separator: "\t")[2]
            return "vault/\(hash.prefix(2))/\(hash)"
        }
        try client.delete(keys[0])
        try client.put(keys[1], bytes: ByteBuffer(string: "not the footage"), lock: nil)
        try client.put("vault/ff/planted", bytes: ByteBuffer(string: "planted"), lock: nil)
        let audit = try Self.dfc(["audit", "--store", store])
        #expect(audit.status != 0)
        #expect(audit.stdout.contains("EX-000001: vault copy \(keys[0]) cannot be read") && audit.stdout.contains("hidden by a delete marker"),
                "\(audit.stdout)")
        #expect(audit.stdout.contains("EX-000002: vault copy \(keys[1]) is not the registered file"), "\(audit.stdout)")
        #expect(audit.stdout.contains("\(keys[1]): S3 vault s3://\(bucket)") && audit.stdout.contains("not locked in compliance mode"), "\(audit.stdout)")
        #expect(audit.stdout.contains("vault/ff/planted: a file in the vault that belongs to no exhibit"), "\(audit.stdout)")
        // The same bytes ingested again are put back, locked; the audit is left with the planted object only.
        let restore = try Self.dfc(["ingest", "--case", "S3", "--store", store] + files)
        #expect(restore.status == 0, "\(restore.stderr)")
        let after = try Self.dfc(["audit", "--store", store])
        let problems = after.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEM") }
        #expect(problems.count == 1 && problems.first?.contains("vault/ff/planted") == true, "\(after.stdout)")
    }

    /// What an ingest killed between its upload and its commit leaves: the original locked in
    /// the bucket and nothing in the catalog. The audit names the object; the same file
    /// ingested again adopts it, without a second upload, and the store is whole.
    @Test func anUploadWhoseIngestDidNotCommitIsAdopted() throws {
        let (bucket, client) = try Self.bucket()
        let store = TestSupport.temporaryDirectory() + "/store"
        try #require(try Self.dfc(["init", store, "--vault", try Self.vaultURL(bucket)]).status == 0)
        try #require(try Self.dfc(["ingest", "--case", "S3", "--store", store, TestSupport.fixture("mjpeg.avi")]).status == 0)
        let clip = TestSupport.fixture("cctv_h264.mp4")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: clip))
        let hash = FileDigestOracle.sha256(bytes)
        let key = "vault/\(hash.prefix(2))/\(hash)"
        let version = try client.put(key, bytes: ByteBuffer(bytes: bytes), lock: S3ObjectLock(retainUntil: Date().addingTimeInterval(2 * 86400)))
        let audit = try Self.dfc(["audit", "--store", store])
        #expect(audit.status == 1 && audit.stdout.contains("\(key): a file in the vault that belongs to no exhibit"), "\(audit.stdout)")
        let ingest = try Self.dfc(["ingest", "--case", "S3", "--store", store, clip])
        #expect(ingest.status == 0 && ingest.stdout.contains("EX-000002\tingested"), "\(ingest.stdout)\(ingest.stderr)")
        #expect(try client.versions(of: key).map(\.versionID) == [version].compactMap { $0 }, "adopted, not uploaded again")
        let clean = try Self.dfc(["audit", "--store", store])
        #expect(clean.status == 0 && clean.stdout.contains("CLEAN"), "\(clean.stdout)")
    }

    /// A server that answers 503 once (restarting, overloaded) costs a retry, not the operation:
    /// a stand-in on 127.0.0.1, on a thread of this process, answers the first request with 503
    /// and the next as S3 would.
    @Test func aServerThatIsBrieflyUnavailableIsAskedAgain() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        try #require(bound == 0 && listen(listener, 4) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        let seen = RequestLog()
        let served = DispatchSemaphore(value: 0)
        Thread {
            let body = "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>"
            for answer in ["HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                           "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body] {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { break }
                var request = [UInt8](), buffer = [UInt8](repeating: 0, count: 4096)
                while !String(decoding: request, as: UTF8.self).contains("\r\n\r\n") {
                    let count = read(connection, &buffer, buffer.count)
                    if count <= 0 { break }
                    request += buffer[0..<count]
                }
                seen.add(String(String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""))
                _ = Array(answer.utf8).withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
                close(connection)
            }
            close(listener)
            served.signal()
        }.start()
        let client = try S3Client(endpoint: "http://127.0.0.1:\(port)", bucket: "dfc-flaky", region: "us-east-1",
                                  credentials: S3Credentials(accessKeyID: "dfc-test", secretAccessKey: "dfc-test-secret"))
        #expect(try client.objectLockEnabled())
        #expect(served.wait(timeout: .now() + 10) == .success)
        #expect(seen.lines == Array(repeating: "GET /dfc-flaky?object-lock= HTTP/1.1", count: 2), "\(seen.lines)")
    }

    final class RequestLog: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func add(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
        var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    }

    /// A store is not made on an engine that cannot keep evidence, and the error names the
    /// engine and the reason; nothing is left behind.
    @Test func engineErrorsAreNamedAndNothingIsMade() throws {
        let (plain, _) = try Self.bucket(lock: false)
        let work = TestSupport.temporaryDirectory()
        let cases: [(url: String, environment: [String: String], says: String)] = [
            (try Self.vaultURL(plain), Self.credentials, "the bucket has no Object Lock"),
            (try Self.vaultURL("dfc-no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))"), Self.credentials, "NoSuchBucket"),
            ("s3://dfc-x?endpoint=http://127.0.0.1:1", Self.credentials, "Unreachable"),
            ("s3://dfc-x", Self.credentials, "names no endpoint"),
            ("s3://dfc-x?endpoint=\(try Self.endpoint())&secret=abc", Self.credentials, "unknown settings secret"),
            ("s3://dfc-x?endpoint=\(try Self.endpoint())&retention-days=0", Self.credentials, "retention-days must be"),
            ("s3://Bad_Name?endpoint=\(try Self.endpoint())", Self.credentials, "bucket name"),
            ("s3://dfc-x?endpoint=\(try Self.endpoint())", ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"],
             "no credentials"),
        ]
        for (index, item) in cases.enumerated() {
            let store = work + "/store-\(index)"
            let result = try Self.dfc(["init", store, "--vault", item.url], environment: item.environment)
            #expect(result.status != 0 && result.status != 1, "\(item.url): \(result.status) (1 is an answer, not a failure to look)")
            #expect(result.stderr.contains(item.says), "\(item.url): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: store), "\(item.url) left \(store) behind")
        }
        // An existing store cannot be given other engines.
        let store = work + "/embedded"
        #expect(try Self.dfc(["init", store]).status == 0)
        let twice = try Self.dfc(["init", store, "--vault", try Self.vaultURL(plain)])
        #expect(twice.status != 0 && twice.stderr.contains("a store is already here"), "\(twice.stderr)")
        // An S3 store opened without credentials says so, and records nothing.
        let (bucket, _) = try Self.bucket()
        let s3 = work + "/s3"
        try #require(try Self.dfc(["init", s3, "--vault", try Self.vaultURL(bucket)]).status == 0)
        let blind = try Self.dfc(["ingest", "--case", "X", "--store", s3, TestSupport.fixture("cctv_h264.mp4")],
                                 environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
        #expect(blind.status != 0 && blind.stderr.contains("no credentials"), "\(blind.stderr)")
        // The S3 server down (the descriptor pointed at a port nobody listens on): the ingest fails
        // naming the engine, and nothing is recorded or left staged.
        let descriptor = s3 + "/store.json"
        chmod(descriptor, 0o644)
        let text = try String(contentsOfFile: descriptor, encoding: .utf8)
        try text.replacingOccurrences(of: try Self.endpoint(), with: "http://127.0.0.1:1").write(toFile: descriptor, atomically: true, encoding: .utf8)
        let down = try Self.dfc(["ingest", "--case", "X", "--store", s3, TestSupport.fixture("cctv_h264.mp4")])
        #expect(down.status != 0 && down.stderr.contains("S3 vault s3://\(bucket) at http://127.0.0.1:1") && down.stderr.contains("Unreachable"),
                "\(down.stdout)\(down.stderr)")
        let recorded = try Self.dfc(["lookup", "--case", "X", "--store", s3])
        #expect(recorded.stdout.isEmpty, "\(recorded.stdout)")
        let staged = ((try? FileManager.default.contentsOfDirectory(atPath: s3 + "/tmp")) ?? []).filter { !$0.hasPrefix("lease-") }
        #expect(staged.isEmpty, "\(staged)")
    }

    /// A real embedded store (exhibits, an extraction, an amendment, a re-analysis, a checkpoint)
    /// moves to an S3 vault: every original checked and uploaded, the copy's audit clean, a
    /// checkpoint of the old log still verified by the new one, and the move itself a signed
    /// event in both logs. A damaged original stops it with nothing left at the destination;
    /// an analyst may not move a store.
    /// Runs `dfc` as `actor` with the test's S3 credentials.
    static func dfc(_ arguments: [String], as actor: String) throws -> TestSupport.Run {
        try TestSupport.run(TestSupport.dfcBinary, arguments, environment: credentials.merging(["DFC_ACTOR": actor]) { a, _ in a })
    }

    /// An embedded store in `work/old` with a custodian (Insp. A. Khan) and an analyst, three
    /// exhibits, an extraction (into `work/frames`), an amendment and a re-analysis, and a
    /// checkpoint held outside (`work/before.txt`): what the migration tests move.
    static func storeToMigrate(in work: String) throws -> String {
        let old = work + "/old"
        try #require(try dfc(["actor", "add", "Insp. A. Khan", "--role", "custodian", "--store", old], as: "Insp. A. Khan").status == 0)
        try #require(try dfc(["actor", "add", "A. Analyst", "--role", "analyst", "--store", old], as: "Insp. A. Khan").status == 0)
        let files = [TestSupport.fixture("cctv_h264.mp4"), TestSupport.fixture("gap_5s.mp4"), TestSupport.fixture("still_exif.jpg")]
        try #require(try dfc(["ingest", "--case", "MIG", "--store", old] + files, as: "A. Analyst").status == 0)
        try #require(try dfc(["extract", "EX-1", "--frames", "2", "--output", work + "/frames", "--store", old], as: "A. Analyst").status == 0)
        try #require(try dfc(["amend", "EX-2", "--case", "MIG-2", "--reason", "wrong case", "--store", old], as: "Insp. A. Khan").status == 0)
        try #require(try dfc(["reanalyze", "EX-1", "--reason", "before the move", "--store", old], as: "A. Analyst").status == 0)
        try #require(try dfc(["checkpoint", "--output", work + "/before.txt", "--store", old], as: "Insp. A. Khan").status == 0)
        return old
    }

    @Test func anEmbeddedStoreMovesToAnS3VaultAndItsAuditStaysClean() throws {
        let (bucket, client) = try Self.bucket()
        let work = TestSupport.temporaryDirectory()
        let old = try Self.storeToMigrate(in: work), new = work + "/new"
        func dfc(_ arguments: [String], _ actor: String = "Insp. A. Khan") throws -> TestSupport.Run { try Self.dfc(arguments, as: actor) }

        let refused = try dfc(["migrate-store", "--store", old, "--output", new, "--vault", try Self.vaultURL(bucket)], "A. Analyst")
        #expect(refused.status != 0 && refused.stderr.contains("only a custodian or a supervisor"), "\(refused.stderr)")

        let moved = try dfc(["migrate-store", "--store", old, "--output", new, "--vault", try Self.vaultURL(bucket), "--json"])
        try #require(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("\"exhibits\":3") && moved.stdout.contains("\"uploaded\":3"), "\(moved.stdout)")
        #expect(try client.keys(prefix: "vault/").count == 3)
        #expect(!FileManager.default.fileExists(atPath: new + "/vault"))
        let audit = try dfc(["audit", "--store", new, "--checkpoint", work + "/before.txt"])
        #expect(audit.status == 0 && audit.stdout.contains("CLEAN"), "\(audit.stdout)")
        #expect(try dfc(["verify", "EX-1", "EX-2", "EX-3", "--store", new]).status == 0)
        let picture = Self.files(under: work + "/frames").filter { $0.hasSuffix(".png") }
        try #require(picture.count == 1)
        let derived = try dfc(["verify", "--file", picture[0], "--store", new], "A. Analyst")
        #expect(derived.stdout.hasPrefix("DERIVED"), "\(derived.stdout)")
        for store in [old, new] {
            let log = try dfc(["audit", "--store", store, "--json"])
            #expect(log.status == 0, "\(store): \(log.stdout)")
        }
        // A second move of the same store adopts the objects already there.
        let again = try dfc(["migrate-store", "--store", old, "--output", work + "/new2", "--vault", try Self.vaultURL(bucket), "--json"])
        #expect(again.status == 0 && again.stdout.contains("\"adopted\":3"), "\(again.stdout)\(again.stderr)")

        // A damaged original: nothing is moved, nothing left behind.
        let vaultFile = Self.files(under: old + "/vault").filter { !$0.hasSuffix("/vault") && FileManager.default.fileExists(atPath: $0) }
            .first { (try? FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType) == .typeRegular }
        let damaged = try #require(vaultFile)
        chmod(damaged, 0o644)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: damaged))
        bytes[100] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let (other, _) = try Self.bucket()
        let stopped = try dfc(["migrate-store", "--store", old, "--output", work + "/new3", "--vault", try Self.vaultURL(other)])
        #expect(stopped.status != 0 && stopped.stderr.contains("is not the registered file") && stopped.stderr.contains("not migrated"),
                "\(stopped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/new3"))
    }
}
