import DFCCore
import DFCMedia
import Foundation
import Testing

/// C2PA Content Credentials read through c2pa-rs's C API, against c2pa-python's reader (the same
/// library, through its own binding) as the oracle: the real c2pa-rs samples, a manifest the test
/// signs with a certificate authority made by openssl and then tampers with, a lab anchor that
/// makes its signer trusted, the library missing, and damaged manifest stores.
@Suite(.serialized) struct ContentCredentialsTests {
    static let samples = ["c2pa_video1.mp4", "c2pa_CA.jpg", "c2pa_C.jpg", "c2pa_XCA.jpg", "c2pa_no_manifest.jpg"]

    /// What DFC's reader says of `path`, in this process.
    static func credentials(_ path: String, anchors: [TrustAnchor.Certificate] = []) throws -> ContentCredentials {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        return try #require(ContentCredentialsReader.read(descriptor: descriptor, anchors: anchors))
    }

    /// What c2pa-python's reader says: its validation state (lowercased) and status codes, or
    /// `not_present` when it finds no manifest.
    static func oracle(_ path: String) throws -> (state: String, codes: [String]) {
        let script = """
            import c2pa, json, sys
            try:
                with c2pa.Reader(sys.argv[1]) as reader:
                    report = json.loads(reader.json())
                print(json.dumps([report.get("validation_state", "").lower(), [s["code"] for s in report.get("validation_status", [])]]))
            except Exception as error:
                print(json.dumps(["not_present" if "ManifestNotFound" in type(error).__name__ + str(error) else "error: " + str(error), []]))
            """
        let run = try TestSupport.run(TestSupport.oraclePython, ["-c", script, path])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [Any], "\(run.stderr)")
        return (try #require(answer.first as? String), answer.last as? [String] ?? [])
    }

    @Test(arguments: samples)
    func verdictsEqualTheReferenceReaders(sample: String) throws {
        let path = TestSupport.fixture("authenticity/" + sample)
        let ours = try Self.credentials(path)
        let theirs = try Self.oracle(path)
        #expect(ours.state.rawValue == theirs.state, "\(ours)")
        #expect(ours.statusCodes == theirs.codes)
        #expect(ours.library?.contains("c2pa-rs") == true)
    }

    @Test func theSamplesSayWhatTheirMakersSay() throws {
        let still = try Self.credentials(TestSupport.fixture("authenticity/c2pa_CA.jpg"))
        #expect(still.state == .valid && still.statusCodes == ["signingCredential.untrusted"])
        #expect(still.signerName == "C2PA Signer" && still.signerIssuer == "C2PA Test Signing Cert")
        #expect(still.claimGenerator?.hasPrefix("make_test_images") == true)
        #expect(still.actions.map(\.action) == ["c2pa.opened", "c2pa.color_adjustments"])
        #expect(still.ingredients.first?.title == "A.jpg" && still.ingredients.first?.relationship == "parentOf")
        #expect(still.findings.contains { $0.kind == .editedAccordingToManifest && $0.message.contains("c2pa.color_adjustments") })
        let changed = try Self.credentials(TestSupport.fixture("authenticity/c2pa_XCA.jpg"))
        #expect(changed.state == .invalid && changed.statusCodes.contains("assertion.dataHash.mismatch"))
        #expect(changed.findings.contains { $0.kind == .c2paInvalid && $0.severity == .error && $0.message.contains("assertion.dataHash.mismatch") })
        let video = try Self.credentials(TestSupport.fixture("authenticity/c2pa_video1.mp4"))
        #expect(video.format == "video/mp4" && video.state == .valid)
        #expect(try Self.credentials(TestSupport.fixture("authenticity/c2pa_no_manifest.jpg")).state == .notPresent)
        #expect(try Self.credentials(TestSupport.fixture("cctv_h264.mp4")).state == .notPresent)
        let avi = open(TestSupport.fixture("mjpeg.avi"), O_RDONLY)
        defer { close(avi) }
        #expect(ContentCredentialsReader.read(descriptor: avi, anchors: []) == nil)  // a format C2PA does not carry
    }

    /// A certificate authority made by openssl, a still signed with it by c2pa-python's builder.
    struct SignedStill {
        let directory: String
        let signed: String
        let root: String

