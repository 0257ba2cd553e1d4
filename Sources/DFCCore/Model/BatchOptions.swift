/// What a batch takes in, and how it names each file's case and source.
public struct BatchOptions: Sendable, Equatable {
    /// How each file's source is named.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// No source.
        case none
        /// The same text for every file.
        case fixed(String)
        /// The first folder under the root (archives laid out one folder per camera).
        case firstFolder

        public var description: String {
            switch self {
            case .none: "none"
            case .fixed(let text): "fixed: \(text)"
            case .firstFolder: "first folder under the root"
            }
        }
    }

    /// The folders walked, recursively.
    public var roots: [String]
    /// The case every file belongs to.
    public var caseID: String
    /// How each file's source is named.
    public var source: Source
    /// The bounds kept while reading each file.
    public var limits: MediaLimits

    /// Options for a batch over `roots`.
    public init(roots: [String], caseID: String, source: Source = .none, limits: MediaLimits = .standard) {
        self.roots = roots
        self.caseID = caseID
        self.source = source
        self.limits = limits
    }
}
