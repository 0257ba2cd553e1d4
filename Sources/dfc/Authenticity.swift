import ArgumentParser
import DFCKit
import Foundation

struct Authenticity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what an exhibit's own signatures say of it: camera signatures (ONVIF Media Signing, Axis Signed Video) GOP by GOP, and C2PA Content Credentials.",
        discussion: """
            The signatures were checked when the exhibit was analysed, in the confined worker, and the result is \
            part of the stream's catalog row that the exhibit's custody event commits to. Two answers, as the \
            frameworks give them: authenticity (do the pictures match the signatures) and provenance (who signed: \
            the key and the chain the stream carries; not established unless it chains to a trust anchor).
            C2PA Content Credentials (MP4, MOV, JPEG, PNG, HEIC, WebP) are read by c2pa-rs, the reference \
            implementation, with every network fetch off: the state (trusted, valid, invalid), every status code, the \
            signer, the claim generator, the actions the manifest records and its ingredients.
            An exhibit analysed before DFC checked signatures says so; `dfc reanalyze` checks it.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number (EX-000001) or the original's SHA-256 (or a unique prefix of 12+ hex digits).")
    var reference: String

    @Flag(help: "Print JSON: one object per video stream, {stream, codec, signature} (signature null when not checked).")
    var json = false

    struct StreamSignature: Encodable {
        let stream: Int
        let codec: String
        let signature: SignedVideoReport?
    }

    /// `--json`: the streams' camera signatures and the file's Content Credentials.
    struct Answer: Encodable {
        let exhibit: String
        let streams: [StreamSignature]
        let contentCredentials: ContentCredentials?
    }

    func run() throws {
        try reportingErrors {
            let report = try options.open().reading.exhibit(reference, actor: options.actorName)
            let videos = report.streams.filter { $0.type == "video" }
            if json {
                print(Output.json(Answer(exhibit: report.exhibit.description,
                                         streams: videos.map { StreamSignature(stream: $0.index, codec: $0.codec, signature: $0.signature) },
                                         contentCredentials: report.containerInfo?.contentCredentials)))
                return
            }
            print("Exhibit    \(report.exhibit)  \(report.originalName)")
            if videos.isEmpty && report.containerInfo?.contentCredentials == nil { print("No video stream, no Content Credentials: nothing signed to check.") }
            for stream in videos {
                guard let signature = stream.signature else {
                    let reason = ["h264", "hevc"].contains(stream.codec)
                        ? "not checked: analysed before DFC checked camera signatures (`dfc reanalyze` checks it)"
                        : "camera signatures do not apply (ONVIF and Axis sign H.264 and H.265, this is \(stream.codec))"
                    print("Stream #\(stream.index) \(stream.codec): \(reason)")
                    continue
                }
                Self.describe(signature, stream: stream.index, codec: stream.codec)
            }
            if let credentials = report.containerInfo?.contentCredentials { Self.describe(credentials) }
        }
    }

    static func describe(_ credentials: ContentCredentials) {
        Swift.print("C2PA Content Credentials (\(credentials.format ?? "?")): \(credentials.state.rawValue.uppercased().replacingOccurrences(of: "_", with: " "))")
        if let reason = credentials.reason { Swift.print("  Reason     \(reason)") }
        if let library = credentials.library { Swift.print("  Checked by \(library), network fetches off") }
        if !credentials.statusCodes.isEmpty { Swift.print("  Status     " + credentials.statusCodes.joined(separator: ", ")) }
        if let manifest = credentials.activeManifest {
            Swift.print("  Manifest   \(manifest) (\(credentials.manifestCount) in the store)")
        }
        if let generator = credentials.claimGenerator { Swift.print("  Generator  \(generator)") }
        if credentials.signerName != nil || credentials.signerIssuer != nil {
            Swift.print("  Signer     \(credentials.signerName ?? "?"), issued by \(credentials.signerIssuer ?? "?")"
                        + (credentials.signerSerial.map { ", serial \($0)" } ?? "") + (credentials.signatureAlgorithm.map { ", \($0)" } ?? "")
                        + (credentials.signedAt.map { ", signed \($0)" } ?? ""))
        }
        for action in credentials.actions {
            Swift.print("  Action     \(action.action)" + (action.softwareAgent.map { " by \($0)" } ?? "") + (action.when.map { " at \($0)" } ?? ""))
        }
        for ingredient in credentials.ingredients {
            Swift.print("  Ingredient \(ingredient.title ?? "?") (\(ingredient.format ?? "?"), \(ingredient.relationship ?? "?"))"
                        + (ingredient.statusCodes.isEmpty ? "" : ": " + ingredient.statusCodes.joined(separator: ", ")))
        }
    }

    static func describe(_ report: SignedVideoReport, stream: Int, codec: String) {
        let framework = report.frameworkName ?? "no signature"
        Swift.print("Stream #\(stream) \(codec): \(framework): \(report.verdict.rawValue.uppercased().replacingOccurrences(of: "_", with: " "))")
        Swift.print("  Pictures   \(report.nalUnits) NAL units, \(report.validNALUnits) covered by a valid signature")
        guard report.framework != nil else { return }
        Swift.print("  SEIs       \(report.signatureSEIs) signing SEIs\(report.unreadableSEIs > 0 ? ", \(report.unreadableSEIs) unreadable" : ""), \(report.hashAlgorithm ?? "?")")
        if let signer = report.signer {
            Swift.print("  Key        \(signer.keyAlgorithm ?? "none found") \(signer.publicKeySHA256 ?? "")\(signer.publicKeyChanged ? " (CHANGED part-way)" : "")")
            for (index, certificate) in signer.certificates.enumerated() {
                Swift.print("  Cert \(index)     \(certificate.subject), issued by \(certificate.issuer), serial \(certificate.serialNumber), "
                            + "valid \(certificate.notBefore) to \(certificate.notAfter), SHA-256 \(certificate.sha256)")
            }
            let vendor = [signer.manufacturer.map { "maker \($0)" }, signer.serialNumber.map { "serial \($0)" },
                          signer.firmwareVersion.map { "firmware \($0)" }, signer.hardwareID.map { "hardware \($0)" },
                          signer.address.map { "address \($0)" }].compactMap { $0 }
            if !vendor.isEmpty { Swift.print("  Vendor     " + vendor.joined(separator: ", ")) }
            Swift.print("  Provenance \(signer.provenance.replacingOccurrences(of: "_", with: " "))")
        }
        for gop in report.gops {
            let counters = gop.counter.map { gop.gopCount > 1 ? "GOP \($0)–\($0 + Int64(gop.gopCount) - 1)" : "GOP \($0)" } ?? "unsigned"
            let packets = gop.firstPacket.map { "packets \($0)–\(gop.lastPacket ?? $0)" } ?? "no packets here"
            var line = "  \(counters.padding(toLength: 12, withPad: " ", startingAt: 0)) \(gop.verdict.rawValue.replacingOccurrences(of: "_", with: " ")), \(packets)"
            if let start = gop.startTimestamp, let end = gop.endTimestamp { line += ", signed times \(start)–\(end)" }
            if let reason = gop.reason { line += ": \(reason)" }
            if !gop.invalidPackets.isEmpty { line += "; packets " + gop.invalidPackets.prefix(20).map(String.init).joined(separator: ", ") }
            Swift.print(line)
        }
        for problem in report.problems { Swift.print("  Problem    \(problem)") }
    }
}
