import DFCCore
import DFCMedia
import Foundation
import Testing

/// Camera signatures checked at analysis: the real ONVIF Media Signing and Axis Signed Video
/// samples (Fixtures/authenticity/NOTICE.md), and the cases derived from them with the ffmpeg
/// CLI as an examiner would meet them: a flipped byte, SEIs stripped, a remux, a transcode, a
/// trimmed export.
@Suite struct SignedVideoTests {
    static let onvif = TestSupport.fixture("authenticity/onvif_signed_h264.mp4")
    static let axis = TestSupport.fixture("authenticity/axis_signed_h264.mp4")

    /// The first video stream's signature report of `path`, read as a worker reads it.
    static func report(_ path: String) throws -> SignedVideoReport {
        try analysed(path).report
    }

    /// The report and the analysis's findings.
    static func analysed(_ path: String) throws -> (report: SignedVideoReport, findings: [Finding]) {
        let analyzer = MediaAnalyzer(descriptor: open(path, O_RDONLY))
        let analysis = try analyzer.run(packet: { _ in }, frame: { _ in })
        let stream = try #require(analysis.streams.first { $0.type == "video" })
        return (try #require(stream.signature), analysis.findings)
    }

    /// A copy of `source` made by the ffmpeg CLI with `options` between input and output.
    static func derived(_ source: String, _ name: String, _ options: [String], input: [String] = []) throws -> String {
        let output = TestSupport.temporaryDirectory() + "/" + name
        let result = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-y"] + input + ["-i", source] + options + [output])
        try #require(result.status == 0, "ffmpeg: \(result.stderr)")
        return output
    }

    @Test(arguments: [("onvif", onvif), ("axis", axis)])
    func realSamplesAreAuthentic(framework: String, path: String) throws {
        let (report, findings) = try Self.analysed(path)
        #expect(report.framework == framework)
        #expect(findings.filter { $0.kind.rawValue.hasPrefix("signature") }.isEmpty, "\(findings)")
        #expect(findings.contains { $0.kind == .signerUntrusted && $0.severity == .info })
        #expect(report.verdict == .authentic, "\(report)")
        #expect(report.gops.allSatisfy { $0.verdict == .valid })
        #expect(report.nalUnits > 250 && report.validNALUnits == report.nalUnits)
        #expect(report.unreadableSEIs == 0 && report.problems.isEmpty, "\(report.problems)")
        #expect(report.signer?.publicKeySHA256 != nil)
        #expect(report.signer?.publicKeyChanged == false)
        #expect(report.signer?.provenance == "not_established")
        #expect(report.hashAlgorithm == "SHA-256")
    }

    @Test func onvifSignerIsTheChainItCarries() throws {
        let signer = try #require(try Self.report(Self.onvif).signer)
        let leaf = try #require(signer.certificates.first)
        #expect(leaf.subject.contains("Test camera"))
        #expect(leaf.issuer.contains("Test RootCA"))
        #expect(signer.keyAlgorithm == "P-256")
        #expect(signer.manufacturer == "Signed Media Framework")
    }

    @Test func axisSignerStatesItsProduct() throws {
        let signer = try #require(try Self.report(Self.axis).signer)
        #expect(signer.certificates.isEmpty)  // a bare public key in the stream
        #expect(signer.firmwareVersion == "v2.0.3")
        #expect(signer.manufacturer == "Signed Video Framework")
    }

    @Test func unsignedStreamSaysSo() throws {
        let report = try Self.report(TestSupport.fixture("authenticity/onvif_unsigned_h264.mp4"))
        #expect(report.verdict == .notSigned)
        #expect(report.framework == nil && report.gops.isEmpty)
        // Other H.264 footage says the same, never nothing.
        #expect(try Self.report(TestSupport.fixture("cctv_h264.mp4")).verdict == .notSigned)
    }

    /// One byte flipped inside the slice data of a P picture of the second GOP: that GOP is
    /// invalid at that packet, every other GOP stays valid.
    @Test(arguments: [onvif, axis])
    func flippedByteBreaksItsGOPOnly(path: String) throws {
        let probe = try TestSupport.run("/usr/bin/ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pos,size",
                                                               "-of", "compact=p=0", path])
        // One line a packet, `size=N|pos=N` (ffprobe's order, whatever the order asked).
        let packets = probe.stdout.split(separator: "\n").map { line in
            Dictionary(uniqueKeysWithValues: line.split(separator: "|").map { field in
                let parts = field.split(separator: "=")
                return (String(parts[0]), Int(parts[1]) ?? -1)
            })
        }
        let target = 80
        let (position, size) = (try #require(packets[target]["pos"]), try #require(packets[target]["size"]))
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[position + size / 2] ^= 0x5a
        let copy = TestSupport.temporaryDirectory() + "/flipped.mp4"
        try data.write(to: URL(fileURLWithPath: copy))

        let (report, findings) = try Self.analysed(copy)
        #expect(findings.contains { $0.kind == .signatureInvalid && $0.packet == target && $0.message.contains("packets \(target)") })
        #expect(!findings.contains { $0.kind == .signerUntrusted })
        #expect(report.verdict == .tampered)
        let invalid = report.gops.filter { $0.verdict == .invalid }
        #expect(invalid.count == 1)
        #expect(invalid.first?.invalidPackets == [target])
        #expect(invalid.first?.signatureValid == true)  // the signature holds; the picture does not match it
        #expect(report.gops.filter { $0.verdict == .missingInformation }.isEmpty)
        #expect(report.nalUnits - report.validNALUnits == (invalid.first?.nalUnits ?? -1))
    }

    /// The first slice of a GOP's intra picture changed: every hash of that GOP is chained to it,
    /// so the whole GOP fails, and only that GOP.
    @Test func changedIntraPictureBreaksItsWholeGOP() throws {
        let probe = try TestSupport.run("/usr/bin/ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pos,size,flags",
                                                               "-of", "compact=p=0", Self.axis])
        let lines = probe.stdout.split(separator: "\n")
        let keys = lines.indices.filter { lines[$0].contains("flags=K") }
        let target = try #require(keys.dropFirst().first)
        let fields = Dictionary(uniqueKeysWithValues: lines[target].split(separator: "|").map {
            (String($0.split(separator: "=")[0]), String($0.split(separator: "=").dropFirst().first ?? "")) })
        let position = try #require(Int(fields["pos"] ?? "")), size = try #require(Int(fields["size"] ?? ""))
        var data = try Data(contentsOf: URL(fileURLWithPath: Self.axis))
        data[position + size / 2] ^= 0x01
        let copy = TestSupport.temporaryDirectory() + "/intra.mp4"
        try data.write(to: URL(fileURLWithPath: copy))
        let report = try Self.report(copy)
        let invalid = report.gops.filter { $0.verdict == .invalid }
        #expect(invalid.count == 1)
        #expect(invalid.first?.firstPacket == target)
        #expect(invalid.first?.invalidPackets.count == invalid.first?.nalUnits)
        #expect(report.gops.filter { $0.verdict == .valid }.map(\.nalUnits).reduce(0, +) == report.nalUnits - (invalid.first?.nalUnits ?? 0))
    }

