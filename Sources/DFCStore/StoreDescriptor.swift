internal import DFCS3
import Foundation
import Logging
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// The store's `store.json`: which engines hold its catalog and its vault, chosen when the
/// store is made (`dfc init`). A store without one is embedded: `catalog.sqlite` and the
/// folder `vault/`, as every store made before descriptors. Credentials are never here: they
/// come from the engines' usual places (for S3, `AWS_ACCESS_KEY_ID` and
/// `AWS_SECRET_ACCESS_KEY`, or `~/.aws/credentials`).
package struct StoreDescriptor: Codable, Equatable, Sendable {
    /// `dfc-store/1`.
    package var format = Self.currentFormat
    /// `sqlite` (the store's `catalog.sqlite`) or `postgresql://USER@HOST:PORT/DATABASE`.
    package var catalog = "sqlite"
    /// `folder` (the store's `vault/`) or `s3://BUCKET?endpoint=URL[&region=R][&retention-days=N]`.
    package var vault = "folder"

    package static let currentFormat = "dfc-store/1"
    package static let fileName = "store.json"

    package init(format: String = Self.currentFormat, catalog: String = "sqlite", vault: String = "folder") {
        self.format = format
        self.catalog = catalog
        self.vault = vault
    }

    /// What the store's first actor signs about the store when it registers (`store_catalog`, the
    /// catalog's engine, `store_vault`, and for an S3 vault `retention_days`): the audit holds
    /// store.json and every vault object's lock to these, so an edit of the file changes nothing
    /// unseen. The catalog's address is not among them: the log that signs it lives there, and a
    /// database restored under another name (as a DBA does) is the same store.
    package var signedFacts: [String: String] {
        var facts = ["store_catalog": catalog == "sqlite" ? "sqlite" : "postgresql", "store_vault": vault]
        if vault != "folder", let url = try? S3VaultURL(vault, source: Self.fileName) { facts["retention_days"] = String(url.retentionDays) }
        return facts
    }

    /// The descriptor of the store at `storePath`; the embedded one when it has no file.
    package static func read(storePath: String) throws(DFCError) -> StoreDescriptor {
        let path = storePath + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return StoreDescriptor() }
        let descriptor: StoreDescriptor
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: 64 << 10) ?? Data()
            descriptor = try JSONDecoder().decode(StoreDescriptor.self, from: data)
        } catch {
            throw DFCError.storeDescriptor(path: path, reason: "cannot be read as a store descriptor: \(error)")
        }
        guard descriptor.format == currentFormat else {
            throw DFCError.storeDescriptor(path: path, reason: "is of format \(descriptor.format); this DFC reads \(currentFormat)")
        }
        if descriptor.catalog != "sqlite" { _ = try PostgresURL(descriptor.catalog, source: path) }
        if descriptor.vault != "folder" { _ = try S3VaultURL(descriptor.vault, source: path) }
        return descriptor
    }

    /// Writes the descriptor into a new store (once; it is never rewritten).
    package func write(storePath: String) throws(DFCError) {
        let path = storePath + "/" + Self.fileName
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { throw DFCError.storeIO(path: path, reason: "cannot encode the store descriptor") }
        try FileWriting.createReadOnly(path, Array(data) + Array("\n".utf8))
    }

    /// The catalog this descriptor names, opened and its schema brought up to date.
    package func openCatalog(storePath: String, lockTimeout: Double, logger: Logger) throws(DFCError) -> Catalog {
        guard catalog != "sqlite" else {
            let path = storePath + "/catalog.sqlite"
            do {
                return try Catalog(path: path, lockTimeout: lockTimeout)
            } catch {
                throw Catalog.failure(error, name: path, reason: SQLiteCatalog.explain(error, lockTimeout: lockTimeout))
            }
        }
        let url = try PostgresURL(catalog, source: storePath + "/" + Self.fileName)
        do {
            return Catalog(engine: try PostgresCatalog(url: url, lockTimeout: lockTimeout, logger: logger))
        } catch {
            throw Catalog.failure(error, name: url.text, reason: PostgresCatalog.explain(error, url: url, lockTimeout: lockTimeout))
        }
    }

    /// The vault this descriptor names, opened (no request is made yet).
    package func openVault(storePath: String) throws(DFCError) -> any VaultStorage {
        guard vault != "folder" else { return FolderVault(storePath: storePath) }
        let url = try S3VaultURL(vault, source: storePath + "/" + Self.fileName)
        return try url.open()
    }
}

