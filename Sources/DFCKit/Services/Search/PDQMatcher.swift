/// A snapshot of a store's PDQ hashes of at least `minQuality`, indexed for Hamming search
/// (multi-index hashing: see the README). Made once by `Search.pdqMatcher(minQuality:)`
/// and handed to `match(…, matcher:)`, it answers query after query without reading every
/// hash again. It knows the hashes stored when it was made: make a new one to see later ones.
public struct PDQMatcher: Sendable {
    let loaded: Search.LoadedPDQIndex
    /// The lowest quality it holds.
    public let minQuality: Int

    /// How many hashes it holds.
    public var count: Int { loaded.hashes.count }
}