    @Test(arguments: [onvif, axis])
    func strippedSEIsAreNotSigned(path: String) throws {
        let stripped = try Self.derived(path, "stripped.mp4", ["-c", "copy", "-bsf:v", "filter_units=remove_types=6"])
        #expect(try Self.report(stripped).verdict == .notSigned)
    }

    @Test(arguments: [onvif, axis])
    func remuxIntoMatroskaStaysAuthentic(path: String) throws {
        let remuxed = try Self.derived(path, "remux.mkv", ["-c", "copy"])
        let report = try Self.report(remuxed)
        #expect(report.verdict == .authentic, "\(report.gops)")
    }

    @Test func transcodeIsNotSigned() throws {
        let transcoded = try Self.derived(Self.axis, "transcoded.mp4", ["-c:v", "libx264", "-preset", "ultrafast"])
        #expect(try Self.report(transcoded).verdict == .notSigned)
    }

    /// The first GOP cut away with `-c copy`: the first signature's pictures are not in the
    /// file (missing information), everything left is valid.
    @Test(arguments: [onvif, axis])
    func trimmedExportMissesOnlyItsFirstGOP(path: String) throws {
        let trimmed = try Self.derived(path, "trimmed.mp4", ["-c", "copy"], input: ["-ss", "2.5"])
        let (report, findings) = try Self.analysed(trimmed)
        #expect(report.verdict == .authenticWithMissingInformation, "\(report.gops)")
        #expect(findings.contains { $0.kind == .signatureGap && $0.message.contains("cut before it starts") })
        #expect(report.gops.first?.verdict == .missingInformation)
        #expect(report.gops.first?.nalUnits == 0)
        #expect(report.gops.dropFirst().allSatisfy { $0.verdict == .valid })
        #expect(report.validNALUnits == report.nalUnits)
    }

