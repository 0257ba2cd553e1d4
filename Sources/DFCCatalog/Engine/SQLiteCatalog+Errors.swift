internal import GRDB
import DFCCore
import DFCLedger

extension SQLiteCatalog {
    /// One sentence for the operator on why a catalog operation failed. SQLite rolls the
    /// transaction back in each of these cases, so nothing of it was recorded.
    package func explain(_ error: any Error) -> String { Self.explain(error, lockTimeout: lockTimeout) }

    /// Whether the operation failed for a lock another process held past the wait: busy, not broken.
    package static func isLockWait(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    package static func explain(_ error: any Error, lockTimeout: Double) -> String {
        guard let error = error as? DatabaseError else { return Catalog.explainUnreadable(error) }
        let sqlite = error.message ?? "\(error)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the catalog is locked by another process (waited \(Int(lockTimeout)) s); nothing was recorded (\(sqlite))"
        case .SQLITE_FULL:
            return "the disk is full; the transaction was rolled back and nothing was recorded (\(sqlite))"
        case .SQLITE_READONLY:
            return "the store is read-only; DFC records a custody event for every access, so it cannot work on it (\(sqlite))"
        case .SQLITE_CANTOPEN:
            return "the catalog cannot be opened (\(sqlite))"
        case .SQLITE_IOERR:
            return "an I/O error on the disk; the transaction was rolled back and nothing was recorded (\(sqlite))"
        default:
            return Catalog.bounded("\(error)")
        }
    }
}

extension Catalog {
    /// A row DFC cannot read (a NULL, another type): the catalog was edited outside DFC.
    package static func explainUnreadable(_ error: any Error) -> String {
        if let error = error as? CatalogSchemaChanged { return error.description }
        if let error = error as? StoredRowsDiffer { return error.description }
        return "the catalog holds a value DFC never wrote (\(bounded("\(error)"))): it was altered outside DFC; run dfc audit"
    }

    /// At most 400 characters of `text`: a message names a value, it does not print a huge one.
    package static func bounded(_ text: String) -> String {
        text.count <= 400 ? text : text.prefix(400) + "… (\(text.count) characters)"
    }
}
