import Foundation

/// The one JSON spelling DFC hashes and stores: keys sorted, no whitespace, `/` unescaped.
package enum CanonicalJSON {
    package static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    package static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
