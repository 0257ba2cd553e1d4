internal import GRDB

/// Reading a catalog row without trapping. GRDB's subscripts (`row[0]`) stop the program when
/// a column holds what the type cannot be made of — a NULL, text where a number belongs — which
/// is exactly what an insider editing the catalog writes. These throw an error naming the
/// column and the value instead, which the commands report; nothing read from a store may trap.
extension Row {
    /// The value at `index` as `T` (an `Optional` for a column that may be NULL), read the fast
    /// way SQLite offers for its own types.
    func at<T: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) throws -> T { try decode(T.self, atIndex: index) }
}
