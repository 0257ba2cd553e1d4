import Foundation
import DFCCore
import DFCLedger

/// One row a catalog query answered: its values in column order, and the columns' names.
/// Reading never traps: a NULL or a wrong type where the caller expects a value (what an insider
/// editing the catalog writes) is an error naming the column and the value, which the commands report.
package struct SQLRow: Sendable {
    package let columns: [String]
    package let values: [SQLValue]

    /// The value at `index` as `T` (an `Optional` for a column that may be NULL).
    package func at<T: SQLConvertible>(_ index: Int) throws -> T {
        guard values.indices.contains(index) else {
            throw CatalogReadError(column: "#\(index)", value: "missing", type: "\(T.self)")
        }
        guard let value = T.from(values[index]) else {
            throw CatalogReadError(column: columns.indices.contains(index) ? columns[index] : "#\(index)",
                                   value: values[index].description, type: "\(T.self)")
        }
        return value
    }

    /// The value of the column named `name` as `T`.
    package func at<T: SQLConvertible>(_ name: String) throws -> T {
        guard let index = columns.firstIndex(of: name) else {
            throw CatalogReadError(column: name, value: "missing", type: "\(T.self)")
        }
        return try at(index)
    }

    package init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }
}

/// A catalog value that is not what its column must hold.
package struct CatalogReadError: Error, CustomStringConvertible {
    package let column: String
    package let value: String
    package let type: String
    package var description: String { "column \(column) holds \(value), which is not a valid \(type)" }

    package init(column: String, value: String, type: String) {
        self.column = column
        self.value = value
        self.type = type
    }
}
