/// A certificate the lab trusts to vouch for signers of one framework: a camera maker's root for
/// ONVIF Media Signing or Axis Signed Video, or a C2PA trust-list root. Added and revoked only by
/// signed custody events (`trust_anchor_added`, `trust_anchor_revoked`), so what the lab trusted
/// on any date is provable from the log alone.
public struct TrustAnchor: Sendable, Codable, Equatable {
    /// What the anchor vouches for.
    public enum Framework: String, Sendable, Codable, CaseIterable {
        case onvif, axis, c2pa
    }

    /// The certificate itself, as a worker judges a signer against it.
    public struct Certificate: Sendable, Codable, Equatable {
        public var framework: Framework
        /// The certificate's DER encoding, base64.
        public var der: String
        /// SHA-256 of the DER, hex: the anchor's name in events and verdicts.
        public var sha256: String
        public var subject: String
        public var notBefore: String
        public var notAfter: String

        public init(framework: Framework, der: String, sha256: String, subject: String, notBefore: String, notAfter: String) {
            self.framework = framework
            self.der = der
            self.sha256 = sha256
            self.subject = subject
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    public var certificate: Certificate
    /// The custody event that added it, who signed it, when, and why.
    public var addedEvent: Int64
    public var addedBy: String
    public var addedAt: String
    public var reason: String
    /// The custody event that revoked it, when one did.
    public var revokedEvent: Int64?
    public var revokedBy: String?
    public var revokedAt: String?
    public var revokeReason: String?

    public init(certificate: Certificate, addedEvent: Int64, addedBy: String, addedAt: String, reason: String, revokedEvent: Int64? = nil,
                revokedBy: String? = nil, revokedAt: String? = nil, revokeReason: String? = nil) {
        self.certificate = certificate
        self.addedEvent = addedEvent
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.reason = reason
        self.revokedEvent = revokedEvent
        self.revokedBy = revokedBy
        self.revokedAt = revokedAt
        self.revokeReason = revokeReason
    }
}
