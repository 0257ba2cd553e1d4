import Crypto
import DFCKit
import Foundation
import Testing

/// `dfc export` and `dfc verify-package`: a package that the Library of Congress's bagit,
/// the CASE project's validator, stock tools and DFC itself (with no store) all accept, that
/// fails verification for each kind of tampering, and no package without authorisation.
@Suite struct ExportTests {
    static let custodian = "Insp. A. Khan"
    static let analyst = "B. Officer"

    /// A store with two exhibits (one with extracted pictures) and its package, made through
    /// the CLI. Built once; each test works on a copy.
    static let base: String = {
        let dir = TestSupport.temporaryDirectory()
        let store = TestSupport.newStorePathOrStop(at: dir + "/store")
        func dfc(_ arguments: [String], _ actor: String?) { TestSupport.dfcSucceeding(arguments + ["--store", store], actor: actor) }
        dfc(["actor", "add", custodian, "--role", "custodian"], nil)
        dfc(["actor", "add", analyst, "--role", "analyst"], custodian)
        dfc(["ingest", TestSupport.fixture("bodycam.mp4"), TestSupport.fixture("damaged_truncated.mp4"), "--case", "LHR-7"], analyst)
        dfc(["extract", "EX-1", "--at", "1", "--output", dir + "/frames"], analyst)
        dfc(["show", "EX-2"], analyst)
        dfc(["export", "EX-1", "EX-2", "--output", dir + "/package", "--authorized-by", custodian, "--reason", "Trial of R v Khan",
             "--recipient", "Crown Court, Lahore", "--with-frames"], analyst)
        dfc(["actor", "add", "C. Auditor", "--role", "auditor"], custodian)   // in the trusted keys, never in the package
        return dir
    }()

    func copyOfPackage() throws -> String {
        let copy = TestSupport.temporaryDirectory() + "/package"
        #expect(try TestSupport.run("/bin/cp", ["-a", Self.base + "/package", copy]).status == 0)
        #expect(try TestSupport.run("/bin/chmod", ["-R", "u+w", copy]).status == 0)
        return copy
    }

    func verify(_ package: String, keys: String? = nil) throws -> TestSupport.Run {
        // From a folder with no store in it: the check needs none.
        try TestSupport.dfc(["verify-package", package] + (keys.map { ["--keys", $0] } ?? []), actor: nil, in: TestSupport.temporaryDirectory())
    }

    @Test func thePackageValidatesWithBagitCaseValidateStockToolsAndDFC() throws {
        let package = Self.base + "/package"
        let bin = (TestSupport.oraclePython as NSString).deletingLastPathComponent
        let bagit = try TestSupport.run(TestSupport.oraclePython, [bin + "/bagit.py", "--validate", package])
        #expect(bagit.status == 0 && bagit.stderr.contains("is valid"), "\(bagit.stderr)")
        let caseValidate = try TestSupport.run(bin + "/case_validate", [package + "/dfc/case.jsonld"])
        #expect(caseValidate.status == 0 && caseValidate.stdout.contains("Conforms: True"), "\(caseValidate.stdout)")
        let court = try TestSupport.run("/bin/bash", [TestSupport.script("court-verify"), package])
        #expect(court.status == 0 && court.stdout.hasSuffix("VERIFIED\n"), "\(court.stdout)\(court.stderr)")
        #expect(court.stdout.contains("EX-000002/framehash-s0.txt"))   // the damaged one, decoded again by stock ffmpeg

        let keys = TestSupport.temporaryDirectory() + "/keys.txt"
        let list = try TestSupport.dfc(["actor", "list", "--verifier-keys", "--store", Self.base + "/store"], actor: nil)
        try list.stdout.write(toFile: keys, atomically: true, encoding: .utf8)
        let verified = try verify(package, keys: keys)
        #expect(verified.status == 0 && verified.stdout.contains("VERIFIED: EX-000001, EX-000002"), "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("keys from \(keys)"))

        // What the package holds: originals, the extracted picture, and every exhibit's hashes.
        let files = try TestSupport.run("/usr/bin/find", [package, "-type", "f"]).stdout
        for file in ["data/EX-000001/bodycam.mp4", "data/EX-000002/damaged_truncated.mp4", "dfc/exhibits/EX-000001/framehash-s0.txt",
                     "dfc/exhibits/EX-000001/vpdq-s0.txt", "dfc/exhibits/EX-000001/packets.txt", "dfc/custody/checkpoint.txt",
                     "dfc/custody/events.jsonl", "dfc/custody/proofs.jsonl", "dfc/custody/keys.txt", "dfc/case.jsonld"] {
            #expect(files.contains(package + "/" + file), "\(file)")
        }
        #expect(files.contains("/frames/extraction-5/EX-000001-s0-f000030.png"))   // made by custody event 5
        let info = try String(contentsOfFile: package + "/bag-info.txt", encoding: .utf8)
        #expect(info.contains("DFC-Authorized-By: Insp. A. Khan (custodian)") && info.contains("DFC-Recipient: Crown Court, Lahore"))
    }

