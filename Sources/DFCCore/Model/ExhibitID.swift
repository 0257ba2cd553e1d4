/// An exhibit's number in a store, printed `EX-000042`.
public struct ExhibitID: Hashable, Comparable, Sendable, PrintedIdentifier {
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

    /// What an `ExhibitID` names, for errors.
    public static let printedKind = "an exhibit number"
}
