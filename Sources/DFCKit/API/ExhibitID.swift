/// An exhibit's number in a store, printed `EX-000042`.
public struct ExhibitID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The catalog's row number.
    public let rawValue: Int64

    /// Wraps a catalog row number.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// Reads `EX-000042`, `EX-42` or `42`; nil for anything else.
    public init?(parsing text: String) {
        var digits = Substring(text)
        if digits.uppercased().hasPrefix("EX-") { digits = digits.dropFirst(3) }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0 else {
            return nil
        }
        rawValue = value
    }

    /// `EX-` and at least six digits.
    public var description: String {
        let digits = String(rawValue)
        return "EX-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func < (lhs: ExhibitID, rhs: ExhibitID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ExhibitID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an exhibit number: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
