import Foundation
import DFCCore
import DFCLedger

/// A catalog row as a Swift value: its `Codable` keys are the column names. Reading one never
/// traps on what an insider wrote (see `SQLRow`); inserting one binds every column it has
/// (a nil key is left to the engine, which numbers the row).
package protocol CatalogRecord: Codable {
    static var table: String { get }
    /// The primary key's column.
    static var key: String { get }
}

extension CatalogRecord {
    package init(row: SQLRow) throws { try self.init(from: SQLRowDecoder(row: row)) }

    /// The rows a query over this table answers (`SELECT * …`).
    package static func fetchAll(_ db: CatalogDB, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.rows(sql: sql, arguments: arguments).map(Self.init(row:))
    }

    /// Every row of the table, in order of `column`.
    package static func fetchAll(_ db: CatalogDB, orderedBy column: String) throws -> [Self] {
        try fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(column)")
    }

    /// The rows whose `column` equals `value`, in order of `order`.
    package static func fetchAll(_ db: CatalogDB, where column: String, is value: some SQLConvertible, orderedBy order: String) throws -> [Self] {
        try fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(column) = ? ORDER BY \(order)", arguments: [value])
    }

    /// The rows of the table one at a time, in order of `column`.
    package static func fetchCursor(_ db: CatalogDB, orderedBy column: String) throws -> () throws -> Self? {
        let cursor = try db.cursor(sql: "SELECT * FROM \(table) ORDER BY \(column)")
        return { try cursor.next().map(Self.init(row:)) }
    }

    /// The row whose primary key is `key`, read from the table by that key.
    package static func fetchOne(_ db: CatalogDB, key: some SQLConvertible) throws -> Self? {
        try db.rows(sql: "SELECT * FROM \(table) WHERE \(Self.key) = ?", arguments: [key]).first.map(Self.init(row:))
    }

    /// How many rows have `column` equal to `value`.
    package static func count(_ db: CatalogDB, where column: String, is value: some SQLConvertible) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(column) = ?", arguments: [value]) ?? 0
    }

    /// Inserts the row; returns its primary key (the number the engine gave it when it had none).
    @discardableResult
    package func insert(_ db: CatalogDB) throws -> SQLValue {
        let encoder = SQLRowEncoder()
        try encode(to: encoder)
        let columns = try encoder.columns()
        let sql = "INSERT INTO \(Self.table) (\(columns.map(\.name).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) RETURNING \(Self.key)"
        guard let row = try db.rows(sql: sql, arguments: SQLArguments(columns.map(\.value))).first,
              let key = row.values.first else {
            throw CatalogReadError(column: Self.key, value: "missing", type: "key of the inserted \(Self.table) row")
        }
        return key
    }

    /// Inserts a row the engine numbers; returns its number.
    package func insertNumbered(_ db: CatalogDB) throws -> Int64 {
        let key = try insert(db)
        guard let number = Int64.from(key) else {
            throw CatalogReadError(column: Self.key, value: key.description, type: "row number")
        }
        return number
    }
}

/// Reads a record's fields from a row's columns by name.
private struct SQLRowDecoder: Decoder {
    package let row: SQLRow
    package var codingPath: [any CodingKey] { [] }
    package var userInfo: [CodingUserInfoKey: Any] { [:] }

