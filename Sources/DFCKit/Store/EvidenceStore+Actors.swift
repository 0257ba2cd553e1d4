import Foundation
internal import GRDB

extension EvidenceStore {
    /// Registers an actor: makes an Ed25519 key pair, writes the private key to `keys/`
    /// (0600), and records the public key in the catalog together with the signed
    /// `actor_registered` event that names it.
    ///
    /// `registrar` is the registered custodian or supervisor doing it. A store with no
    /// actors yet takes its first one without a registrar: the actor registers itself,
    /// and the event says so.
    public func registerActor(name: String, role: ActorRole, by registrar: String?) throws -> ActorInfo {
        let name = try Self.validActorName(name)
        let registrar = try registrar.map { try Self.requireActor($0) }
        return try withCatalog {
            try catalog.write { db in
                try register(name: name, role: role, registrar: registrar, command: "actor add", db)
            }
        }
    }

    /// Every registered actor, in order of registration.
    public func actors() throws -> [ActorInfo] {
        try withCatalog { try catalog.read { try ActorRecord.order(Column("registered_seq")).fetchAll($0).map(\.info) } }
    }

    /// The signer for a registered actor: its key file, checked against the registered key.
    func signer(for actor: String) throws -> Signer {
        let name = try Self.requireActor(actor)
        let record = try withCatalog { try catalog.read { try ActorRecord.fetchOne($0, key: name) } }
        guard let record else { throw DFCError.actorNotRegistered(name: name, store: path) }
        return try signer(record)
    }

    /// As `signer(for:)`, except that a store with no actors at all registers this one on
    /// the spot, as its custodian, recording that `command` did so.
    func signerRegisteringFirst(_ actor: String, command: String) throws -> Signer {
        let name = try Self.requireActor(actor)
        // Only a store with no actor at all needs the write lock here (checked again under it).
        if try withCatalog({ try catalog.read { try ActorRecord.fetchCount($0) } }) == 0 {
            try withCatalog {
                try catalog.write { db in
                    if try ActorRecord.fetchCount(db) == 0 {
                        _ = try register(name: Self.validActorName(name), role: .custodian, registrar: nil, command: command, db)
                    }
                }
            }
        }
        return try signer(for: name)
    }

    private func signer(_ record: ActorRecord) throws -> Signer {
        let key = try keys.load(for: record.name)
        guard Hex.string(key.publicKey.rawRepresentation) == record.publicKey else {
            throw DFCError.keyFile(path: path + "/" + KeyFolder.relativePath(for: record.name),
                                   reason: "does not match the key registered for \(record.name) (custody event \(record.registeredSeq)): refused")
        }
        return Signer(name: record.name, role: ActorRole(rawValue: record.role) ?? .analyst, key: key)
    }

    private func register(name: String, role: ActorRole, registrar: String?, command: String, _ db: Database) throws -> ActorInfo {
        guard try ActorRecord.fetchOne(db, key: name) == nil else { throw DFCError.actorExists(name: name) }
        let first = try ActorRecord.fetchCount(db) == 0
        var registrarSigner: Signer?
        if let registrar, registrar != name || !first {
            guard let record = try ActorRecord.fetchOne(db, key: registrar) else {
                throw DFCError.actorNotRegistered(name: registrar, store: path)
            }
            let signer = try signer(record)
            guard signer.role.mayRegisterActors else {
                throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "register actors: only a custodian or a supervisor may")
            }
            registrarSigner = signer
        } else if !first {
            throw DFCError.actorMissing
        } else if !role.mayRegisterActors {
            throw DFCError.notPermitted(actor: name, role: role, action:
                "be the store's first actor: the first is a custodian or a supervisor, who can register the others")
        }
        let keyPath = path + "/" + KeyFolder.relativePath(for: name)
        unlink(keyPath)   // a key never registered (left by a crash here) signs nothing: replace it
        let key = try keys.create(for: name)
        do {
            let newSigner = Signer(name: name, role: role, key: key)
            var details = ["registered_actor": name, "role": role.rawValue, "public_key": newSigner.publicKeyHex,
                           "key_file": KeyFolder.relativePath(for: name), "command": command,
                           "host": Host.name, "dfc_version": DFCVersion.current]
            if registrarSigner == nil {
                details["note"] = "the store's first actor, registered on the spot and self-signed"
            }
            let event = try CustodyLog.append(db, action: "actor_registered", signer: registrarSigner ?? newSigner,
                                              exhibit: nil, details: details)
            let record = ActorRecord(name: name, role: role.rawValue, publicKey: newSigner.publicKeyHex,
                                     registeredSeq: event.seq, registeredAt: event.recordedAt)
            try record.insert(db)
            return record.info
        } catch {
            unlink(keyPath)
            throw error
        }
    }

    /// 1 to 64 letters, digits, spaces and `. - _ @ '`, not starting or ending with a space.
    static func validActorName(_ name: String) throws(DFCError) -> String {
        guard !name.isEmpty, name.count <= 64 else { throw .invalidActorName(name: name, reason: "it must be 1 to 64 characters") }
        guard name.first != " ", name.last != " " else {
            throw .invalidActorName(name: name, reason: "it starts or ends with a space")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || " .-_@'".contains($0) }) else {
            throw .invalidActorName(name: name, reason: "only letters, digits, spaces and . - _ @ ' are allowed")
        }
        return name
    }
}
