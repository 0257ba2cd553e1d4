/// What `dfc verify-package` found: everything checked, and every problem, each naming
/// the file or event concerned. A package is good only when `problems` is empty.
public struct PackageVerification: Sendable, Codable, Equatable {
    /// The package's folder.
    public var directory: String
    /// The exhibits it holds.
    public var exhibits: [String]
    /// Custody events checked (hash, link, signature, inclusion proof).
    public var eventsChecked: Int
    /// Decoded pictures compared with the package's framehash files.
    public var framesChecked: Int
    /// The checkpoint the proofs lead to: its tree size and who signed it.
    public var checkpoint: String
    /// The verifier keys the signatures were checked with, and where they came from.
    public var keys: [String]
    /// "the package's keys.txt", or the file of trusted keys given.
    public var keySource: String
    /// What is wrong; empty when the package verifies.
    public var problems: [String]

    /// Whether the package verifies.
    public var ok: Bool { problems.isEmpty }

    package init(directory: String, exhibits: [String], eventsChecked: Int, framesChecked: Int, checkpoint: String, keys: [String], keySource: String, problems: [String]) {
        self.directory = directory
        self.exhibits = exhibits
        self.eventsChecked = eventsChecked
        self.framesChecked = framesChecked
        self.checkpoint = checkpoint
        self.keys = keys
        self.keySource = keySource
        self.problems = problems
    }
}