    @Test func theExportIsSignedCustodyAndTheStoreStillAudits() throws {
        let store = try EvidenceStore(path: Self.base + "/store")
        let custody = try store.reading.custody(of: "EX-1", actor: Self.custodian)
        let exported = try #require(custody.first { $0.action == "exported" })
        #expect(exported.actor == Self.analyst && exported.signatureStatus == "valid")
        #expect(exported.details["recipient"] == "Crown Court, Lahore" && exported.details["authorized_by"] == Self.custodian)
        #expect(try store.integrity.audit(actor: Self.custodian).ok)
    }

    @Test func anUnauthorisedExportOrABusyDestinationWritesNothing() throws {
        let work = TestSupport.temporaryDirectory()
        try Insider(path: Self.base + "/store").forkFolder(to: work + "/store")
        let before = try TestSupport.dfc(["audit", "--store", work + "/store"], actor: Self.custodian)
        let refused = try TestSupport.dfc(["export", "EX-1", "--output", work + "/out", "--authorized-by", Self.analyst, "--reason", "r",
                                           "--recipient", "x", "--store", work + "/store"], actor: Self.analyst)
        #expect(refused.status == 77 && refused.stderr.contains("B. Officer (analyst) may not authorise an export"), "\(refused.stderr)")
        try FileManager.default.createDirectory(atPath: work + "/busy", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: work + "/busy/note.txt"))
        let busy = try TestSupport.dfc(["export", "EX-1", "--output", work + "/busy", "--authorized-by", Self.custodian, "--reason", "r",
                                        "--recipient", "x", "--store", work + "/store"], actor: Self.analyst)
        #expect(busy.status == 73 && busy.stderr.contains("exists and is not an empty folder"), "\(busy.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).sorted() == ["busy", "store"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work + "/busy") == ["note.txt"])
        // No event recorded either: the log grew only by the two audits.
        let after = try TestSupport.dfc(["audit", "--store", work + "/store"], actor: Self.custodian)
        let size = { (text: String) in text.firstMatch(of: /tree size (\d+)/).map { Int($0.1)! } ?? -1 }
        #expect(size(after.stdout) == size(before.stdout) + 1)
    }

    /// A package made whole by someone else (a store of their own, the same names, the same
    /// file) verifies against its own keys.txt, and fails against the keys obtained from the
    /// real store: that is what the trusted keys are for.
    @Test func aForgedPackageFailsAgainstTheTrustedKeys() throws {
        let work = TestSupport.temporaryDirectory()
        let impostor = work + "/impostor"
        TestSupport.dfcSucceeding(["actor", "add", Self.custodian, "--role", "custodian", "--store", impostor], actor: nil)
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("bodycam.mp4"), "--case", "LHR-7", "--store", impostor], actor: Self.custodian)
        TestSupport.dfcSucceeding(["export", "EX-1", "--output", work + "/forged", "--authorized-by", Self.custodian, "--reason", "r",
                                   "--recipient", "x", "--store", impostor], actor: Self.custodian)
        #expect(try verify(work + "/forged").status == 0)
        let keys = work + "/trusted.txt"
        try TestSupport.dfc(["actor", "list", "--verifier-keys", "--store", Self.base + "/store"], actor: nil).stdout
            .write(toFile: keys, atomically: true, encoding: .utf8)
        let result = try verify(work + "/forged", keys: keys)
        #expect(result.status == 1 && result.stdout.contains("dfc/custody/checkpoint.txt: it carries no signature by a known key"), "\(result.stdout)")
        #expect(result.stdout.contains("signed with a key that is not Insp. A. Khan's"))
    }

    enum Tampering: String, CaseIterable, Sendable {
        case changeDataByte, changeTagFile, removeCustodyEvent, forgeSignature, mismatchFrameHash, replaceCaseDescription
    }

    @Test(arguments: Tampering.allCases)
    func eachTamperingFailsVerification(_ tampering: Tampering) throws {
        let package = try copyOfPackage()
        let expected: String
        switch tampering {
        case .changeDataByte:
            let file = package + "/data/EX-000001/bodycam.mp4"
            var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: file))
            expected = "data/EX-000001/bodycam.mp4: its SHA256 is not the one manifest-sha256.txt lists"
        case .changeTagFile:
            try edit(package + "/dfc/exhibits/EX-000002/packets.txt") { $0.replacingOccurrences(of: ", K, ", with: ", _, ") }
            expected = "dfc/exhibits/EX-000002/packets.txt: its SHA256 is not the one tagmanifest-sha256.txt lists"
        case .removeCustodyEvent:   // the read of EX-2, its proof too, and the bag's tag manifests made to agree
            try edit(package + "/dfc/custody/events.jsonl") { text in
                text.split(separator: "\n").filter { !$0.contains("\\\"command\\\":\\\"show\\\"") }.map { $0 + "\n" }.joined()
            }
            try TestSupport.resealTagManifests(package)
            expected = "EX-000002: its custody events shipped are not the"
        case .forgeSignature:
            try edit(package + "/dfc/custody/events.jsonl") { text in
                var lines = text.split(separator: "\n").map(String.init)
                let at = try! #require(lines[1].range(of: "\"signature\":\"")).upperBound
                lines[1].replaceSubrange(at...at, with: lines[1][at] == "0" ? "1" : "0")
                return lines.joined(separator: "\n") + "\n"
            }
            try TestSupport.resealTagManifests(package)
            expected = "custody event 2 (actor_registered by Insp. A. Khan): its signature does not verify"
        case .mismatchFrameHash:
            try edit(package + "/dfc/exhibits/EX-000001/framehash-s0.txt") { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let index = try! #require(lines.firstIndex { !$0.hasPrefix("#") && !$0.isEmpty }) + 3
                lines[index] = String(lines[index].dropLast(4)) + "beef"
                return lines.joined(separator: "\n")
            }
            try TestSupport.resealTagManifests(package)
            expected = "EX-000001: picture 3 of stream 0 decodes to SHA-256"
        case .replaceCaseDescription:
            try edit(package + "/dfc/case.jsonld") { $0.replacingOccurrences(of: "B. Officer", with: "Someone Else") }
            try TestSupport.resealTagManifests(package)
            expected = "dfc/case.jsonld: is not the CASE description of the package's files and signed events"
        }
        let result = try verify(package)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("PROBLEM\t") && result.stdout.contains(expected), "\(tampering): \(result.stdout)")
        if tampering != .replaceCaseDescription {
            #expect(try TestSupport.run("/bin/bash", [TestSupport.script("court-verify"), package]).status != 0, "\(tampering)")
        }
    }

    private func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the tampering changed nothing in \(path)")
        try changed.write(toFile: path, atomically: false, encoding: .utf8)
    }

}
