/// How much of the rows of exhibits that a trusted checkpoint covers an incremental audit re-hashes:
/// all of them, or a share (`1/7`: a seventh, a different one for each checkpoint).
public enum RowShare: Sendable, Equatable, CustomStringConvertible {
    case all
    /// `count` parts in `parts`, chosen by the checkpoint (never fewer than one, never more than all).
    case share(Int, of: Int)

    /// `all` or `K/N` (1 <= K <= N), as `--rows` takes it; nil for anything else.
    public init?(parsing text: String) {
        if text == "all" { self = .all; return }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), let total = Int(parts[1]), count >= 1, count <= total, total <= 1_000_000 else { return nil }
        self = count == total ? .all : .share(count, of: total)
    }

    /// `all` or `K/N`.
    public var description: String {
        switch self {
        case .all: "all"
        case .share(let count, let total): "\(count)/\(total)"
        }
    }
}
