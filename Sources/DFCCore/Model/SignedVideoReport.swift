/// What a video stream's own signatures say of it: ONVIF Media Signing or Axis Signed Video,
/// checked GOP by GOP when the exhibit was analysed.
///
/// Two answers, kept apart as the frameworks keep them: **authenticity** (`verdict`: do the
/// pictures match the signatures the camera put in the stream) and **provenance** (`signer`:
/// who holds the key, and whether it chains to an anchor the lab trusts).
public struct SignedVideoReport: Sendable, Codable, Equatable {
    /// The stream's overall answer.
    public enum Verdict: String, Sendable, Codable {
        /// Every picture present is covered by a valid signature.
        case authentic
        /// Every signature that could be checked holds, but some pictures are not covered: the
        /// first GOP of a trimmed export, a gap, pictures after the last signature.
        case authenticWithMissingInformation = "authentic_with_missing_information"
        /// At least one picture does not match its signature, or a signature does not verify.
        case tampered
        /// Signatures are present but none could be checked (no key, an algorithm DFC does not verify).
        case unverifiable
        /// The stream carries no signature of either framework (never signed, or transcoded).
        case notSigned = "not_signed"
    }

    /// One GOP (or part of one) as a signature covers it.
    public struct GOP: Sendable, Codable, Equatable {
        /// The (partial) GOP's verdict.
        public enum Verdict: String, Sendable, Codable {
            /// Its pictures match the hashes its signature covers, and the signature verifies.
            case valid
            /// A picture differs, is missing or was added, or the signature does not verify.
            case invalid
            /// Its pictures are not in the file (the signature refers to pictures cut away),
            /// or they are in the file with no signature to check them against.
            case missingInformation = "missing_information"
        }
        /// The GOP counter the signer wrote; nil for pictures no signature covers.
        public var counter: Int64?
        /// How many consecutive GOPs this record stands for: valid GOPs in a row are kept as one
        /// record (counters `counter` to `counter + gopCount - 1`); any other GOP has its own.
        public var gopCount: Int = 1
        public var verdict: Verdict
        /// The first and last packets (decode order, the exhibit's packet numbers) it covers.
        public var firstPacket: Int?
        public var lastPacket: Int?
        /// Its pictures' NAL units in the file, and those the signature lists.
        public var nalUnits: Int
        public var signedNALUnits: Int
        /// Packets holding a NAL unit that does not match the signature, or that it does not list.
        public var invalidPackets: [Int]
        /// NAL units the signature lists that are not in the file.
        public var missingNALUnits: Int
        /// The packet holding the signature's SEI.
        public var signaturePacket: Int?
        /// Whether the signature over the SEI verifies with the signer's key (nil: not checked).
        public var signatureValid: Bool?
        /// The signing times the SEI states, microseconds since 1970 as the framework writes them.
        public var startTimestamp: Int64?
        public var endTimestamp: Int64?
        /// Why it is not valid, in words.
        public var reason: String?

        public init(counter: Int64? = nil, verdict: Verdict, firstPacket: Int? = nil, lastPacket: Int? = nil, nalUnits: Int,
                    signedNALUnits: Int, invalidPackets: [Int] = [], missingNALUnits: Int = 0, signaturePacket: Int? = nil,
                    signatureValid: Bool? = nil, startTimestamp: Int64? = nil, endTimestamp: Int64? = nil, reason: String? = nil) {
            self.counter = counter
            self.verdict = verdict
            self.firstPacket = firstPacket
            self.lastPacket = lastPacket
            self.nalUnits = nalUnits
            self.signedNALUnits = signedNALUnits
            self.invalidPackets = invalidPackets
            self.missingNALUnits = missingNALUnits
            self.signaturePacket = signaturePacket
            self.signatureValid = signatureValid
            self.startTimestamp = startTimestamp
            self.endTimestamp = endTimestamp
            self.reason = reason
        }
    }

    /// One certificate the stream carries (leaf first), as read, never trusted for being there.
    public struct Certificate: Sendable, Codable, Equatable {
        public var subject: String
        public var issuer: String
        public var serialNumber: String
        public var notBefore: String
        public var notAfter: String
        /// The public key's algorithm (`P-256`, `P-384`, `RSA`, …).
        public var keyAlgorithm: String
        /// SHA-256 of the certificate's DER encoding, hex.
        public var sha256: String

