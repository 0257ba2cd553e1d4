import Foundation
import DFCCore
import DFCLedger

/// `postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=PATH]`, the catalog URL `dfc init
/// --catalog` takes and the store's descriptor keeps. It never holds a password: that comes from
/// `PGPASSWORD` or `~/.pgpass` (libpq's usual places), so it is never in the store.
///
/// TLS takes libpq's words: `sslmode` `disable`, `require` (encrypted, the certificate not checked, unless
/// `sslrootcert` names a CA: then as `verify-ca`), `verify-ca` (signed by the CA) or `verify-full` (and
/// naming the host); `sslrootcert` is the CA file (PEM), else the system's roots. With no `sslmode`, a host
/// other than the loopback gets `verify-full`, and the loopback (`localhost`, `127.0.0.1`, `::1`) TLS when
/// the server offers it: evidence never crosses a network in clear unless `disable` is named. `pool_max` (DFC's own,
/// 1 to 100, 10 by default) bounds the connections one process holds to the server.
package struct PostgresURL: Equatable, Sendable {
    package var user: String
    package var host: String
    package var port: Int
    package var database: String
    /// The TLS mode, as given or by default.
    package var sslMode: SSLMode
    /// Whether `sslmode` was given (the URL's text names it only then, so older descriptors read as written).
    package var sslModeGiven: Bool
    /// The CA file that signs the server's certificate, or nil for the system's roots.
    package var sslRootCert: String?
    /// DFC's own setting (libpq has no pool): the most connections one process holds to the server.
    package var poolMax: Int?

    /// libpq's `sslmode` words DFC takes (`allow` and `prefer` are not: a catalog is reached over TLS or,
    /// on the loopback by default or anywhere when named, without it).
    package enum SSLMode: String, Sendable, CaseIterable {
        case disable, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
        /// Not a word one can give: the loopback's default, TLS when the server offers it.
        case loopbackPrefer = "prefer"
    }

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
        var mode: SSLMode?, rootCert: String?, poolMax: Int?
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", let value?):
                guard let given = SSLMode(rawValue: value), given != .loopbackPrefer else {
                    throw refuse("sslmode \(value) is not one of disable, require, verify-ca, verify-full")
                }
                mode = given
            case ("sslrootcert", let value?) where value.hasPrefix("/"):
                rootCert = value
            case ("sslrootcert", _):
                throw refuse("sslrootcert must be an absolute path to the CA's certificate (PEM)")
            case ("pool_max", let value?):
                guard let count = Int(value), (1...100).contains(count) else { throw refuse("pool_max must be a number of connections from 1 to 100") }
                poolMax = count
            default:
                throw refuse("takes no setting \(item.name) (only sslmode, sslrootcert and pool_max)")
            }
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("port \(port) is not a TCP port") }
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
        let sslMode = mode ?? (loopback ? .loopbackPrefer : .verifyFull)
        if sslMode == .verifyFull, Self.isIPAddress(host) {
            throw refuse("sslmode verify-full checks the server's certificate names the host: give the host name its certificate "
                + "names, not the address \(host) (or sslmode=verify-ca to check the CA alone)")
        }
        if sslMode == .disable, rootCert != nil { throw refuse("sslrootcert is given but sslmode is disable") }
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.sslModeGiven = mode != nil
        self.sslRootCert = rootCert
        self.poolMax = poolMax
    }

    /// The URL as the descriptor keeps it.
    package var text: String {
        var settings: [String] = []
        if sslModeGiven { settings.append("sslmode=\(sslMode.rawValue)") }
        if let sslRootCert { settings.append("sslrootcert=\(sslRootCert)") }
        if let poolMax { settings.append("pool_max=\(poolMax)") }
        return "postgresql://\(user)@\(host):\(port)/\(database)" + (settings.isEmpty ? "" : "?" + settings.joined(separator: "&"))
    }

    /// Whether the host is an IPv4 or IPv6 address rather than a name.
    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return inet_pton(AF_INET, bare, &v4) == 1 || inet_pton(AF_INET6, bare, &v6) == 1
    }

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