/// `s3://BUCKET?endpoint=https://HOST[:PORT][&region=REGION][&retention-days=DAYS][&ca-bundle=PATH]`, the vault
/// URL `dfc init --vault` takes and the descriptor keeps. Off the loopback the endpoint must be `https://`:
/// originals never cross a network in clear. `ca-bundle` names the CA certificates (PEM) the server's
/// certificate must chain to, in place of the system's roots (as the AWS CLI's `--ca-bundle`).
package struct S3VaultURL: Equatable, Sendable {
    package var bucket: String
    package var endpoint: String
    package var region: String
    /// The CA bundle the server's certificate must chain to, or nil for the system's roots.
    package var caBundle: String?
    /// How long each original stays locked in compliance mode (10 years unless given).
    package var retentionDays: Int

    package static let defaultRetentionDays = 3650

    package init(_ text: String, source: String) throws(DFCError) {
        guard let components = URLComponents(string: text), components.scheme == "s3", let bucket = components.host, !bucket.isEmpty,
              components.path.isEmpty || components.path == "/" else {
            throw DFCError.storeDescriptor(path: source, reason: "\(text): not an S3 vault URL (s3://BUCKET?endpoint=http://HOST:PORT)")
        }
        var values: [String: String] = [:]
        for item in components.queryItems ?? [] { values[item.name] = item.value ?? "" }
        let unknown = Set(values.keys).subtracting(["endpoint", "region", "retention-days", "ca-bundle"])
        guard unknown.isEmpty else {
            throw DFCError.storeDescriptor(path: source, reason: "\(text): unknown settings \(unknown.sorted().joined(separator: ", ")) "
                + "(an S3 vault URL takes endpoint, region, retention-days and ca-bundle; credentials come from the environment)")
        }
        guard let endpoint = values["endpoint"], !endpoint.isEmpty else {
            throw DFCError.storeDescriptor(path: source, reason: "\(text): names no endpoint (add ?endpoint=https://HOST)")
        }
        if let parts = URLComponents(string: endpoint), parts.user != nil || parts.password != nil {
            throw DFCError.storeDescriptor(path: source, reason: "the endpoint holds credentials (USER:SECRET@): the descriptor never keeps them; "
                + "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or write them to ~/.aws/credentials")
        }
        if let parts = URLComponents(string: endpoint), parts.scheme == "http",
           !["localhost", "127.0.0.1", "::1", "[::1]"].contains(parts.host?.lowercased() ?? "") {
            throw DFCError.storeDescriptor(path: source, reason: "\(text): the endpoint is http:// off this machine: originals would cross "
                + "the network in clear; give its https:// address (with ca-bundle=PATH for a CA of your own)")
        }
        if let bundle = values["ca-bundle"] {
            guard bundle.hasPrefix("/") else {
                throw DFCError.storeDescriptor(path: source, reason: "\(text): ca-bundle must be an absolute path to the CA's certificates (PEM)")
            }
            caBundle = bundle
        }
        self.bucket = bucket
        self.endpoint = endpoint
        self.region = values["region"] ?? "us-east-1"
        guard let days = Int(values["retention-days"] ?? String(Self.defaultRetentionDays)), (1...36500).contains(days) else {
            throw DFCError.storeDescriptor(path: source, reason: "\(text): retention-days must be a whole number of days from 1 to 36500")
        }
        self.retentionDays = days
    }

    /// An S3 vault on this bucket, with the environment's credentials.
    package func open() throws(DFCError) -> S3Vault {
        let name = "S3 vault s3://\(bucket) at \(endpoint)"
        guard let credentials = S3Credentials.fromEnvironment() else {
            throw DFCError.vault(vault: name, reason: "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or write them to ~/.aws/credentials")
        }
        do {
            return S3Vault(client: try S3Client(endpoint: endpoint, bucket: bucket, region: region, credentials: credentials, caBundle: caBundle),
                           retentionDays: retentionDays)
        } catch {
            throw DFCError.vault(vault: name, reason: error.message)
        }
    }
}