        public init(subject: String, issuer: String, serialNumber: String, notBefore: String, notAfter: String, keyAlgorithm: String, sha256: String) {
            self.subject = subject
            self.issuer = issuer
            self.serialNumber = serialNumber
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.keyAlgorithm = keyAlgorithm
            self.sha256 = sha256
        }
    }

    /// Who signed, as the stream states it.
    public struct Signer: Sendable, Codable, Equatable {
        /// SHA-256 of the signing key's SubjectPublicKeyInfo (DER), hex; nil when no key was found.
        public var publicKeySHA256: String?
        /// The key's algorithm (`P-256`, `P-384`, `RSA`, …).
        public var keyAlgorithm: String?
        /// The certificate chain the stream carries, leaf first (empty when it carries a bare key).
        public var certificates: [Certificate]
        /// Whether the key changed part-way through the stream.
        public var publicKeyChanged: Bool
        /// Maker, serial number, firmware, hardware id and address, as the SEIs state them.
        public var manufacturer: String?
        public var serialNumber: String?
        public var firmwareVersion: String?
        public var hardwareID: String?
        public var address: String?
        /// The signing software's version, as the SEIs state it.
        public var signingSoftware: String?
        /// Provenance: `trusted` (the chain verifies up to an anchor the lab holds), `untrusted`
        /// (it reaches none, or a link does not verify) or `not_established` (a bare key, or no
        /// anchor held for the framework).
        public var provenance: String
        /// Why provenance is not `trusted`, in words.
        public var provenanceReason: String?
        /// The anchor the chain reached (its certificate's SHA-256), and every anchor of the
        /// framework the verdict was judged against (`dfc trust list`).
        public var anchor: String?
        public var anchorsConsidered: [String] = []

        public init(publicKeySHA256: String? = nil, keyAlgorithm: String? = nil, certificates: [Certificate] = [], publicKeyChanged: Bool = false,
                    manufacturer: String? = nil, serialNumber: String? = nil, firmwareVersion: String? = nil, hardwareID: String? = nil,
                    address: String? = nil, signingSoftware: String? = nil, provenance: String = "not_established") {
            self.publicKeySHA256 = publicKeySHA256
            self.keyAlgorithm = keyAlgorithm
            self.certificates = certificates
            self.publicKeyChanged = publicKeyChanged
            self.manufacturer = manufacturer
            self.serialNumber = serialNumber
            self.firmwareVersion = firmwareVersion
            self.hardwareID = hardwareID
            self.address = address
            self.signingSoftware = signingSoftware
            self.provenance = provenance
        }
    }

    /// `onvif` (ONVIF Media Signing) or `axis` (Axis Signed Video); nil when not signed.
    public var framework: String?

    /// The framework's name in words (`ONVIF Media Signing`, `Axis Signed Video`); nil when not signed.
    public var frameworkName: String? { framework.map(Self.frameworkName) }

    /// The name in words of the framework `framework` names (`onvif` or `axis`).
    public static func frameworkName(_ framework: String) -> String {
        framework == "onvif" ? "ONVIF Media Signing" : "Axis Signed Video"
    }
    public var verdict: Verdict
    /// The (partial) GOPs in stream order, pictures no signature covers included.
    public var gops: [GOP]
    public var signer: Signer?
    /// The hash algorithm the signatures use (`SHA-256`, …).
    public var hashAlgorithm: String?
    /// Picture NAL units read, and how many of them a valid signature covers.
    public var nalUnits: Int
    public var validNALUnits: Int
    /// Signing SEIs read, and those that could not be read (truncated, absurd lengths, …).
    public var signatureSEIs: Int
    public var unreadableSEIs: Int
    /// What could not be read or checked, in words (bounded).
    public var problems: [String]

    public init(framework: String? = nil, verdict: Verdict, gops: [GOP] = [], signer: Signer? = nil, hashAlgorithm: String? = nil,
                nalUnits: Int = 0, validNALUnits: Int = 0, signatureSEIs: Int = 0, unreadableSEIs: Int = 0, problems: [String] = []) {
        self.framework = framework
        self.verdict = verdict
        self.gops = gops
        self.signer = signer
        self.hashAlgorithm = hashAlgorithm
        self.nalUnits = nalUnits
        self.validNALUnits = validNALUnits
        self.signatureSEIs = signatureSEIs
        self.unreadableSEIs = unreadableSEIs
        self.problems = problems
    }
}
