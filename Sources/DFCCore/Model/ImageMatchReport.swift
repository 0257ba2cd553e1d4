/// What `match(image:)` found: the query's PDQ hash, and the exhibits' pictures near it, best first.
public struct ImageMatchReport: Sendable, Codable, Equatable {
    /// The query file as given.
    public var query: String
    /// SHA-256 of the query file's bytes (recorded in the `searched` custody event).
    public var querySHA256: String
    /// The query's PDQ hash (of its first picture); nil when it has no picture DFC could decode.
    public var queryHash: PDQHash?
    /// Why nothing could be matched (no picture, or a picture of too low quality); nil otherwise.
    public var problem: String?
    /// The matching pictures, nearest first (then by exhibit, stream and frame).
    public var matches: [PictureMatch]

    package init(query: String, querySHA256: String, queryHash: PDQHash? = nil, problem: String? = nil, matches: [PictureMatch]) {
        self.query = query
        self.querySHA256 = querySHA256
        self.queryHash = queryHash
        self.problem = problem
        self.matches = matches
    }
}
