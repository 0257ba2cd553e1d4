internal import Crypto
import Foundation
internal import X509
import DFCCore

/// Trust anchors read from PEM (one certificate or a maker's bundle), and a signer's chain judged
/// against them.
package enum AnchorCertificates {
    /// Why a PEM file gives no anchor.
    package struct Unusable: Error, CustomStringConvertible {
        package let description: String
    }

    /// Every certificate in `pem`, for `framework`. Refuses a file with none, or one that does not parse.
    package static func read(pem: String, framework: TrustAnchor.Framework) throws(Unusable) -> [TrustAnchor.Certificate] {
        let blocks = StreamSigningKey.pemBlocks(pem, label: "CERTIFICATE", limit: 10_000)
        guard !blocks.isEmpty else { throw Unusable(description: "no PEM certificate (-----BEGIN CERTIFICATE-----) in it") }
        var result: [TrustAnchor.Certificate] = []
        for (index, block) in blocks.enumerated() {
            let certificate: Certificate
            do { certificate = try Certificate(pemEncoded: block) } catch { throw Unusable(description: "certificate \(index + 1) does not parse: \(error)") }
            let der = StreamSigningKey.derBytes(block)
            let described = StreamSigningKey.describe(certificate, der: der)
            guard !result.contains(where: { $0.sha256 == described.sha256 }) else { continue }  // a bundle naming one twice
            result.append(TrustAnchor.Certificate(framework: framework, der: der.base64EncodedString(), sha256: described.sha256,
                                                  subject: described.subject, notBefore: described.notBefore, notAfter: described.notAfter))
        }
        return result
    }

    /// Provenance of a chain (leaf first): `trusted` when every link up to an anchor verifies
    /// (a chain certificate that is an anchor, or one an anchor signed), with that anchor's SHA-256;
    /// otherwise why not. Signatures and names only: no revocation check (DFC opens no connection).
    static func provenance(chain: [(certificate: Certificate, der: Data)], anchors: [TrustAnchor.Certificate]) -> (verdict: String, anchor: String?, reason: String?) {
        guard !chain.isEmpty else { return ("not_established", nil, "the stream carries a bare key, no certificate to chain") }
        guard !anchors.isEmpty else { return ("not_established", nil, "the lab holds no trust anchor for this framework") }
        let parsed: [(certificate: Certificate, der: Data, sha256: String)] = anchors.compactMap { anchor in
            guard let der = Data(base64Encoded: anchor.der), let certificate = try? Certificate(derEncoded: Array(der)) else { return nil }
            return (certificate, der, anchor.sha256)
        }
        for (index, (certificate, der)) in chain.enumerated() {
            if let anchor = parsed.first(where: { $0.der == der }) { return ("trusted", anchor.sha256, nil) }
            if let anchor = parsed.first(where: { $0.certificate.subject == certificate.issuer
                && $0.certificate.publicKey.isValidSignature(certificate.signature, for: certificate) }) {
                return ("trusted", anchor.sha256, nil)
            }
            guard index + 1 < chain.count else { break }
            let issuer = chain[index + 1].certificate
            guard issuer.subject == certificate.issuer, issuer.publicKey.isValidSignature(certificate.signature, for: certificate) else {
                return ("untrusted", nil, "certificate \(index) is not signed by the next certificate in the chain")
            }
        }
        return ("untrusted", nil, "the chain reaches no trust anchor the lab holds (\(parsed.count) for this framework)")
    }
}