    package func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns(row: row))
    }
    package func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.unsupported }
    package func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Self.unsupported }

    package static let unsupported = DecodingError.typeMismatch(
        SQLRow.self, .init(codingPath: [], debugDescription: "a catalog record is a row of named columns"))

    package struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        package let row: SQLRow
        package var codingPath: [any CodingKey] { [] }
        package var allKeys: [Key] { row.columns.compactMap(Key.init(stringValue:)) }

        package func contains(_ key: Key) -> Bool { row.columns.contains(key.stringValue) }
        package func decodeNil(forKey key: Key) throws -> Bool {
            guard let index = row.columns.firstIndex(of: key.stringValue) else { return true }
            return row.values[index] == .null
        }
        package func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try row.at(key.stringValue) }
        package func decode(_ type: String.Type, forKey key: Key) throws -> String { try row.at(key.stringValue) }
        package func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try row.at(key.stringValue) }
        package func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try row.at(key.stringValue) }
        package func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try row.at(key.stringValue) }
        package func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let convertible = T.self as? any SQLConvertible.Type else { throw SQLRowDecoder.unsupported }
            let index = row.columns.firstIndex(of: key.stringValue)
            guard let index, let value = convertible.from(row.values[index]) as? T else {
                throw CatalogReadError(column: key.stringValue, value: index.map { row.values[$0].description } ?? "missing", type: "\(T.self)")
            }
            return value
        }
        package func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw SQLRowDecoder.unsupported
        }
        package func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw SQLRowDecoder.unsupported }
        package func superDecoder() throws -> any Decoder { throw SQLRowDecoder.unsupported }
        package func superDecoder(forKey key: Key) throws -> any Decoder { throw SQLRowDecoder.unsupported }

        package init(row: SQLRow) {
            self.row = row
        }
    }
}

/// Collects a record's fields as (column, value) pairs for an INSERT. A record is a flat row of
/// named columns: anything else it tried to encode (a nested value, a list) is refused with an
/// error after the encoding, never a trap.
private final class SQLRowEncoder: Encoder {
    final class Storage {
        package var columns: [(name: String, value: any SQLConvertible)] = []
        package var refused: String?
    }
    package let storage = Storage()
    package var codingPath: [any CodingKey] { [] }
    package var userInfo: [CodingUserInfoKey: Any] { [:] }

    package func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns(storage: storage))
    }
    package func unkeyedContainer() -> any UnkeyedEncodingContainer { Refusal(storage: storage) }
    package func singleValueContainer() -> any SingleValueEncodingContainer { Refusal(storage: storage) }

    /// The columns, or the error that says what was not a column.
    package func columns() throws -> [(name: String, value: any SQLConvertible)] {
        if let refused = storage.refused {
            throw EncodingError.invalidValue(refused, .init(codingPath: [], debugDescription: "a catalog record is a row of named columns"))
        }
        return storage.columns
    }

    package struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        package let storage: Storage
        package var codingPath: [any CodingKey] { [] }
        package mutating func encodeNil(forKey key: Key) throws { storage.columns.append((key.stringValue, SQLValue.null)) }
        package mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            guard let value = value as? any SQLConvertible else {
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "not a catalog column value"))
            }
            storage.columns.append((key.stringValue, value))
        }
        package mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            storage.refused = key.stringValue
            return KeyedEncodingContainer(Columns<NestedKey>(storage: Storage()))
        }
        package mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            storage.refused = key.stringValue
            return Refusal(storage: Storage())
        }
        package mutating func superEncoder() -> any Encoder { storage.refused = "super"; return SQLRowEncoder() }
        package mutating func superEncoder(forKey key: Key) -> any Encoder { storage.refused = key.stringValue; return SQLRowEncoder() }
    }

    /// What a value that is not a row of columns gets: it records the refusal and keeps nothing.
    package struct Refusal: UnkeyedEncodingContainer, SingleValueEncodingContainer {
        package let storage: Storage
        package var codingPath: [any CodingKey] { [] }
        package var count: Int { 0 }
        package init(storage: Storage) {
            self.storage = storage
            storage.refused = storage.refused ?? "a value that is not a row"
        }
        package mutating func encodeNil() throws {}
        package mutating func encode<T: Encodable>(_ value: T) throws {}
        package mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Columns<NestedKey>(storage: Storage()))
        }
        package mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Refusal(storage: Storage()) }
        package mutating func superEncoder() -> any Encoder { SQLRowEncoder() }
    }
}
