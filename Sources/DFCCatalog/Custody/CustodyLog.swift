internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// Appends signed custody events to the hash chain, and reads the log back as Merkle leaves.
package enum CustodyLog {
    /// Appends one event, signed by `signer`, inside the caller's write transaction, so
    /// it commits (or not) together with whatever it records.
    @discardableResult
    package static func append(
        _ db: CatalogDB, action: String, signer: Signer, exhibit: ExhibitID?, details: [String: String]
    ) throws -> CustodyEventRecord {
        let last = try SQLRow.fetchOne(db, sql: "SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1")
        let (record, bytes) = try make(NewEvent(action: action, signer: signer, exhibit: exhibit, details: details),
                                       seq: try next(after: try last?.at(0) ?? 0), prev: try last?.at(1) ?? CustodyPayload.genesis)
        try record.insert(db)
        try MerkleNodes.append(leaf: Merkle.leafHash(bytes), index: Int(record.seq - 1), db)
        return record
    }

    /// The number of the event after `seq`; an error when the log's last number is none a log
    /// of appended events could reach (the custody_event table was altered by hand).
    private static func next(after seq: Int64) throws -> Int64 {
        guard seq >= 0, seq < Int64.max else {
            throw DFCError.storeIO(path: "custody_event", reason: "the custody log's last event is numbered \(seq), which no log of appended "
                + "events reaches: the table was altered; nothing was recorded (run dfc audit)")
        }
        return seq + 1
    }

    /// An event to append: who, what, and about which exhibit.
    package struct NewEvent {
        package var action: String
        package var signer: Signer
        package var exhibit: ExhibitID?
        package var details: [String: String]

        package init(action: String, signer: Signer, exhibit: ExhibitID? = nil, details: [String: String]) {
            self.action = action
            self.signer = signer
            self.exhibit = exhibit
            self.details = details
        }
    }

    /// Appends `events` in order, exactly as one `append` after another would (the same chain,
    /// payloads and Merkle rows), with their rows inserted a few hundred to a statement: on
    /// PostgreSQL a round trip per batch instead of several per event.
    package static func append(_ db: CatalogDB, _ events: [NewEvent]) throws {
        guard !events.isEmpty else { return }
        let last = try SQLRow.fetchOne(db, sql: "SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1")
        var seq: Int64 = try last?.at(0) ?? 0
        var prev: String = try last?.at(1) ?? CustodyPayload.genesis
        var nodes = MerkleNodes(db)
        var pending: [Int: Merkle.Hash] = [:]
        let rows = RowInserter(db)
        for event in events {
            seq = try next(after: seq)
            let (record, bytes) = try make(event, seq: seq, prev: prev)
            prev = record.hash
            try rows.add(CustodyEventRecord.table, columns: CustodyEventRecord.columns, [
                record.seq, record.exhibitID, record.action, record.actor, record.recordedAt, record.payload, record.prevHash,
                record.hash, record.signature,
            ])
            for node in try nodes.completed(byLeaf: Merkle.leafHash(bytes), at: Int(seq - 1), pending: &pending) {
                try rows.add("merkle_node", columns: ["level", "idx", "hash"], [node.level, node.index, Data(node.hash)], orIgnore: true)
            }
        }
        try rows.finish()
    }

    /// The signed row of `event` as number `seq` after the event whose hash is `prev`, and the
    /// payload's bytes. Every event says which host and which DFC recorded it (`host`,
    /// `dfc_version`), added here once for all of them.
    private static func make(_ event: NewEvent, seq: Int64, prev: String) throws -> (CustodyEventRecord, [UInt8]) {
        var details = event.details
        details["host"] = details["host"] ?? Host.name
        details["dfc_version"] = details["dfc_version"] ?? DFCVersion.current
        let payload = CustodyPayload(
            seq: seq, prev: prev, action: event.action, actor: event.signer.name, role: event.signer.role.rawValue,
            key: event.signer.publicKeyHex, at: Timestamp.now(), exhibit: event.exhibit?.description, details: details)
        let bytes = try CanonicalJSON.data(payload)
        let record = CustodyEventRecord(
            seq: seq, exhibitID: event.exhibit?.rawValue, action: event.action, actor: event.signer.name, recordedAt: payload.at,
            payload: String(decoding: bytes, as: UTF8.self), prevHash: prev, hash: Hex.string(SHA256.hash(data: bytes)),
            signature: try event.signer.sign(bytes))
        return (record, Array(bytes))
    }

    /// How many events the log holds: its last sequence number (they run 1, 2, 3, … with no
    /// holes; the audit names a log where they do not).
    package static func size(_ db: CatalogDB) throws -> Int {
        Int(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM custody_event") ?? 0)
    }

    /// The log's identity: the hash of its first event (64 zeros while it is empty).
    package static func logID(_ db: CatalogDB) throws -> String {
        try String.fetchOne(db, sql: "SELECT hash FROM custody_event ORDER BY seq LIMIT 1") ?? CustodyPayload.genesis
    }

    /// How an event's signature stands against the actors the catalog registered.
    package enum SignatureStatus: String, Sendable {
        case valid
        case unsigned
        case invalid
        case unknownActor = "unknown actor"
        case notActorsKey = "not the actor's key"
        case beforeRegistration = "before the actor was registered"
    }

    /// `verified`, when given, is whether the signature verifies against the payload's key
    /// (as `SignatureBatch` found); otherwise it is checked here.
    package static func signatureStatus(
        _ event: CustodyEventRecord, _ payload: CustodyPayload, actors: [String: ActorRecord], verified: Bool? = nil
    ) -> SignatureStatus {
        guard let signature = event.signature, let key = payload.key else { return .unsigned }
        guard verified ?? Signer.isValid(signature: signature, of: Data(event.payload.utf8), publicKey: key) else { return .invalid }
        guard let actor = actors[payload.actor] else { return .unknownActor }
        guard actor.publicKey == key else { return .notActorsKey }
        guard actor.registeredSeq <= event.seq else { return .beforeRegistration }
        return .valid
    }

    package static func decode(_ event: CustodyEventRecord, with decoder: JSONDecoder = JSONDecoder()) -> CustodyPayload? {
        try? decoder.decode(CustodyPayload.self, from: Data(event.payload.utf8))
    }

    /// Every registered actor's public key (hex), by name: what checkpoints are verified with.
    package static func actorKeys(_ db: CatalogDB) throws -> [String: String] {
        try actors(db).mapValues(\.publicKey)
    }

    /// Every actor row by name. Two rows whose names Swift takes as one (canonically equal:
    /// SQLite compares bytes) keep the one registered first; the audit names the other.
    package static func actors(_ db: CatalogDB) throws -> [String: ActorRecord] {
        actors(try ActorRecord.fetchAll(db, orderedBy: "registered_seq"))
    }

    /// The same, of rows already fetched in order of registration.
    package static func actors(_ rows: [ActorRecord]) -> [String: ActorRecord] {
        Dictionary(rows.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
