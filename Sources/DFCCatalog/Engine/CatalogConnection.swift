import Foundation
import DFCCore
import DFCLedger

/// One engine's connection inside a transaction or a read snapshot: the only door SQL goes
/// through. Each query is written once, in the SQL both engines speak (`?` placeholders; the
/// PostgreSQL engine numbers them), and the few that differ ask `engine`.
package protocol CatalogConnection: AnyObject {
    /// Which engine answers, for the few statements whose SQL differs.
    var engine: CatalogEngineKind { get }
    /// Runs one statement (or, with no arguments, several separated by semicolons).
    func execute(sql: String, arguments: SQLArguments) throws
    /// The rows a query answers, one at a time: memory stays flat over a long table.
    /// The cursor is valid while the transaction is.
    func cursor(sql: String, arguments: SQLArguments) throws -> any SQLCursor
    /// Every row a query answers, at once (a lookup by key, a short list).
    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow]
}

/// The catalog connection of the transaction a closure runs in.
package typealias CatalogDB = any CatalogConnection

/// The engines a catalog can live on.
package enum CatalogEngineKind: String, Sendable {
    case sqlite
    case postgresql
}

/// Rows read one at a time.
package protocol SQLCursor: AnyObject {
    func next() throws -> SQLRow?
}

/// The values bound to a query's `?` placeholders, in order.
package struct SQLArguments: ExpressibleByArrayLiteral, Sendable {
    package var values: [SQLValue]

    package init(arrayLiteral elements: (any SQLConvertible)...) { values = elements.map(\.sqlValue) }
    package init(_ elements: [any SQLConvertible]) { values = elements.map(\.sqlValue) }
    package init(values: [SQLValue]) { self.values = values }

    package static func += (lhs: inout SQLArguments, rhs: SQLArguments) { lhs.values += rhs.values }
    package static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        var sum = lhs
        sum += rhs
        return sum
    }
}

extension CatalogConnection {
    package func execute(sql: String) throws { try execute(sql: sql, arguments: []) }

    package func cursor(sql: String) throws -> any SQLCursor { try cursor(sql: sql, arguments: []) }

    package func rows(sql: String) throws -> [SQLRow] { try rows(sql: sql, arguments: []) }

    /// Every row, read through the cursor (an engine that can answer all at once does so).
    package func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let cursor = try cursor(sql: sql, arguments: arguments)
        var rows: [SQLRow] = []
        while let row = try cursor.next() { rows.append(row) }
        return rows
    }
}

extension SQLRow {
    /// Every row a query answers.
    package static func fetchAll(_ db: CatalogDB, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.rows(sql: sql, arguments: arguments)
    }

    /// The first row a query answers, if any.
    package static func fetchOne(_ db: CatalogDB, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.rows(sql: sql, arguments: arguments).first
    }

    /// The rows a query answers, one at a time.
    package static func fetchCursor(_ db: CatalogDB, sql: String, arguments: SQLArguments = []) throws -> any SQLCursor {
        try db.cursor(sql: sql, arguments: arguments)
    }
}

extension SQLConvertible {
    /// The first column of the first row a query answers; nil when there is no row or it is NULL.
    package static func fetchOne(_ db: CatalogDB, sql: String, arguments: SQLArguments = []) throws -> Self? {
        guard let row = try db.rows(sql: sql, arguments: arguments).first else { return nil }
        let value: Self? = try row.at(0)
        return value
    }

    /// The first column of every row a query answers.
    package static func fetchAll(_ db: CatalogDB, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.rows(sql: sql, arguments: arguments).map { try $0.at(0) }
    }
}