    /// A raw Annex B stream, as a DVR exports it, reads like its MP4.
    @Test func annexBStreamIsChecked() throws {
        let raw = try Self.derived(Self.axis, "raw.h264", ["-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264"])
        let report = try Self.report(raw)
        #expect(report.framework == "axis")
        #expect(report.verdict == .authentic, "\(report.gops) \(report.problems)")
    }
}

/// The verdict is evidence: kept in the stream's catalog row that the `ingested` event commits
/// to, so an insider who rewrites it (triggers off) is named by the audit, on either engine.
@Suite struct SignedVideoCustodyTests {
    @Test func anInsiderRewritingAVerdictIsCaught() throws {
        let path = try SignedVideoTests.derived(SignedVideoTests.axis, "stripped.mp4", ["-c", "copy", "-bsf:v", "filter_units=remove_types=6"])
        let store = try TestSupport.newStorePath()
        for (index, file) in [SignedVideoTests.onvif, path].enumerated() {
            let ingest = try TestSupport.dfc(["ingest", file, "--case", "SIG-1", "--store", store])
            try #require(ingest.status == 0, "ingest \(index): \(ingest.stderr)")
        }
        let text = try TestSupport.dfc(["authenticity", "EX-1", "--store", store])
        #expect(text.status == 0)
        #expect(text.stdout.contains("ONVIF Media Signing: AUTHENTIC"), "\(text.stdout)")
        #expect(text.stdout.contains("Cert 0     CN=Test camera"))
        let json = try TestSupport.dfc(["authenticity", "EX-2", "--json", "--store", store])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let streams = try #require(answer["streams"] as? [[String: Any]], "\(json.stdout)")
        #expect((streams.first?["signature"] as? [String: Any])?["verdict"] as? String == "not_signed")
        #expect(try TestSupport.dfc(["audit", "--store", store]).status == 0)
        // Triage: the lookups narrowed by the exhibits' own signatures.
        let signed = try TestSupport.dfc(["lookup", "--case", "SIG-1", "--signed-only", "--store", store])
        #expect(signed.status == 0 && signed.stdout.split(separator: "\n").map { $0.prefix(9) } == ["EX-000001"], "\(signed.stdout)")
        let unsigned = try TestSupport.dfc(["lookup", "--case", "SIG-1", "--unsigned", "--store", store])
        #expect(unsigned.stdout.split(separator: "\n").map { $0.prefix(9) } == ["EX-000002"], "\(unsigned.stdout)")
        let timed = try TestSupport.dfc(["lookup", "--from", "2024-11-13T00:00:00Z", "--to", "2024-11-14T00:00:00Z", "--signed-only", "--store", store])
        #expect(timed.status == 0 && timed.stdout.hasPrefix("EX-000001") && !timed.stdout.contains("EX-000002"), "\(timed.stdout)\(timed.stderr)")
        #expect(try TestSupport.dfc(["lookup", "--case", "SIG-1", "--signed-only", "--unsigned", "--store", store]).status == 64)

        let insider = try Insider(path: store)
        let changed = try insider.execute(
            "UPDATE stream SET info_json = replace(info_json, '\"verdict\":\"not_signed\"', '\"verdict\":\"authentic\"') "
            + "WHERE exhibit_id = (SELECT id FROM exhibit WHERE original_name = 'stripped.mp4')")
        try #require(changed == 1)
        let audit = try TestSupport.dfc(["audit", "--store", store])
        #expect(audit.status != 0)
        #expect(audit.stdout.contains("EX-000002: its stream rows no longer match what its ingested event"), "\(audit.stdout)")
    }

