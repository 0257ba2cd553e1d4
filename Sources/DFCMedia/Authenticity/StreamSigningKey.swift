internal import Crypto
internal import _CryptoExtras
import Foundation
internal import X509
import DFCCore

/// The key a signed stream's SEIs are verified with: from the certificate chain an ONVIF SEI
/// carries (its leaf) or the public key an Axis SEI carries, parsed with swift-certificates.
/// ECDSA (P-256, P-384, P-521) and RSA-PSS signatures are verified with swift-crypto.
struct StreamSigningKey {
    private enum Key {
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case p521(P521.Signing.PublicKey)
        case rsa(_RSA.Signing.PublicKey)
    }

    private let key: Key
    /// SHA-256 of the key's SubjectPublicKeyInfo, hex: what says whether it changed.
    let fingerprint: String
    let algorithm: String

    /// Why a key or chain could not be used.
    struct Unusable: Error {
        let reason: String
    }

    /// From the PEM chain (leaf first) of an ONVIF certificate SEI.
    init(certificateChainPEM pem: String) throws(Unusable) {
        let blocks = Self.pemBlocks(pem, label: "CERTIFICATE", limit: 16)
        guard !blocks.isEmpty, blocks.count <= 16 else { throw Unusable(reason: "the certificate field holds no certificate, or more than 16") }
        var chain: [(certificate: Certificate, der: Data)] = []
        for block in blocks {
            do {
                chain.append((try Certificate(pemEncoded: block), Self.derBytes(block)))
            } catch {
                throw Unusable(reason: "a certificate does not parse: \(error)")
            }
        }
        try self.init(chain[0].certificate.publicKey, chain: chain)
    }

    /// From the PEM public key of an Axis public-key field.
    init(publicKeyPEM pem: String) throws(Unusable) {
        let key: Certificate.PublicKey
        do { key = try Certificate.PublicKey(pemEncoded: pem) } catch { throw Unusable(reason: "the public key does not parse: \(error)") }
        try self.init(key, chain: [])
    }

    private init(_ publicKey: Certificate.PublicKey, chain: [(certificate: Certificate, der: Data)]) throws(Unusable) {
        if let key = P256.Signing.PublicKey(publicKey) { self.key = .p256(key); algorithm = "P-256" }
        else if let key = P384.Signing.PublicKey(publicKey) { self.key = .p384(key); algorithm = "P-384" }
        else if let key = P521.Signing.PublicKey(publicKey) { self.key = .p521(key); algorithm = "P-521" }
        else if let key = _RSA.Signing.PublicKey(publicKey) { self.key = .rsa(key); algorithm = "RSA" }
        else { throw Unusable(reason: "the key's algorithm is not one the frameworks sign with") }
        fingerprint = Hex.string(SHA256.hash(data: Array(publicKey.subjectPublicKeyInfoBytes)))
        self.chain = chain
    }

    /// The chain the stream carries, leaf first, each with its DER.
    let chain: [(certificate: Certificate, der: Data)]

    var certificates: [SignedVideoReport.Certificate] { chain.map { Self.describe($0.certificate, der: $0.der) } }

    /// Whether `signature` (ECDSA in DER, or RSA-PSS) signs the hash of `signed` under the
    /// hash algorithm named by its DER OID (SHA-256 when none was stated).
    func verifies(_ signature: [UInt8], over signed: ArraySlice<UInt8>, hashOID: [UInt8]?) -> Bool {
        switch SigningSEI.hashSizes[hashOID ?? []] ?? 32 {
        case 48: return verifies(signature, digest: SHA384.hash(data: signed))
        case 64: return verifies(signature, digest: SHA512.hash(data: signed))
        default: return verifies(signature, digest: SHA256.hash(data: signed))
        }
    }

    private func verifies<D: Digest>(_ signature: [UInt8], digest: D) -> Bool {
        switch key {
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: digest)
        case .p384(let key):
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: digest)
        case .p521(let key):
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: digest)
        case .rsa(let key):
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(parsed, for: digest, padding: .PSS)
        }
    }

    /// The DER bytes of one PEM block.
    static func derBytes(_ pem: String) -> Data {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: body, options: .ignoreUnknownCharacters) ?? Data()
    }

    static func describe(_ certificate: Certificate, der: Data) -> SignedVideoReport.Certificate {
        let format = ISO8601DateFormatter()
        let algorithm: String
        if P256.Signing.PublicKey(certificate.publicKey) != nil { algorithm = "P-256" }
        else if P384.Signing.PublicKey(certificate.publicKey) != nil { algorithm = "P-384" }
        else if P521.Signing.PublicKey(certificate.publicKey) != nil { algorithm = "P-521" }
        else if _RSA.Signing.PublicKey(certificate.publicKey) != nil { algorithm = "RSA" }
        else { algorithm = "other" }
        return SignedVideoReport.Certificate(
            subject: SingleLine.visible(String(describing: certificate.subject)), issuer: SingleLine.visible(String(describing: certificate.issuer)),
            serialNumber: Hex.string(certificate.serialNumber.bytes), notBefore: format.string(from: certificate.notValidBefore),
            notAfter: format.string(from: certificate.notValidAfter), keyAlgorithm: algorithm, sha256: Hex.string(SHA256.hash(data: der)))
    }

    /// The PEM blocks with `label` in `text`, each from its BEGIN line to its END line.
    static func pemBlocks(_ text: String, label: String, limit: Int) -> [String] {
        let begin = "-----BEGIN \(label)-----", end = "-----END \(label)-----"
        var blocks: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: begin), let stop = rest.range(of: end, range: start.upperBound..<rest.endIndex) {
            blocks.append(String(rest[start.lowerBound..<stop.upperBound]))
            rest = rest[stop.upperBound...]
            if blocks.count > limit { break }
        }
        return blocks
    }
}