        init() throws {
            let directory = TestSupport.temporaryDirectory()
            self.directory = directory
            let config = directory + "/ca.cnf"
            try """
                [ req ]
                distinguished_name = dn
                prompt = no
                [ dn ]
                CN = DFC Test Root
                [ root ]
                basicConstraints = critical, CA:true
                keyUsage = critical, keyCertSign, cRLSign
                subjectKeyIdentifier = hash
                [ leaf ]
                basicConstraints = critical, CA:false
                keyUsage = critical, digitalSignature
                extendedKeyUsage = emailProtection
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                """.write(toFile: config, atomically: true, encoding: .utf8)
            func openssl(_ arguments: [String]) throws {
                let run = try TestSupport.run("/usr/bin/openssl", arguments, in: directory)
                try #require(run.status == 0, "openssl \(arguments): \(run.stderr)")
            }
            try openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "root.key"])
            try openssl(["req", "-x509", "-new", "-key", "root.key", "-days", "3650", "-config", "ca.cnf", "-extensions", "root", "-out", "root.pem",
                         "-subj", "/CN=DFC Test Root/O=DFC Tests"])
            try openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "leaf.key"])
            try openssl(["req", "-new", "-key", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=DFC Test Camera/O=DFC Tests"])
            try openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-days", "365",
                         "-extfile", "ca.cnf", "-extensions", "leaf", "-out", "leaf.pem"])
            try openssl(["pkcs8", "-topk8", "-nocrypt", "-in", "leaf.key", "-out", "leaf.pk8"])
            let chain = try String(contentsOfFile: directory + "/leaf.pem", encoding: .utf8) + String(contentsOfFile: directory + "/root.pem", encoding: .utf8)
            try chain.write(toFile: directory + "/chain.pem", atomically: true, encoding: .utf8)
            root = directory + "/root.pem"
            let signed = directory + "/signed.jpg"
            self.signed = signed
            let script = """
                import sys, c2pa
                manifest = {"claim_generator_info": [{"name": "dfc-tests", "version": "1"}], "title": "signed.jpg",
                            "assertions": [{"label": "c2pa.actions", "data": {"actions": [{"action": "c2pa.created",
                                "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"}]}}]}
                info = c2pa.C2paSignerInfo(alg=b"es256", sign_cert=open(sys.argv[3], "rb").read(), private_key=open(sys.argv[4], "rb").read(), ta_url=None)
                with c2pa.Builder(manifest) as builder:
                    builder.sign_file(sys.argv[1], sys.argv[2], c2pa.Signer.from_info(info))
                """
            let run = try TestSupport.run(TestSupport.oraclePython, ["-c", script, TestSupport.fixture("still_exif.jpg"), signed,
                                                                      directory + "/chain.pem", directory + "/leaf.pk8"])
            try #require(run.status == 0, "c2pa-python: \(run.stderr)")
        }
    }

    @Test func aStillSignedHereThenChangedIsCaughtAndAnAnchorMakesItTrusted() throws {
        let still = try SignedStill()
        let signed = try Self.credentials(still.signed)
        #expect(signed.state == .valid && signed.statusCodes == ["signingCredential.untrusted"])
        #expect(signed.signerName == "DFC Test Camera" && signed.actions.map(\.action) == ["c2pa.created"])
        #expect(signed.editingActions.isEmpty)
        let oracle = try Self.oracle(still.signed)
        #expect((signed.state.rawValue, signed.statusCodes) == (oracle.state, oracle.codes))

        // One byte of the picture's entropy-coded data changed, near the end, far from the manifest.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: still.signed))
        bytes[bytes.count - 200] ^= 0x55
        let changed = still.directory + "/changed.jpg"
        try bytes.write(to: URL(fileURLWithPath: changed))
        let caught = try Self.credentials(changed)
        #expect(caught.state == .invalid && caught.statusCodes.contains("assertion.dataHash.mismatch"), "\(caught.statusCodes)")
        let theirs = try Self.oracle(changed)
        #expect((caught.state.rawValue, caught.statusCodes) == (theirs.state, theirs.codes))

        // The lab's anchor: the same manifest, judged against it, is trusted.
        let pem = try String(contentsOfFile: still.root, encoding: .utf8)
        let anchors = try TrustAnchor.certificates(pem: pem, framework: .c2pa, file: "root.pem")
        let trusted = try Self.credentials(still.signed, anchors: anchors)
        #expect(trusted.state == .trusted && trusted.statusCodes.isEmpty, "\(trusted)")
        #expect(trusted.anchorsConsidered == anchors.map(\.sha256))
        #expect(!trusted.findings.contains { $0.kind == .signerUntrusted })
        // An anchor for another framework vouches for nothing here.
        let other = try Self.credentials(still.signed, anchors: try TrustAnchor.certificates(pem: pem, framework: .onvif, file: "root.pem"))
        #expect(other.state == .valid)
    }

    /// Damaged manifest stores: random bytes written over the JUMBF of a signed still, 25 times.
    /// Every read returns, with a state and, when it cannot read, the library's reason.
    @Test func damagedManifestStoresNeverCrash() throws {
        let source = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("authenticity/c2pa_CA.jpg")))
        let jumbf = try #require(source.range(of: Data("jumb".utf8)))
        let directory = TestSupport.temporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        let started = ContinuousClock.now
        for round in 0..<25 {
            var bytes = source
            for _ in 0..<Int.random(in: 1...16, using: &generator) {
                let at = Int.random(in: (jumbf.lowerBound - 8)..<(jumbf.lowerBound + 4000), using: &generator)
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
            let path = directory + "/damaged-\(round).jpg"
            try bytes.write(to: URL(fileURLWithPath: path))
            let credentials = try Self.credentials(path)
            #expect(credentials.state != .notChecked)
            if credentials.state == .unreadable { #expect(credentials.reason?.isEmpty == false) }
        }
        #expect(started.duration(to: .now) < .seconds(60))
    }

    /// Through the CLI, in the confined worker: the verdict is committed with the exhibit; without
    /// the library the exhibit says "C2PA not checked", never nothing.
    @Test func theWorkerRecordsItAndSaysWhenItCouldNotLook() throws {
        let store = try TestSupport.newStorePath()
        try #require(try TestSupport.dfc(["ingest", TestSupport.fixture("authenticity/c2pa_XCA.jpg"), "--case", "C2PA-1", "--store", store]).status == 0)
        let missing = try TestSupport.dfc(["ingest", TestSupport.fixture("authenticity/c2pa_CA.jpg"), "--case", "C2PA-1", "--store", store],
                                          environment: ["DFC_C2PA_LIBRARY": "/nonexistent/libc2pa_c.so"])
        try #require(missing.status == 0, "\(missing.stderr)")
        let invalid = try TestSupport.dfc(["authenticity", "EX-1", "--json", "--store", store])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(invalid.stdout.utf8)) as? [String: Any])
        let credentials = try #require(object["content_credentials"] as? [String: Any], "\(invalid.stdout)")
        #expect(credentials["state"] as? String == "invalid")
        let show = try TestSupport.dfc(["show", "EX-1", "--store", store])
        #expect(show.stdout.contains("c2pa_invalid") && show.stdout.contains("assertion.dataHash.mismatch"), "\(show.stdout)")
        let unchecked = try TestSupport.dfc(["show", "EX-2", "--store", store])
        #expect(unchecked.stdout.contains("C2PA     not_checked") && unchecked.stdout.contains("c2pa_not_checked"), "\(unchecked.stdout)")
        #expect(try TestSupport.dfc(["audit", "--store", store]).status == 0)
        // A package carries the verdict; verify-package reads the original's credentials again, offline.
        let package = TestSupport.temporaryDirectory() + "/package"
        let export = try TestSupport.dfc(["export", "EX-1", "--output", package, "--authorized-by", TestSupport.custodian, "--reason", "disclosure",
                                          "--recipient", "Defence counsel", "--store", store])
        try #require(export.status == 0, "\(export.stderr)")
        let jsonld = try String(contentsOfFile: package + "/dfc/case.jsonld", encoding: .utf8)
        #expect(jsonld.contains("carries C2PA Content Credentials: invalid (signingCredential.untrusted, assertion.dataHash.mismatch)"), "\(jsonld.prefix(300))")
        let verified = try TestSupport.dfc(["verify-package", package], actor: nil, in: TestSupport.temporaryDirectory())
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
