import ArgumentParser
import DFCKit
import Foundation

struct Authenticity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a video's own camera signatures say of it (ONVIF Media Signing, Axis Signed Video), GOP by GOP.",
        discussion: """
            The signatures were checked when the exhibit was analysed, in the confined worker, and the result is \
            part of the stream's catalog row that the exhibit's custody event commits to. Two answers, as the \
            frameworks give them: authenticity (do the pictures match the signatures) and provenance (who signed: \
            the key and the chain the stream carries; not established unless it chains to a trust anchor).
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

    func run() throws {
        try reportingErrors {
            let report = try options.open().reading.exhibit(reference, actor: options.actorName)
            let videos = report.streams.filter { $0.type == "video" }
            if json {
                print(Output.json(videos.map { StreamSignature(stream: $0.index, codec: $0.codec, signature: $0.signature) }))
                return
            }
            print("Exhibit    \(report.exhibit)  \(report.originalName)")
            if videos.isEmpty { print("No video stream: nothing signed to check.") }
            for stream in videos {
                guard let signature = stream.signature else {
                    let reason = ["h264", "hevc"].contains(stream.codec)
                        ? "not checked: analysed before DFC checked camera signatures (`dfc reanalyze` checks it)"
                        : "not checked: the frameworks sign H.264 and H.265, this is \(stream.codec)"
                    print("Stream #\(stream.index) \(stream.codec): \(reason)")
                    continue
                }
                Self.describe(signature, stream: stream.index, codec: stream.codec)
            }
        }
    }

    static func describe(_ report: SignedVideoReport, stream: Int, codec: String) {
        let framework = report.framework.map { $0 == "onvif" ? "ONVIF Media Signing" : "Axis Signed Video" } ?? "no signature"
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
