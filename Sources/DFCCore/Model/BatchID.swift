/// A batch's name, `B-` and the number of its `batch_started` custody event (`B-42`).
public struct BatchID: Sendable, Hashable, PrintedIdentifier {
    /// The number of the batch's `batch_started` custody event.
    public let rawValue: Int64

    /// The batch started by custody event `seq`.
    public init(_ seq: Int64) { rawValue = seq }

    /// Reads `B-42` (or `42`).
    public init?(parsing text: String) {
        let digits = text.uppercased().hasPrefix("B-") ? String(text.dropFirst(2)) : text
        guard let value = Int64(digits), value > 0 else { return nil }
        rawValue = value
    }

    /// `B-` and the number.
    public var description: String { "B-\(rawValue)" }

    /// What a `BatchID` names, for errors.
    public static let printedKind = "a batch id"
}
