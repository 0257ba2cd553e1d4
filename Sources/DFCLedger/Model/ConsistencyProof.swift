import DFCCore

/// Proof that the log's tree of `toSize` events extends its tree of `fromSize` events,
/// unchanged (RFC 9162, 2.1.4). Printed as:
///
///     DFC consistency proof v1
///     from_size 30
///     to_size 42
///     from_root …
///     to_root …
///     path …           one line per proof hash, in the RFC's order
public struct ConsistencyProof: Sendable, Codable, Equatable {
    /// The older tree's size (the checkpoint's).
    public var fromSize: Int
    /// The newer tree's size.
    public var toSize: Int
    /// The older tree head, hex.
    public var fromRoot: String
    /// The newer tree head, hex.
    public var toRoot: String
    /// The proof hashes, hex.
    public var path: [String]

    /// The proof as printed.
    public var text: String {
        (["DFC consistency proof v1", "from_size \(fromSize)", "to_size \(toSize)", "from_root \(fromRoot)",
          "to_root \(toRoot)"] + path.map { "path \($0)" }).map { $0 + "\n" }.joined()
    }

    package init(fromSize: Int, toSize: Int, fromRoot: String, toRoot: String, path: [String]) {
        self.fromSize = fromSize
        self.toSize = toSize
        self.fromRoot = fromRoot
        self.toRoot = toRoot
        self.path = path
    }
}
