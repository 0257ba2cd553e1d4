import Foundation
import DFCCore
import DFCLedger

/// One value bound to or read from a catalog query, the same on every engine: SQLite's five
/// storage classes, which PostgreSQL's BIGINT, DOUBLE PRECISION, TEXT and BYTEA columns map onto.
/// Row digests are computed from these values, never from one engine's storage format.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// How the value reads in an error message (a blob by its size, never its bytes).
    package var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): "'\(value.prefix(80))'"
        case .blob(let value): "<\(value.count) bytes>"
        }
    }
}

/// A Swift value a catalog query can bind, and read back from a column without trapping.
package protocol SQLConvertible {
    var sqlValue: SQLValue { get }
    /// The value a column holds, or nil when it holds something this type cannot be made of.
    static func from(_ value: SQLValue) -> Self?
}

extension Int64: SQLConvertible {
    package var sqlValue: SQLValue { .integer(self) }
    package static func from(_ value: SQLValue) -> Int64? {
        if case .integer(let int) = value { return int }
        return nil
    }
}

extension Int: SQLConvertible {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
    package static func from(_ value: SQLValue) -> Int? { Int64.from(value).map(Int.init) }
}

extension Bool: SQLConvertible {
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    package static func from(_ value: SQLValue) -> Bool? { Int64.from(value).map { $0 != 0 } }
}

extension Double: SQLConvertible {
    package var sqlValue: SQLValue { .real(self) }
    package static func from(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let int): Double(int)   // SQLite keeps a whole REAL as an integer on request
        default: nil
        }
    }
}

extension String: SQLConvertible {
    package var sqlValue: SQLValue { .text(self) }
    package static func from(_ value: SQLValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Data: SQLConvertible {
    package var sqlValue: SQLValue { .blob(self) }
    package static func from(_ value: SQLValue) -> Data? {
        if case .blob(let data) = value { return data }
        return nil
    }
}

extension Optional: SQLConvertible where Wrapped: SQLConvertible {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
    package static func from(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.from(value).map { .some($0) }
    }
}

extension SQLValue: SQLConvertible {
    package var sqlValue: SQLValue { self }
    package static func from(_ value: SQLValue) -> SQLValue? { value }
}
