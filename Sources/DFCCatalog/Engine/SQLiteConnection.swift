import Foundation
package import GRDB
import DFCCore
import DFCLedger

/// The embedded engine's connection: GRDB's `Database` for the length of one transaction or read.
/// Every statement is prepared once per connection and cached (the bulk frame and packet inserts).
package final class SQLiteConnection: CatalogConnection {
    package let db: Database
    package var engine: CatalogEngineKind { .sqlite }

    package init(_ db: Database) { self.db = db }

    package func execute(sql: String, arguments: SQLArguments) throws {
        if arguments.values.isEmpty {
            try db.execute(sql: sql)   // may hold several statements (a migration)
            return
        }
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        try statement.execute()
    }

    package func cursor(sql: String, arguments: SQLArguments) throws -> any SQLCursor {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        return Cursor(try Row.fetchCursor(statement), columns: statement.columnNames)
    }

    private static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let int): int.databaseValue
            case .real(let real): real.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let data): data.databaseValue
            }
        })
    }

    private final class Cursor: SQLCursor {
        package let rows: RowCursor
        package let columns: [String]
        package init(_ rows: RowCursor, columns: [String]) {
            self.rows = rows
            self.columns = columns
        }

        package func next() throws -> SQLRow? {
            guard let row = try rows.next() else { return nil }
            // By position: `Row.databaseValues` would pair every value with its column's name first.
            return SQLRow(columns: columns, values: (0..<row.count).map { index in
                switch (row[index] as DatabaseValue).storage {
                case .null: .null
                case .int64(let int): .integer(int)
                case .double(let real): .real(real)
                case .string(let text): .text(text)
                case .blob(let data): .blob(data)
                }
            })
        }
    }
}
