import Foundation
import Logging

extension EvidenceStore {
    /// Copies this embedded store into a new store at `destination` whose vault is the S3 bucket
    /// `vault` names (`s3://BUCKET?endpoint=URL…`, with Object Lock). Every original is read
    /// back from the vault folder and checked against its registration before it is uploaded,
    /// locked; then a signed `store_copied` event is appended to this store's log, naming who,
    /// where to and how much; then the catalog is copied as one consistent snapshot (the SQLite
    /// backup API), with the actors' keys and the extracted pictures; exhibits ingested meanwhile
    /// are carried too; and the new store is audited. The migration succeeds only when that audit
    /// is clean: otherwise, or on any error, the new folder is removed (objects already uploaded
    /// stay locked in the bucket, and a second run adopts them). This store is left as it was, but
    /// for the event. Only a custodian or a supervisor may.
    public func migrate(to destination: String, vault: String, actor: String) throws -> StoreMigration {
        let signer = try handler(for: actor, command: "migrate the store")
        guard signer.role.mayAuthorizeExport else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "copy the store elsewhere: only a custodian or a supervisor may")
        }
        guard self.vault.storage is FolderVault, let sqlite = catalog.engine as? SQLiteCatalog else {
            throw DFCError.invalidArgument("\(path): it is not an embedded store (catalog \(catalog.name), vault \(self.vault.storage.name)); migrate-store copies an embedded store")
        }
        try sweepLeftovers(signer)
        let target = Self.absolute(destination)
        let url = try S3VaultURL(vault, source: "--vault")
        _ = try Self.checkNewStoreFolder(target, path: destination)
        let remote = try url.open()
        try Self.requireObjectLock(remote)
        var carried = Set<String>(), uploaded = 0, adopted = 0, bytes: Int64 = 0
        func carry(_ records: [ExhibitRecord]) throws {
            for record in records where !carried.contains(record.vaultPath) {
                let check = try self.vault.check(record)
                guard let staged = check.staged else {
                    throw DFCError.storeIO(path: path, reason: (check.problem ?? "\(record.exhibitID): vault copy unreadable")
                        + ": the store was not migrated; run dfc audit")
                }
                defer { self.vault.discard(staged) }
                if try remote.place(staged, at: record.vaultPath) { uploaded += 1 } else { adopted += 1 }
                bytes += record.size
                carried.insert(record.vaultPath)
            }
        }
        try carry(try withCatalog { try catalog.read { try ExhibitRecord.fetchAll($0, orderedBy: "id") } })
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try StoreDescriptor(vault: vault).write(storePath: target)
            let event = try withCatalog {
                try catalog.write { db -> Int64 in
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM exhibit") ?? 0
                    return try CustodyLog.append(db, action: "store_copied", signer: signer, exhibit: nil, details: [
                        "to": target, "vault": remote.name, "exhibits": String(count),
                    ]).seq
                }
            }
            try withCatalog { try sqlite.backup(to: target + "/catalog.sqlite") }
            for folder in ["keys", "derived"] where FileManager.default.fileExists(atPath: path + "/" + folder) {
                try Self.copyTree(path + "/" + folder, to: target + "/" + folder)
            }
            let copied = try EvidenceStore(path: target, logger: logger)
            // Exhibits ingested between the uploads and the snapshot.
            try carry(try copied.withCatalog { try copied.catalog.read { try ExhibitRecord.fetchAll($0, orderedBy: "id") } })
            let audit = try copied.audit(actor: signer.name)
            guard audit.ok else {
                throw DFCError.storeIO(path: target, reason: "the copy's audit found \(audit.problems.count) problems (first: "
                    + "\(audit.problems.first ?? "")): the store was not migrated")
            }
            return StoreMigration(destination: target, vault: remote.name, exhibits: carried.count, uploaded: uploaded, adopted: adopted,
                                  bytes: bytes, event: event, audit: audit)
        } catch {
            Self.removeTree(target)
            throw error
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
