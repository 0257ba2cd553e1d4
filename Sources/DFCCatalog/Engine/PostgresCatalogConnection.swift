import Foundation
import Logging
internal import NIOCore
package import PostgresNIO
import DFCCore
import DFCLedger

/// The PostgreSQL engine's connection for the length of one transaction. It takes the SQL the
/// queries are written in (`?` placeholders, `INSERT OR IGNORE`, `NOT INDEXED`) and says it in
/// PostgreSQL's: `$1, $2, …`, `ON CONFLICT DO NOTHING`, and no hint (amcheck, not a hint, is what
/// catches a forged index there). Long reads go through a server-side cursor, a batch of rows at a time.
package final class PostgresCatalogConnection: CatalogConnection {
    private let connection: PostgresConnection
    private let logger: Logger
    private var cursors = 0
    package var engine: CatalogEngineKind { .postgresql }

    private let answerTimeout: Double?

    package init(_ connection: PostgresConnection, logger: Logger, answerTimeout: Double? = nil) {
        self.connection = connection
        self.logger = logger
        self.answerTimeout = answerTimeout
    }

    package func execute(sql: String, arguments: SQLArguments) throws {
        if arguments.values.isEmpty, !sql.contains("?") {
            // It may hold several statements (a migration): the extended protocol takes one at a time.
            for statement in Self.statements(sql) { _ = try query(statement, []) }
        } else {
            _ = try query(sql, arguments)
        }
    }

    package func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try query(sql, arguments).rows.map(Self.row)
    }

    package func cursor(sql: String, arguments: SQLArguments) throws -> any SQLCursor {
        cursors += 1
        let name = "dfc_cursor_\(cursors)"
        _ = try query("DECLARE \(name) NO SCROLL CURSOR FOR " + sql, arguments)
        return Cursor(connection: self, name: name)
    }

    private func query(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let int): binds.append(int)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(text)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            }
        }
        return try PostgresWait.result(of: connection.query(PostgresQuery(unsafeSQL: Self.translate(sql), binds: binds), logger: logger), on: connection,
                                       within: answerTimeout)
    }

    /// A server-side cursor, read 1,000 rows at a time; closed when read to its end.
    private final class Cursor: SQLCursor {
        package let connection: PostgresCatalogConnection
        package let name: String
        package var batch: [SQLRow] = []
        package var position = 0
        package var done = false

        package init(connection: PostgresCatalogConnection, name: String) {
            self.connection = connection
            self.name = name
        }

        package func next() throws -> SQLRow? {
            if position == batch.count {
                guard !done else { return nil }
                batch = try connection.query("FETCH 1000 FROM \(name)", []).rows.map(PostgresCatalogConnection.row)
                position = 0
                if batch.count < 1000 {
                    done = true
                    _ = try connection.query("CLOSE \(name)", [])
                }
                if batch.isEmpty { return nil }
            }
            position += 1
            return batch[position - 1]
        }
    }

    /// A row as the values both engines share: integers as integers, floats as reals, text as
    /// text, bytea as blobs, booleans as 0 or 1, and anything else as its text.
    package static func row(_ row: PostgresRow) throws -> SQLRow {
        var columns: [String] = [], values: [SQLValue] = []
        for cell in row {
            columns.append(cell.columnName)
            guard cell.bytes != nil else { values.append(.null); continue }
            switch cell.dataType {
            case .int2, .int4, .int8: values.append(.integer(try cell.decode(Int64.self)))
            case .float4, .float8: values.append(.real(try cell.decode(Double.self)))
            case .bool: values.append(.integer(try cell.decode(Bool.self) ? 1 : 0))
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                values.append(.blob(Data(buffer.readBytes(length: buffer.readableBytes) ?? [])))
            default: values.append(.text(try cell.decode(String.self)))
            }
        }
        return SQLRow(columns: columns, values: values)
    }

    /// The statements of a script, split at each `;` outside quotes and `$$` bodies.
    package static func statements(_ sql: String) -> [String] {
        var statements: [String] = [], current = "", quote: Character? = nil, dollar = false, previous: Character = " "
        for character in sql {
            if dollar {
                if character == "$" && previous == "$" { dollar = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "$" && previous == "$" {
                dollar = true
            } else if character == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
                previous = " "
                continue
            }
            current.append(character)
            previous = dollar && character == "$" && previous == "$" ? " " : character
        }
        let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !statement.isEmpty { statements.append(statement) }
        return statements
    }

    /// The catalog's SQL in PostgreSQL's words: `?` outside quotes becomes `$1, $2, …`.
    package static func translate(_ sql: String) -> String {
        var sql = sql.replacingOccurrences(of: " NOT INDEXED", with: "")
        if sql.contains("INSERT OR IGNORE INTO") {
            sql = sql.replacingOccurrences(of: "INSERT OR IGNORE INTO", with: "INSERT INTO") + " ON CONFLICT DO NOTHING"
        }
        guard sql.contains("?") else { return sql }
        let characters = Array(sql)
        var out = "", quote: Character? = nil, number = 0, position = 0
        out.reserveCapacity(sql.utf8.count + 16)
        while position < characters.count {
            let character = characters[position]
            position += 1
            if let open = quote {
                if character == open { quote = nil }
                out.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                out.append(character)
            } else if character == "?" {
                // `?NNN` names its argument; a bare `?` takes the next.
                var digits = ""
                while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                    digits.append(characters[position])
                    position += 1
                }
                if digits.isEmpty { number += 1 }
                out += "$" + (digits.isEmpty ? String(number) : digits)
            } else {
                out.append(character)
            }
        }
        return out
    }
}
