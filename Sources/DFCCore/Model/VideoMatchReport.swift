/// What `match(video:)` found: the exhibits whose streams match the query clip by vPDQ's
/// rule, best first.
public struct VideoMatchReport: Sendable, Codable, Equatable {
    /// The query file as given.
    public var query: String
    /// SHA-256 of the query file's bytes (recorded in the `searched` custody event).
    public var querySHA256: String
    /// The query's PDQ hashes of enough quality.
    public var queryHashes: Int
    /// Why nothing could be matched (no hashes of enough quality); nil otherwise.
    public var problem: String?
    /// The matching exhibits' streams, by exhibit percentage then query percentage, highest first.
    public var matches: [VideoMatch]

    package init(query: String, querySHA256: String, queryHashes: Int, problem: String? = nil, matches: [VideoMatch]) {
        self.query = query
        self.querySHA256 = querySHA256
        self.queryHashes = queryHashes
        self.problem = problem
        self.matches = matches
    }
}
