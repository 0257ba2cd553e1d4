/// An identifier that is written as its printed form (`EX-000042`, `B-17`) wherever DFC
/// writes JSON, and read back from it.
public protocol PrintedIdentifier: Codable, CustomStringConvertible {
    /// Reads the printed form; nil for anything else.
    init?(parsing text: String)
    /// What it identifies, for the error a malformed one gives (`an exhibit number`).
    static var printedKind: String { get }
}

extension PrintedIdentifier {
    /// Reads the printed form from a single JSON string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Self(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not \(Self.printedKind): \(text)"))
        }
        self = parsed
    }

    /// Writes the printed form as a single JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
