import Foundation
import Logging

/// Moves an embedded store onto PostgreSQL and S3 (`migrate-store`), verified as it goes.
public struct Migrator: StoreService {
    package let context: StoreContext
}

extension Migrator {
    /// Copies this embedded store into a new store at `destination` on the engines named: its vault
    /// in the S3 bucket `vault` names (`s3://BUCKET?endpoint=URL…`, with Object Lock), its catalog
    /// and custody log in the PostgreSQL database `catalog` names (`postgresql://USER@HOST:PORT/DB`,
    /// the schema made as `catalogAdmin` when given, as `dfc init` does), or both; what is not named
    /// stays embedded (the vault folder or `catalog.sqlite`, copied). Every original is read back
    /// and checked against its registration before it is uploaded, locked; then a signed
    /// `store_copied` event is appended to this store's log, naming who, where to and how much;
    /// then the catalog is copied as one consistent snapshot (the SQLite backup API, and on to
    /// PostgreSQL value for value), with the actors' keys and the extracted pictures; exhibits
    /// ingested meanwhile are carried too; and the new store is audited, every event, signature,
    /// row and original. The migration succeeds only when that audit is clean: otherwise, or on any
    /// error, the new folder is removed (objects already uploaded stay locked in the bucket, and a
    /// second run adopts them; a PostgreSQL database that received rows must be dropped by its
    /// owner before it is used again). This store is left as it was, but for the event. Only a
    /// custodian or a supervisor may.
    public func migrate(
        to destination: String, vault: String?, catalog catalogURL: String? = nil, catalogAdmin: String? = nil, actor: String
    ) throws -> StoreMigration {
        let signer = try ledger.handler(for: actor, command: "migrate the store")
        guard signer.role.mayAuthorizeExport else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "copy the store elsewhere: only a custodian or a supervisor may")
        }
        guard self.vault.storage is FolderVault, catalog.engine.kind == .sqlite else {
            throw DFCError.invalidArgument("\(path): it is not an embedded store (catalog \(catalog.name), vault \(self.vault.storage.name)); migrate-store copies an embedded store")
        }
        guard vault != nil || catalogURL != nil else {
            throw DFCError.invalidArgument("name where the store goes: --vault s3://…, --catalog postgresql://…, or both")
        }
        try integrity.sweepLeftovers(signer)
        let target = EvidenceStore.absolute(destination)
        _ = try EvidenceStore.checkNewStoreFolder(target, path: destination)
        var descriptor = StoreDescriptor()
        var remote: S3Vault?
        if let vault {
            let opened = try S3VaultURL(vault, source: "--vault").open()
            try EvidenceStore.requireObjectLock(opened)
            descriptor.vault = vault
            remote = opened
        }
        if let catalogURL {
            descriptor.catalog = try EvidenceStore.preparePostgres(catalogURL, admin: catalogAdmin)
            let empty = try descriptor.openCatalog(storePath: target, lockTimeout: 60, logger: logger)
            let rows = try withCatalog { try empty.read { try Catalog.eventCount($0) } }
            guard rows == 0 else {
                throw DFCError.catalog(path: empty.name, reason: "it already holds a custody log (\(rows) events): a store is copied into an empty database")
            }
        }
        var carried = Set<String>(), uploaded = 0, adopted = 0, bytes: Int64 = 0
        func carry(_ records: [ExhibitRecord]) throws {
            for record in records where !carried.contains(record.vaultPath) {
                let check = try self.vault.check(record)
                guard let staged = check.staged else {
                    throw DFCError.storeIO(path: path, reason: (check.problem ?? "\(record.exhibitID): vault copy unreadable")
                        + ": the store was not migrated; run dfc audit")
                }
                defer { self.vault.discard(staged) }
                if let remote {
                    if try remote.place(staged, at: record.vaultPath) { uploaded += 1 } else { adopted += 1 }
                }
                bytes += record.size
                carried.insert(record.vaultPath)
            }
        }
        if remote != nil { try carry(try withCatalog { try catalog.read { try ExhibitRecord.fetchAll($0, orderedBy: "id") } }) }
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try descriptor.write(storePath: target)
            let event = try withCatalog {
                try catalog.write { db -> Int64 in
                    let count = try Catalog.exhibitCount(db)
                    var details = ["to": target, "exhibits": String(count), "vault": remote?.name ?? "folder " + target + "/vault"]
                    if catalogURL != nil { details["catalog"] = descriptor.catalog }
                    return try CustodyLog.append(db, action: "store_copied", signer: signer, exhibit: nil, details: details).seq
                }
            }
            let snapshot = target + (catalogURL == nil ? "/catalog.sqlite" : "/catalog-snapshot.sqlite")
            try withCatalog { try catalog.backup(to: snapshot) }
            var folders = ["keys", "derived"]
            if remote == nil { folders.append("vault") }   // the originals stay in a folder: copied, each checked below
            for folder in folders where FileManager.default.fileExists(atPath: path + "/" + folder) {
                try Self.copyTree(path + "/" + folder, to: target + "/" + folder)
            }
            if catalogURL != nil {
                let owner = try catalogAdmin.map { admin throws(DFCError) in
                    Catalog(engine: try Self.openPostgres(try PostgresURL(admin, source: "--catalog-admin"), logger: logger))
                }
                try copyCatalog(snapshot: snapshot, to: descriptor.openCatalog(storePath: target, lockTimeout: 60, logger: logger), owner: owner)
                for file in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: snapshot + file) }
            }
            let copied = try EvidenceStore(path: target, logger: logger)
            // The copy's engines and retention are its own: signed in its log, which the original's does not share.
            try copied.withCatalog {
                try copied.catalog.write { db in
                    _ = try CustodyLog.append(db, action: "store_described", signer: signer, exhibit: nil,
                                              details: descriptor.signedFacts.merging(["command": "migrate-store", "copied_from": path]) { $1 })
                }
            }
            // Exhibits ingested between the uploads and the snapshot.
            if remote != nil { try carry(try copied.withCatalog { try copied.catalog.read { try ExhibitRecord.fetchAll($0, orderedBy: "id") } }) }
            let audit = try copied.integrity.audit(actor: signer.name)
            guard audit.ok else {
                throw DFCError.storeIO(path: target, reason: "the copy's audit found \(audit.problems.count) problems (first: "
                    + "\(audit.problems.first ?? "")): the store was not migrated")
            }
            return StoreMigration(destination: target, vault: copied.vault.storage.name, catalog: copied.catalog.name,
                                  exhibits: remote == nil ? audit.exhibitsChecked : carried.count, uploaded: uploaded, adopted: adopted,
                                  bytes: bytes, event: event, audit: audit)
        } catch {
            FileWriting.removeTree(target)
            throw error
        }
    }

    /// Copies the catalog snapshot's rows into `destination` (closed again before the snapshot is removed).
    private func copyCatalog(snapshot: String, to destination: Catalog, owner: Catalog?) throws {
        let source = try withCatalog { try Catalog(path: snapshot) }
        do {
            _ = try destination.copyRows(from: source)
            try (owner ?? destination).numberPastCopiedRows()
        } catch let error as DFCError {
            throw error
        } catch {
            throw DFCError.catalog(path: destination.name, reason: "copying the catalog: " + destination.explain(error))
        }
    }

    /// The PostgreSQL catalog at `url`, its errors named.
    static func openPostgres(_ url: PostgresURL, logger: Logger) throws(DFCError) -> PostgresCatalog {
        do {
            return try PostgresCatalog(url: url, logger: logger)
        } catch {
            throw DFCError.catalog(path: url.text, reason: PostgresCatalog.explain(error, url: url, lockTimeout: 60))
        }
    }

    /// Copies a folder of the store (keys, extracted pictures), keeping each file's mode.
    static func copyTree(_ source: String, to destination: String) throws {
        do {
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        } catch {
            throw DFCError.storeIO(path: destination, reason: "cannot copy \(source): \(error.localizedDescription)")
        }
    }
}
