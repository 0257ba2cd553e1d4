import Foundation
internal import GRDB

/// The embedded engine's connection: GRDB's `Database` for the length of one transaction or read.
/// Every statement is prepared once per connection and cached (the bulk frame and packet inserts).
final class SQLiteConnection: CatalogConnection {
    let db: Database
    var engine: CatalogEngineKind { .sqlite }

    init(_ db: Database) { self.db = db }

    func execute(sql: String, arguments: SQLArguments) throws {
        if arguments.values.isEmpty {
            try db.execute(sql: sql)   // may hold several statements (a migration)
            return
        }
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        try statement.execute()
    }

    func cursor(sql: String, arguments: SQLArguments) throws -> any SQLCursor {
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
        let rows: RowCursor
        let columns: [String]
        init(_ rows: RowCursor, columns: [String]) {
            self.rows = rows
            self.columns = columns
        }

        func next() throws -> SQLRow? {
            guard let row = try rows.next() else { return nil }
            return SQLRow(columns: columns, values: row.databaseValues.map { value in
                switch value.storage {
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
