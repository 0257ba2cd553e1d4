import Foundation
import DFCCore
import DFCLedger

/// `postgresql://USER@HOST[:PORT]/DATABASE`, the catalog URL `dfc init --catalog` takes and the
/// store's descriptor keeps. It never holds a password: that comes from `PGPASSWORD` or
/// `~/.pgpass` (libpq's usual places), so it is never in the store.
package struct PostgresURL: Equatable, Sendable {
    package var user: String
    package var host: String
    package var port: Int
    package var database: String

    package init(_ text: String, source: String) throws(DFCError) {
        func refuse(_ reason: String) -> DFCError { .storeDescriptor(path: source, reason: "\(text): \(reason)") }
        guard let components = URLComponents(string: text), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            throw refuse("not a PostgreSQL URL (postgresql://USER@HOST:PORT/DATABASE)")
        }
        guard components.password == nil else {
            throw refuse("holds a password: give it in PGPASSWORD or ~/.pgpass, never in the store's descriptor")
        }
        guard let user = components.user, !user.isEmpty else { throw refuse("names no user (postgresql://USER@HOST:PORT/DATABASE)") }
        guard let host = components.host, !host.isEmpty else { throw refuse("names no host") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw refuse("names no database (…/DATABASE)") }
        guard components.query == nil else { throw refuse("takes no settings after ?") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("port \(port) is not a TCP port") }
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    /// The URL as the descriptor keeps it.
    package var text: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    /// The password for this URL: `PGPASSWORD`, else the first matching line of `PGPASSFILE` or
    /// `~/.pgpass` (`host:port:database:user:password`, `*` matching anything); nil for none.
    package func password(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard !file.isEmpty, let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: (try? handle.read(upToCount: 1 << 20)) ?? Data(), as: UTF8.self)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A `.pgpass` line's fields: `:` separates, `\` escapes.
    private static func pgpassFields(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}
