/// One page of a lookup by place: its hits, nearest first, how many more exhibits matched every
/// filter beyond them, and the continuation that fetches the next page. A collection of its hits.
public struct PlaceLookupPage: Sendable, Equatable, RandomAccessCollection {
    /// The hits of this page, nearest first (ties in exhibit order).
    public var hits: [PlaceHit]
    /// How many more exhibits matched the query after this page's last hit.
    public var more: Int
    /// Give it as `PlaceQuery.after` for the next page; nil when `more` is zero.
    public var next: String?

    /// Makes a page.
    public init(hits: [PlaceHit], more: Int, next: String?) {
        (self.hits, self.more, self.next) = (hits, more, next)
    }

    /// The position of the first hit.
    public var startIndex: Int { hits.startIndex }
    /// The position after the last hit.
    public var endIndex: Int { hits.endIndex }
    /// The hit at `position`.
    public subscript(position: Int) -> PlaceHit { hits[position] }
}