    /// An export package carries the verdicts (in each exhibit's description, under the signed
    /// authorisation), and verify-package checks the signatures again, offline.
    @Test func aPackageCarriesAndRechecksTheVerdict() throws {
        let store = try TestSupport.newStorePath()
        try #require(try TestSupport.dfc(["ingest", SignedVideoTests.onvif, "--case", "SIG-3", "--store", store]).status == 0)
        // FFmpeg complains of its signing SEIs (written without emulation prevention) and of the last
        // packet, a SEI alone; no picture is damaged, so it is not decoded a second time on one thread.
        let shown = try TestSupport.dfc(["show", "EX-1", "--store", store])
        #expect(shown.stdout.contains("SEI type 5 size") && !shown.stdout.contains("single_threaded_decode"), "\(shown.stdout)")
        let package = TestSupport.temporaryDirectory() + "/package"
        let export = try TestSupport.dfc(["export", "EX-1", "--output", package, "--authorized-by", TestSupport.custodian,
                                          "--reason", "disclosure to the defence", "--recipient", "Defence counsel", "--store", store])
        try #require(export.status == 0, "\(export.stderr)")
        let description = try String(contentsOfFile: package + "/dfc/exhibits/EX-000001/exhibit.json", encoding: .utf8)
        #expect(description.contains("\"verdict\" : \"authentic\"") || description.contains("\"verdict\":\"authentic\""), "\(description.prefix(400))")
        let verified = try TestSupport.dfc(["verify-package", package], actor: nil, in: TestSupport.temporaryDirectory())
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // The CASE description states it as an annotation of the file, and stays valid CASE.
        let jsonld = try String(contentsOfFile: package + "/dfc/case.jsonld", encoding: .utf8)
        #expect(jsonld.contains("carries ONVIF Media Signing signatures: authentic, 256 of 256 picture NAL units"))
        let bin = (TestSupport.oraclePython as NSString).deletingLastPathComponent
        let caseValidate = try TestSupport.run(bin + "/case_validate", [package + "/dfc/case.jsonld"])
        #expect(caseValidate.status == 0 && caseValidate.stdout.contains("Conforms: True"), "\(caseValidate.stdout)")
        // And the court report has a section of its own.
        let html = TestSupport.temporaryDirectory() + "/report.html"
        try #require(try TestSupport.dfc(["report", "EX-1", "--output", html, "--store", store]).status == 0)
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.contains("<h3>Camera signatures</h3>"))
        #expect(report.contains("ONVIF Media Signing: authentic; 256 of 256 picture NAL units covered by a valid signature"))
        #expect(report.contains("CN=Test camera"))
    }
}

