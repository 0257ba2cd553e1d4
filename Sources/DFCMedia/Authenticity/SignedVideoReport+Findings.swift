import DFCCore

extension SignedVideoReport {
    /// The findings an examiner must see of stream `stream`'s signatures: every invalid GOP, every
    /// gap, what could not be read, and a signer no trusted anchor vouches for.
    package func findings(stream: Int) -> [Finding] {
        guard let name = frameworkName else { return [] }
        var result: [Finding] = []
        for gop in gops {
            let counter = gop.counter.map { " GOP \($0)" } ?? ""
            let range = gop.firstPacket.map { first in " (packets \(first)–\(gop.lastPacket ?? first))" } ?? ""
            switch gop.verdict {
            case .valid:
                continue
            case .invalid:
                let packets = gop.invalidPackets.isEmpty ? "" : "; packets " + gop.invalidPackets.prefix(20).map(String.init).joined(separator: ", ")
                    + (gop.invalidPackets.count > 20 ? " and \(gop.invalidPackets.count - 20) more" : "")
                result.append(Finding(kind: .signatureInvalid, severity: .error, message:
                    "stream \(stream): \(name)\(counter)\(range) does not match its signature: \(gop.reason ?? "invalid")\(packets)",
                    stream: stream, packet: gop.invalidPackets.first ?? gop.firstPacket))
            case .missingInformation:
                result.append(Finding(kind: .signatureGap, severity: .warning, message:
                    "stream \(stream): \(name)\(counter)\(range): \(gop.reason ?? "missing information")", stream: stream, packet: gop.firstPacket))
            }
        }
        if unreadableSEIs > 0 || !problems.isEmpty {
            result.append(Finding(kind: .signatureUnreadable, severity: .warning, message:
                "stream \(stream): \(unreadableSEIs) of \(signatureSEIs) \(name) SEIs could not be read"
                + (problems.isEmpty ? "" : ": " + problems.prefix(3).joined(separator: "; ")), stream: stream))
        }
        if verdict == .authentic || verdict == .authenticWithMissingInformation, signer?.provenance != "trusted" {
            result.append(Finding(kind: .signerUntrusted, severity: .info, message:
                "stream \(stream): the \(name) signatures hold, but who signed is not established (key \(signer?.publicKeySHA256?.prefix(16) ?? "?")…): "
                + "\(signer?.provenanceReason ?? "no trust anchor vouches for it"); authenticity shown, provenance not", stream: stream))
        }
        return result
    }
}
