/// What a file's C2PA Content Credentials say of it, as c2pa-rs (the reference implementation,
/// through its C API) validated them in the confined worker with every network fetch off.
public struct ContentCredentials: Sendable, Codable, Equatable {
    /// The overall answer.
    public enum State: String, Sendable, Codable {
        /// The manifest validates and its signer chains to a C2PA trust anchor the lab holds.
        case trusted
        /// The manifest validates (its signer may still be untrusted: see `statusCodes`).
        case valid
        /// The manifest does not validate: a hash, a signature or a claim fails (see `statusCodes`).
        case invalid
        /// The file carries no C2PA manifest.
        case notPresent = "not_present"
        /// The manifest could not be read (damaged, or nested without end), with the library's reason.
        case unreadable
        /// The C2PA library is not installed where DFC looks for it: nothing was checked.
        case notChecked = "not_checked"
    }

    /// One action a manifest records (`c2pa.created`, `c2pa.edited`, `c2pa.redacted`, …).
    public struct Action: Sendable, Codable, Equatable {
        public var action: String
        public var when: String?
        public var softwareAgent: String?

        public init(action: String, when: String? = nil, softwareAgent: String? = nil) {
            self.action = action
            self.when = when
            self.softwareAgent = softwareAgent
        }
    }

    /// One ingredient (a file this one was made from), as the active manifest names it.
    public struct Ingredient: Sendable, Codable, Equatable {
        public var title: String?
        public var format: String?
        public var relationship: String?
        /// The validation status codes recorded for it.
        public var statusCodes: [String]

        public init(title: String? = nil, format: String? = nil, relationship: String? = nil, statusCodes: [String] = []) {
            self.title = title
            self.format = format
            self.relationship = relationship
            self.statusCodes = statusCodes
        }
    }

    public var state: State
    /// Why nothing, or not everything, could be read.
    public var reason: String?
    /// The library that read it (`c2pa-c-ffi/0.91.3 c2pa-rs/0.91.3`).
    public var library: String?
    /// The MIME type the file was read as.
    public var format: String?
    /// Every validation status code, in the library's order (`signingCredential.untrusted`,
    /// `assertion.dataHash.mismatch`, …).
    public var statusCodes: [String]
    /// The active manifest's label, the claim generator, and the title it gives the file.
    public var activeManifest: String?
    public var claimGenerator: String?
    public var title: String?
    /// The signer as the manifest's signature states it: issuer, common name, certificate serial
    /// number, algorithm, and the signing time (from a time-stamp authority when it has one).
    public var signerIssuer: String?
    public var signerName: String?
    public var signerSerial: String?
    public var signatureAlgorithm: String?
    public var signedAt: String?
    public var actions: [Action]
    public var ingredients: [Ingredient]
    /// Manifests in the store (the active one and its ingredients').
    public var manifestCount: Int
    /// The C2PA trust anchors (SHA-256 of each certificate) the signer was judged against.
    public var anchorsConsidered: [String]

    public init(state: State, reason: String? = nil, library: String? = nil, format: String? = nil, statusCodes: [String] = [],
                activeManifest: String? = nil, claimGenerator: String? = nil, title: String? = nil, signerIssuer: String? = nil,
                signerName: String? = nil, signerSerial: String? = nil, signatureAlgorithm: String? = nil, signedAt: String? = nil,
                actions: [Action] = [], ingredients: [Ingredient] = [], manifestCount: Int = 0, anchorsConsidered: [String] = []) {
        self.state = state
        self.reason = reason
        self.library = library
        self.format = format
        self.statusCodes = statusCodes
        self.activeManifest = activeManifest
        self.claimGenerator = claimGenerator
        self.title = title
        self.signerIssuer = signerIssuer
        self.signerName = signerName
        self.signerSerial = signerSerial
        self.signatureAlgorithm = signatureAlgorithm
        self.signedAt = signedAt
        self.actions = actions
        self.ingredients = ingredients
        self.manifestCount = manifestCount
        self.anchorsConsidered = anchorsConsidered
    }
}