/// Hostile signing SEIs, made from the real Axis sample in Annex B: truncated, repeated, with
/// absurd lengths, a key that does not parse, and random bytes. Each gives a report with what it
/// could not read, in bounded time, never a crash.
@Suite struct SignedVideoHostileTests {
    /// The Axis sample's NAL units (Annex B, as a DVR exports it), each without its start code.
    static let units: [[UInt8]] = {
        let raw = try! SignedVideoTests.derived(SignedVideoTests.axis, "raw.h264", ["-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264"])
        let bytes = [UInt8](FileManager.default.contents(atPath: raw)!)
        var result: [[UInt8]] = []
        var start: Int?
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                if let begin = start { result.append(Array(bytes[begin..<index])) }
                start = index + 3
                index += 3
                continue
            }
            index += 1
        }
        if let begin = start { result.append(Array(bytes[begin...])) }
        return result.map { unit in Array(unit.reversed().drop { $0 == 0 }.reversed()) }
    }()

    static func isSigningSEI(_ unit: [UInt8]) -> Bool {
        unit.first.map { $0 & 0x1f == 6 } == true && unit.count > 40 && Data(unit).range(of: Data("Signed Video...0".utf8)) != nil
    }

    /// The report of a stream of `units`, written as Annex B.
    static func report(_ units: [[UInt8]]) throws -> SignedVideoReport {
        var bytes: [UInt8] = []
        for unit in units { bytes += [0, 0, 0, 1] + unit }
        let path = TestSupport.temporaryDirectory() + "/hostile.h264"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try SignedVideoTests.report(path)
    }

    @Test func theAnnexBCopyIsAuthenticToBeginWith() throws {
        #expect(Self.units.filter(Self.isSigningSEI).count == 5)
        #expect(try Self.report(Self.units).verdict == .authentic)
    }

    @Test func truncatedSEIsAreUnreadableNotFatal() throws {
        let units = Self.units.map { Self.isSigningSEI($0) ? Array($0.prefix($0.count / 2)) + [0x80] : $0 }
        let report = try Self.report(units)
        #expect(report.verdict == .notSigned || report.unreadableSEIs > 0)
        #expect(report.validNALUnits == 0)
    }

    @Test func repeatedSEIsCoverNothingNew() throws {
        let units = Self.units.flatMap { Self.isSigningSEI($0) ? [$0, $0] : [$0] }
        let report = try Self.report(units)
        #expect(report.verdict == .authentic, "\(report.gops)")
        #expect(report.problems.contains { $0.contains("repeated or out of order") })
    }

    @Test func absurdLengthsAndAGarbageKeyAreReported() throws {
        var first = true
        let units = Self.units.map { unit -> [UInt8] in
            guard Self.isSigningSEI(unit) else { return unit }
            var unit = unit
            if first {
                // The public key's PEM text turned to noise: no key, so nothing can be verified.
                if let range = Data(unit).range(of: Data("MFkw".utf8)) { for index in range { unit[index] = 0x21 } }
                first = false
            } else if let tag = Data(unit).range(of: Data("Signed Video...0".utf8))?.upperBound, tag + 3 < unit.count {
                unit[tag + 2] = 0x7f; unit[tag + 3] = 0xfe  // the first field claims 32,766 bytes
            }
            return unit
        }
        let report = try Self.report(units)
        #expect(report.verdict != .authentic)
        #expect(report.unreadableSEIs >= 3, "\(report.problems)")
        #expect(report.problems.contains { $0.contains("key cannot be used") }, "\(report.problems)")
    }

    /// Random bytes written over the signing SEIs, 40 times: the report always comes back.
    @Test func randomBytesInTheSEIsNeverCrash() throws {
        var generator = SystemRandomNumberGenerator()
        let seis = Self.units.indices.filter { Self.isSigningSEI(Self.units[$0]) }
        for _ in 0..<40 {
            var units = Self.units
            for index in seis {
                for _ in 0..<Int.random(in: 1...12, using: &generator) {
                    let at = Int.random(in: 1..<units[index].count, using: &generator)
                    units[index][at] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            let report = try Self.report(units)
            #expect(report.nalUnits > 0)
        }
    }
}

/// Trust anchors are signed custody events; provenance is judged against the anchors of the day
/// at analysis, and again by `reanalyze`.
@Suite struct TrustAnchorTests {
    @Test func anAnchorMakesTheONVIFSignerTrustedUntilRevoked() throws {
        let store = try TestSupport.newStorePath()
        let anchor = TestSupport.fixture("authenticity/onvif_ca.pem")
        func dfc(_ arguments: [String], actor: String = TestSupport.custodian) throws -> TestSupport.Run {
            try TestSupport.dfc(arguments + ["--store", store], actor: actor)
        }
        try #require(try dfc(["actor", "add", TestSupport.custodian, "--role", "custodian"], actor: "").status == 0)
        try #require(try dfc(["actor", "add", "A. Analyst", "--role", "analyst"]).status == 0)

        let refused = try dfc(["trust", "add", "--for", "onvif", anchor, "--reason", "maker's root"], actor: "A. Analyst")
        #expect(refused.status != 0 && refused.status != 1 && refused.stderr.contains("custodian or a supervisor"), "\(refused.stderr)")
        let notPEM = try dfc(["trust", "add", "--for", "onvif", TestSupport.fixture("authenticity/NOTICE.md"), "--reason", "wrong file"])
        #expect(notPEM.status != 0 && notPEM.stderr.contains("no PEM certificate"), "\(notPEM.stderr)")

        let added = try dfc(["trust", "add", "--for", "onvif", anchor, "--reason", "ONVIF test root, from the media-signing-framework repository"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("TRUSTED\tonvif\t"))
        let again = try dfc(["trust", "add", "--for", "onvif", anchor, "--reason", "twice"])
        #expect(again.status != 0 && again.stderr.contains("already a trust anchor"))

        try #require(try dfc(["ingest", SignedVideoTests.onvif, "--case", "SIG-2"], actor: "A. Analyst").status == 0)
        let trusted = try dfc(["authenticity", "EX-1"], actor: "A. Analyst")
        #expect(trusted.stdout.contains("Provenance trusted"), "\(trusted.stdout)")
        let show = try dfc(["show", "EX-1"], actor: "A. Analyst")
        #expect(!show.stdout.contains("signer_untrusted"))

        let sha256 = String(added.stdout.split(separator: "\t")[2])
        #expect(try dfc(["trust", "revoke", String(sha256.prefix(16)), "--reason", "root withdrawn by the maker"]).status == 0)
        let list = try dfc(["trust", "list"], actor: "A. Analyst")
        #expect(list.stdout.contains("Test RootCA") && list.stdout.contains("REVOKED by \(TestSupport.custodian)"), "\(list.stdout)")
        // The verdict made before the revocation stands; a reanalysis judges against today's anchors.
        #expect(try dfc(["authenticity", "EX-1"], actor: "A. Analyst").stdout.contains("Provenance trusted"))
        try #require(try dfc(["reanalyze", "EX-1", "--reason", "anchors changed"]).status == 0)
        let now = try dfc(["authenticity", "EX-1", "--json"], actor: "A. Analyst")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(now.stdout.utf8)) as? [String: Any])
        let streams = try #require(answer["streams"] as? [[String: Any]], "\(now.stdout)")
        let signer = ((streams.first?["signature"] as? [String: Any])?["signer"] as? [String: Any])
        #expect(signer?["provenance"] as? String == "not_established", "\(now.stdout)")
        #expect(try dfc(["audit"]).status == 0)

        // The Axis sample carries a bare key: no chain, so no anchor can vouch for it.
        try #require(try dfc(["trust", "add", "--for", "axis", TestSupport.fixture("authenticity/axis_cert_chain.pem"), "--reason", "Axis test chain"]).status == 0)
        try #require(try dfc(["ingest", SignedVideoTests.axis, "--case", "SIG-2"], actor: "A. Analyst").status == 0)
        let bare = try dfc(["authenticity", "EX-2"], actor: "A. Analyst")
        #expect(bare.stdout.contains("Provenance not established"), "\(bare.stdout)")
        #expect(try dfc(["show", "EX-2"], actor: "A. Analyst").stdout.contains("bare key"))
    }
}
