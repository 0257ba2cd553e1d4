/// A batch's name, `B-` and the number of its `batch_started` custody event (`B-42`).
public struct BatchID: Sendable, Hashable, Codable, CustomStringConvertible {
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

    public var description: String { "B-\(rawValue)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = BatchID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a batch id: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
