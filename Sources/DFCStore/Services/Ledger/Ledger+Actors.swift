internal import Crypto
import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Ledger {
    /// Registers an actor: makes an Ed25519 key pair, writes the private key to `keys/`
    /// (0600), and records the public key in the catalog together with the signed
    /// `actor_registered` event that names it.
    ///
    /// `registrar` is the registered custodian or supervisor doing it. A store with no
    /// actors yet takes its first one without a registrar: the actor registers itself,
    /// and the event says so.
    ///
    /// With `publicKey` (64 hex digits), no key pair is made here: the actor keeps its private key
    /// where it was made (`hostKey(name:)` on a worker host), and only its public key is registered.
    public func registerActor(name: String, role: ActorRole, by registrar: String?, publicKey: String? = nil) throws -> ActorInfo {
        let name = try Self.validActorName(name)
        let registrar = try registrar.map { try Self.requireActor($0) }
        let key = try publicKey.map { text throws(DFCError) in
            let hex = text.trimmingCharacters(in: .whitespaces).lowercased()
            guard let bytes = Hex.bytes(hex), bytes.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil else {
                throw DFCError.invalidArgument("\(text): not an Ed25519 public key (64 hex digits, as `dfc actor key` prints)")
            }
            return hex
        }
        return try withCatalog {
            try catalog.write { db in
                try register(name: name, role: role, registrar: registrar, command: "actor add", publicKey: key, db)
            }
        }
    }

    /// The public key (hex) of the key pair kept for `name` in this store folder's `keys/`, made
    /// now (0600) when there is none. On a worker host: the key never leaves the host; a custodian
    /// registers the public key this prints (`registerActor(name:role:by:publicKey:)`).
    public func hostKey(name: String) throws -> String {
        let name = try Self.validActorName(name)
        if let key = try? keys.load(for: name) { return Hex.string(key.publicKey.rawRepresentation) }
        return Hex.string(try keys.create(for: name).publicKey.rawRepresentation)
    }

    /// Revokes `name`: a signed `actor_revoked` event by `registrar` (a custodian or supervisor),
    /// with the reason. From that event on, the actor signs nothing: every command refuses it,
    /// a worker host's next commit included, and the audit names any event it signed after.
    /// Returns the event's number.
    @discardableResult
    public func revokeActor(name: String, reason: String, by registrar: String) throws -> Int64 {
        let name = try Self.requireActor(name)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a revocation needs a reason (--reason TEXT)") }
        let revoker = try signer(for: registrar)
        guard revoker.role.mayRegisterActors else {
            throw DFCError.notPermitted(actor: revoker.name, role: revoker.role, action: "revoke actors: only a custodian or a supervisor may")
        }
        return try withCatalog {
            try catalog.write { db in
                guard let record = try ActorRecord.fetchOne(db, key: name) else { throw DFCError.actorNotRegistered(name: name, store: path) }
                if let earlier = try Self.revocation(of: record.name, db) {
                    throw DFCError.actorRevoked(name: record.name, event: earlier.seq, reason: earlier.reason)
                }
                try Self.requireNotRevoked(revoker.name, db)
                return try CustodyLog.append(db, action: "actor_revoked", signer: revoker, exhibit: nil, details: [
                    "revoked_actor": record.name, "role": record.role, "public_key": record.publicKey, "reason": reason,
                ]).seq
            }
        }
    }

    /// The event that revoked `name`, if one did (read from the log itself, by its action).
    package static func revocation(of name: String, _ db: CatalogDB) throws -> (seq: Int64, reason: String)? {
        for event in try CustodyEventRecord.fetchAll(db, where: "action", is: "actor_revoked", orderedBy: "seq") {
            if let details = CustodyLog.decode(event)?.details, details["revoked_actor"] == name {
                return (event.seq, details["reason"] ?? "no reason given")
            }
        }
        return nil
    }

    /// Refuses a signer whose registration was revoked: inside a write transaction, under the
    /// log's lock, so that no event of its can follow the revocation.
    package static func requireNotRevoked(_ name: String, _ db: CatalogDB) throws {
        if let revoked = try revocation(of: name, db) {
            throw DFCError.actorRevoked(name: name, event: revoked.seq, reason: revoked.reason)
        }
    }

    /// Every registered actor, in order of registration, a revoked one with the event that revoked it.
    public func actors() throws -> [ActorInfo] {
        try withCatalog {
            try catalog.read { db in
                var revoked: [String: (seq: Int64, at: String)] = [:]
                for event in try CustodyEventRecord.fetchAll(db, where: "action", is: "actor_revoked", orderedBy: "seq") {
                    if let name = CustodyLog.decode(event)?.details["revoked_actor"], revoked[name] == nil { revoked[name] = (event.seq, event.recordedAt) }
                }
                return try ActorRecord.fetchAll(db, orderedBy: "registered_seq").map { record in
                    var info = record.info
                    (info.revokedBy, info.revokedAt) = (revoked[record.name]?.seq, revoked[record.name]?.at)
                    return info
                }
            }
        }
    }

    /// The signer for a registered actor: its key file, checked against the registered key, and
    /// its row against the signed event that registered it. The audit alone, which must run
    /// however the store was edited (and names such an edit), skips the second check.
    /// A worker host's key signs the jobs of queued batches (`asHost`) and nothing else: not a read,
    /// a check, a checkpoint or an audit.
    package func signer(for actor: String, asHost: Bool = false) throws -> Signer {
        let name = try Self.requireActor(actor)
        let record = try withCatalog { try catalog.read { try ActorRecord.fetchOne($0, key: name) } }
        guard let record else { throw DFCError.actorNotRegistered(name: name, store: path) }
        let signer = try signer(record)
        if signer.role == .host, !asHost { throw Self.hostRefusal(signer) }
        return signer
    }

    /// Why a worker host's key is refused for anything but a queued job.
    package static func hostRefusal(_ signer: Signer) -> DFCError {
        DFCError.notPermitted(actor: signer.name, role: signer.role, action:
            "a worker host only analyses and records the jobs of queued batches (dfc worker-host); it reads, checks and signs nothing else")
    }

    /// The signer of an audit. Its registration row is not checked against its event here (the audit
    /// names an altered one) and it is read whatever the catalog's schema holds (the audit names a
    /// changed schema too), but a revoked actor audits nothing: its `audited` event would make every
    /// later audit fail.
    package func auditSigner(for actor: String) throws -> Signer {
        let name = try Self.requireActor(actor)
        let record = try withCatalog {
            try catalog.inspect { db -> ActorRecord? in
                guard let record = try ActorRecord.fetchOne(db, key: name) else { return nil }
                try Self.requireNotRevoked(name, db)
                return record
            }
        }
        guard let record else { throw DFCError.actorNotRegistered(name: name, store: path) }
        let signer = try signer(record, checkingRegistration: false)
        if signer.role == .host { throw Self.hostRefusal(signer) }
        return signer
    }

    /// The signer for an actor who is to handle evidence (`command`): refused for an auditor.
    package func handler(for actor: String, command: String) throws -> Signer {
        try Self.requireHandling(try signer(for: actor), command: command)
    }

    package static func requireHandling(_ signer: Signer, command: String) throws -> Signer {
        if signer.role == .host { throw hostRefusal(signer) }
        guard signer.role.mayHandleEvidence else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action:
                "\(command): an auditor checks evidence and never handles it; nothing was done")
        }
        return signer
    }

    /// As `signer(for:)`, except that a store with no actors at all registers this one on
    /// the spot, as its custodian, recording that `command` did so.
    package func signerRegisteringFirst(_ actor: String, command: String) throws -> Signer {
        let name = try Self.requireActor(actor)
        // Only a store with no actor at all needs the write lock here (checked again under it).
        if try withCatalog({ try catalog.read { try Catalog.actorCount($0) } }) == 0 {
            try withCatalog {
                try catalog.write { db in
                    if try Catalog.actorCount(db) == 0 {
                        _ = try register(name: Self.validActorName(name), role: .custodian, registrar: nil, command: command, db)
                    }
                }
            }
        }
        return try signer(for: name)
    }

    private func signer(_ record: ActorRecord, _ db: CatalogDB? = nil, checkingRegistration: Bool = true) throws -> Signer {
        if checkingRegistration {
            try checkRegistration(of: record, db)
            if let db { try Self.requireNotRevoked(record.name, db) } else {
                try withCatalog { try catalog.read { try Self.requireNotRevoked(record.name, $0) } }
            }
        }
        let key = try keys.load(for: record.name)
        guard Hex.string(key.publicKey.rawRepresentation) == record.publicKey else {
            throw DFCError.keyFile(path: path + "/" + KeyFolder.relativePath(for: record.name),
                                   reason: "does not match the key registered for \(record.name) (custody event \(record.registeredSeq)): refused")
        }
        return Signer(name: record.name, role: ActorRole(rawValue: record.role) ?? .auditor, key: key)
    }

    /// The role and key come from the signed registration, never from the actor row alone: a row
    /// promoted or re-keyed by hand signs nothing.
    private func checkRegistration(of record: ActorRecord, _ db: CatalogDB?) throws {
        let registration: CustodyEventRecord?
        if let db {
            registration = try CustodyEventRecord.fetchOne(db, key: record.registeredSeq)
        } else {
            registration = try withCatalog { try catalog.read { try CustodyEventRecord.fetchOne($0, key: record.registeredSeq) } }
        }
        let details = registration.flatMap { CustodyLog.decode($0)?.details }
        guard let registration, registration.action == "actor_registered", let details,
              details["registered_actor"].map({ Array($0.utf8) }) == Array(record.name.utf8),
              details["role"] == record.role, details["public_key"] == record.publicKey,
              ActorRole(rawValue: record.role) != nil else {
            throw DFCError.actorRecordAltered(name: record.name, event: record.registeredSeq)
        }
    }

    private func register(name: String, role: ActorRole, registrar: String?, command: String, publicKey: String? = nil,
                          _ db: CatalogDB) throws -> ActorInfo {
        let existing = try Catalog.actorNames(db)
        if let same = existing.first(where: { ActorName.normalized($0) == name }) { throw DFCError.actorExists(name: same) }
        if let similar = ActorName.confusable(name, with: existing) {
            throw DFCError.invalidActorName(name: name, reason: "it is too like the registered actor \"\(similar)\" "
                + "(the two can be taken for each other on screen or paper); choose a name that cannot be confused with it")
        }
        let first = try Catalog.actorCount(db) == 0
        var registrarSigner: Signer?
        if let registrar, registrar != name || !first {
            guard let record = try ActorRecord.fetchOne(db, key: registrar) else {
                throw DFCError.actorNotRegistered(name: registrar, store: path)
            }
            let signer = try signer(record, db)
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
        if let registrarSigner { try Self.requireNotRevoked(registrarSigner.name, db) }
        if let publicKey {
            guard let registrarSigner else { throw DFCError.invalidArgument("the store's first actor signs its own registration: it needs a key made here, not --public-key") }
            let details = ["registered_actor": name, "role": role.rawValue, "public_key": publicKey, "command": command,
                           "key_file": "kept where the key was made (only the public key was given)"]
            let event = try CustodyLog.append(db, action: "actor_registered", signer: registrarSigner, exhibit: nil, details: details)
            let record = ActorRecord(name: name, role: role.rawValue, publicKey: publicKey, registeredSeq: event.seq, registeredAt: event.recordedAt)
            try record.insert(db)
            return record.info
        }
        let keyPath = path + "/" + KeyFolder.relativePath(for: name)
        unlink(keyPath)   // a key never registered (left by a crash here) signs nothing: replace it
        let key = try keys.create(for: name)
        do {
            let newSigner = Signer(name: name, role: role, key: key)
            var details = ["registered_actor": name, "role": role.rawValue, "public_key": newSigner.publicKeyHex,
                           "key_file": KeyFolder.relativePath(for: name), "command": command]
            if registrarSigner == nil {
                details["note"] = "the store's first actor, registered on the spot and self-signed"
                // What matters about the store is signed, not a file: its engines and its vault's
                // retention, against which the audit checks store.json and every object's lock.
                details.merge(try StoreDescriptor.read(storePath: path).signedFacts) { $1 }
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
    /// The name is kept in Unicode NFC, and may not mix scripts (Latin with Cyrillic, say).
    package static func validActorName(_ given: String) throws(DFCError) -> String {
        let name = ActorName.normalized(given)
        guard !name.isEmpty, name.count <= 64 else { throw .invalidActorName(name: name, reason: "it must be 1 to 64 characters") }
        guard name.first != " ", name.last != " " else {
            throw .invalidActorName(name: name, reason: "it starts or ends with a space")
        }
        // Per code point: an invisible one (a zero-width joiner or non-joiner, a direction mark)
        // rides inside a letter's grapheme, so that "Sup" + U+200C prints as "Sup".
        if let hidden = name.unicodeScalars.first(where: { $0.properties.isDefaultIgnorableCodePoint
            || [.format, .control, .privateUse, .unassigned, .surrogate].contains($0.properties.generalCategory) }) {
            throw .invalidActorName(name: name, reason: "it holds the invisible character U+\(String(hidden.value, radix: 16, uppercase: true)), "
                + "which would make two names that print alike two actors")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || " .-_@'".contains($0) }) else {
            throw .invalidActorName(name: name, reason: "only letters, digits, spaces and . - _ @ ' are allowed")
        }
        let scripts = ActorName.scripts(of: name)
        guard ActorName.mayMix(scripts) else {
            throw .invalidActorName(name: name, reason: "it mixes the \(scripts.sorted().joined(separator: " and ")) scripts, "
                + "as a look-alike of another name would")
        }
        return name
    }
}
