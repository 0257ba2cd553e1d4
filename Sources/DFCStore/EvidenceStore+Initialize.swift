internal import DFCS3
import Logging
import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension EvidenceStore {
    /// Makes a new store at `path` (a folder that does not exist yet, or is empty) on the engines
    /// named: with no `vault`, the embedded store (the vault folder `vault/`); with
    /// `s3://BUCKET?endpoint=URL[&region=R][&retention-days=N]`, that bucket, which must already
    /// exist with Object Lock enabled (checked now, with the environment's credentials). With no
    /// `catalog`, the catalog is the store's `catalog.sqlite`; with
    /// `postgresql://USER@HOST:PORT/DATABASE`, that database, which DFC works in as USER (the
    /// password from `PGPASSWORD` or `~/.pgpass`). When `catalogAdmin` names the database's owner
    /// (`postgresql://ADMIN@HOST:PORT/DATABASE`), the schema is made as that role and USER may
    /// only read and append: no UPDATE, DELETE or TRUNCATE on any table. The choice is written
    /// to `store.json`, once.
    public static func initialize(
        path: String, vault: String? = nil, catalog: String? = nil, catalogAdmin: String? = nil, logger: Logger = Logger(label: "dfc")
    ) throws -> EvidenceStore {
        let absolute = try checkNewStoreFolder(absolute(path), path: path)
        var descriptor = StoreDescriptor()
        if let catalog {
            descriptor.catalog = try preparePostgres(catalog, admin: catalogAdmin)
            // Reached, and its schema up to date, before anything is written here.
            _ = try descriptor.openCatalog(storePath: absolute, lockTimeout: 60, logger: logger)
        } else if catalogAdmin != nil {
            throw DFCError.invalidArgument("--catalog-admin is for a PostgreSQL catalog: give --catalog postgresql://USER@HOST:PORT/DATABASE too")
        }
        if let vault {
            try requireObjectLock(try S3VaultURL(vault, source: "--vault").open())
            descriptor.vault = vault
        }
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        } catch {
            throw DFCError.storeIO(path: path, reason: "cannot create the store: \(error.localizedDescription)")
        }
        try descriptor.write(storePath: absolute)
        return try EvidenceStore(path: absolute, create: true, logger: logger)
    }

    /// The PostgreSQL catalog URL `catalog` as a descriptor keeps it; with `admin`, the schema made
    /// as that role first, DFC's role let only read and append (`PostgresCatalog.prepare`).
    package static func preparePostgres(_ catalog: String, admin catalogAdmin: String?) throws(DFCError) -> String {
        let url = try PostgresURL(catalog, source: "--catalog")
        if let catalogAdmin {
            let admin = try PostgresURL(catalogAdmin, source: "--catalog-admin")
            guard admin.host == url.host, admin.port == url.port, admin.database == url.database else {
                throw DFCError.invalidArgument("--catalog-admin must name the same server and database as --catalog")
            }
            do {
                try PostgresCatalog.prepare(admin: admin, for: url.user)
            } catch let error as PostgresCatalog.AmcheckNotReady {
                throw DFCError.catalogNotReady(catalog: admin.text, reason: error.description)
            } catch {
                throw DFCError.catalog(path: admin.text, reason: PostgresCatalog.explain(error, url: admin, lockTimeout: 60))
            }
        }
        return url.text
    }

    /// `absolute`, when a new store may be made there: a folder that does not exist yet, or is empty.
    package static func checkNewStoreFolder(_ absolute: String, path: String) throws(DFCError) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw DFCError.storeIsNotDirectory(path: path) }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
            guard entries.isEmpty else {
                throw DFCError.storeIO(path: path, reason: FileManager.default.fileExists(atPath: absolute + "/catalog.sqlite")
                    ? "a store is already here: a store's engines are chosen once, when it is made"
                    : "the folder is not empty: a new store is made in a new or empty folder")
            }
        }
        return absolute
    }

    /// Refuses a bucket that cannot be read or has no Object Lock, naming it and the reason.
    package static func requireObjectLock(_ storage: S3Vault) throws(DFCError) {
        let enabled: Bool
        do {
            enabled = try storage.client.objectLockEnabled()
        } catch {
            throw DFCError.vault(vault: storage.name, reason: "cannot be used: \(error.summary)")
        }
        guard enabled else {
            throw DFCError.vault(vault: storage.name, reason: "the bucket has no Object Lock: make it with Object Lock enabled "
                + "(evidence must be kept where nobody, an administrator included, can delete or overwrite it)")
        }
    }

    /// The engines this store runs on, for `dfc show`-style summaries: `catalog.sqlite` and the vault's name.
    public var engines: (catalog: String, vault: String) { (catalog.name, vault.storage.name) }
}

extension EvidenceStore {
    /// Brings the PostgreSQL catalog of the store at `path` up to this DFC's schema as the
    /// database's owner `catalogAdmin` (`postgresql://ADMIN@HOST:PORT/DATABASE`, the same server
    /// and database as the store's catalog), and lets the store's role read and append the new
    /// tables, and nothing more: the step after installing a newer DFC on a store whose role
    /// may not create tables. Records nothing; an embedded store upgrades itself when opened.
    public static func upgradeCatalog(path: String, catalogAdmin: String) throws {
        let descriptor = try StoreDescriptor.read(storePath: absolute(path))
        guard descriptor.catalog != "sqlite" else {
            throw DFCError.invalidArgument("\(path): its catalog is the embedded SQLite one, which brings itself up to date when the store is opened")
        }
        _ = try preparePostgres(descriptor.catalog, admin: catalogAdmin)
    }
}

extension EvidenceStore {
    /// What the store's catalog still needs from its database's administrator before `dfc audit` can
    /// check everything (on PostgreSQL: amcheck, installed and granted to DFC's role, and the SQL that
    /// does it); nil when nothing. `dfc init` prints it; the audit names it as a problem until it is done.
    public func catalogSetupMissing() throws -> String? {
        do {
            return try context.catalog.setupMissing()
        } catch {
            throw Catalog.failure(error, name: context.catalog.name, reason: context.catalog.explain(error))
        }
    }
}
