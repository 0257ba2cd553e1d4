/// One page of a time lookup's answer: its hits, earliest first, how many more exhibits matched
/// every filter of the query beyond them, and the continuation that fetches the next page. It is
/// a collection of its hits, so a caller that iterates it sees exactly what was found; a caller
/// that wants everything follows `next` while `more` is not zero. Nothing is ever cut unsaid.
public struct TimeLookupPage: Sendable, Equatable, RandomAccessCollection {
    /// The hits of this page, earliest first.
    public var hits: [TimeHit]
    /// How many more exhibits matched the query after this page's last hit.
    public var more: Int
    /// Give it as `TimeQuery.after` for the next page; nil when `more` is zero.
    public var next: String?

    /// Makes a page.
    public init(hits: [TimeHit], more: Int, next: String?) {
        (self.hits, self.more, self.next) = (hits, more, next)
    }

    /// The position of the first hit.
    public var startIndex: Int { hits.startIndex }
    /// The position after the last hit.
    public var endIndex: Int { hits.endIndex }
    /// The hit at `position`.
    public subscript(position: Int) -> TimeHit { hits[position] }
}
