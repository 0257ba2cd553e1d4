internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// One pass over the whole custody log that checks everything the log can say about
/// itself: each event's hash, link and position; its signature, against the key the
/// catalog registered for its actor at that time; that the actor table agrees with the
/// events that registered each actor; and that the RFC 9162 Merkle tree over the
/// events still has the root that every checkpoint (stored, recorded in an event, or
/// supplied from outside) signed or recorded at its size.
package struct LedgerCheck {
    package private(set) var events = 0
    package private(set) var validSignatures = 0
    /// How many of the first events a trusted checkpoint covers (`trustedSize`): re-hashed, linked
    /// and put back into the Merkle tree, but their signatures and payloads not verified again.
    package let trustedSize: Int
    /// SHA-256 over the SHA-256 of every event's row as stored (each column, its signature included,
    /// length-prefixed: `EventDigests.rowDigest`), in order: what the payload's hash does not cover. Recorded by the `audited` event, so that an
    /// incremental audit knows the rows of the events its checkpoint covers are still those a clean audit
    /// verified. `trustedEventsDigest` is the same over the first `trustedSize` events.
    package private(set) var eventsDigest = ""
    package private(set) var trustedEventsDigest: String?
    private var rowHasher = SHA256()
    package private(set) var checkpointsChecked = 0
    package private(set) var problems: [String] = []
    /// Exports recorded but never delivered (`export_undelivered`): no tampering, but to be told.
    package private(set) var notices: [String] = []
    package private(set) var root = Merkle.emptyRoot
    /// What each exhibit's `ingested` event says, by exhibit (`EX-000001`): the catalog's rows
    /// are checked against it, and every exhibit it names must still be there.
    package private(set) var ingested: [String: (seq: Int64, details: [String: String])] = [:]
    /// What the store's first actor signed about the store when it registered (its engines and
    /// retention: `StoreDescriptor.signedFacts`), or a later `store_described` event did (a copy's,
    /// made by migrate-store); nil for a store made before DFC signed them.
    package private(set) var storeFacts: (seq: Int64, details: [String: String])?
    /// What each `amended` event says, by its sequence number.
    package private(set) var amended: [Int64: (exhibit: String, details: [String: String])] = [:]
    /// What each `reanalysed` event says, by the id of the `analysis` row it names.
    package private(set) var reanalysed: [Int64: (seq: Int64, exhibit: String, details: [String: String])] = [:]
    /// What each `clock_corrected` event says, by its sequence number.
    package private(set) var clockCorrected: [Int64: (exhibit: String, details: [String: String])] = [:]
    /// What each `camera_clock_corrected` event says (a camera's standing correction), by its seq.
    package private(set) var cameraClockCorrected: [Int64: [String: String]] = [:]
    /// What each `source_registered` event says (the camera register), by its seq.
    package private(set) var sourceRegistered: [Int64: [String: String]] = [:]
    /// What each `extracted` event says, by its sequence number.
    package private(set) var extracted: [Int64: (exhibit: String, details: [String: String])] = [:]
    /// What each `ingested` or `acquired` event of a batch says: its batch, path and exhibit.
    package private(set) var batchMembers: [Int64: (batch: String, path: String, exhibit: String)] = [:]
    /// The actions whose details the audit reads; other events' payloads are decoded without them.
    private static let actionsWithDetails: Set<String> = [
        "actor_registered", "ingested", "amended", "acquired", "reanalysed", "extracted", "exported", "export_undelivered",
        "actor_revoked", "queued", "job_failed", "attempt_failed", "batch_started", "batch_completed", "batch_cancelled", "clock_corrected",
        "source_registered", "camera_clock_corrected", "store_described", "trust_anchor_added", "trust_anchor_revoked",
        "redaction_planned", "redaction_authorized", "redaction_rendered", "redaction_replayed",
    ]
    /// The only events a worker host signs: the records of queued jobs, the completion of their
    /// batch, and the corrections that follow a camera's standing one into what it records.
    private static let hostActions: Set<String> = ["ingested", "acquired", "job_failed", "attempt_failed", "batch_completed", "clock_corrected"]
    /// Each revoked actor's `actor_revoked` event: it may sign nothing after it.
    private var revoked: [String: Int64] = [:]
    /// Who started each batch (`B-42`), by its `batch_started` event.
    private var starters: [String: String] = [:]
    /// Each `queued` event's batch, path, SHA-256 and vault copy, by its number; and the event that recorded each.
    private var queued: [Int64: (batch: String, path: String, sha256: String, vaultPath: String)] = [:]
    private var recordedJobs: [Int64: Int64] = [:]
    /// Queued batches completed (by event) and cancelled.
    private var completedQueues: [String: Int64] = [:]
    private var cancelledQueues = Set<String>()
    /// The vault copies of queued files not yet recorded: in the vault, and no exhibit's yet.
    package var pendingQueuedVaultPaths: Set<String> {
        Set(queued.filter { recordedJobs[$0.key] == nil }.map(\.value.vaultPath))
    }
    /// Each exhibit's events so far, as an `exported` event commits to them: how many, and the
    /// SHA-256 over their hashes, one a line.
    private var history: [String: (count: Int, digest: SHA256)] = [:]

    /// A tree head the log must still have at `size` events.
    private struct Expectation {
        package let label: String
        package let size: Int
        package let root: String
    }

    private var expectations: [Int: [Expectation]] = [:]
    /// The cosignatures `cosigned` events recorded (by their event), and those the stored cosigned checkpoints carry.
    private var recordedCosignatures: [String: Int64] = [:]
    private var storedCosignatures = Set<String>()
    private var actors: [String: ActorRecord] = [:]
    /// Each exhibit's redaction plan versions (their digests, by version), and each `redaction_authorized`
    /// event's exhibit, version and digest, by its seq.
    private var planVersions: [String: [String]] = [:]
    private var redactionAuthorizations: [Int64: (exhibit: String, version: String, digest: String)] = [:]
    private var registered: [String: (seq: Int64, key: String, role: String, at: String, name: [UInt8])] = [:]

    /// Checks the log; `trustedSize` events from the first are covered by a checkpoint a clean
    /// audit signed (`trustedSize(of:)`), which must also be among `supplied` so the log is held to it.
    package init(_ db: CatalogDB, supplied: [Checkpoint], trustedSize: Int = 0) throws {
        self.trustedSize = trustedSize
        let rows = try ActorRecord.fetchAll(db, orderedBy: "registered_seq")
        actors = CustodyLog.actors(rows)
        var seen: [String: ActorRecord] = [:]
        for row in rows {
            if let first = seen[row.name] {
                problems.append("actor \(row.name): two rows of the actor table name it (registered by events \(first.registeredSeq) and \(row.registeredSeq)), "
                    + "spelt with different bytes for the same letters: the table was altered")
            } else {
                seen[row.name] = row
            }
        }
        try expectStoredCheckpoints(db)
        try expectRecordedTreeHeads(db)
        for (signature, seq) in recordedCosignatures.sorted(by: { $0.value < $1.value }) where !storedCosignatures.contains(signature) {
            problems.append("custody event \(seq) (cosigned) recorded a cosigned checkpoint that is no longer stored: the cosigned_checkpoint table was altered")
        }
        for checkpoint in supplied {
            let label = "the supplied checkpoint (tree size \(checkpoint.treeSize), signed by \(checkpoint.signatures.map(\.signer).joined(separator: ", ")))"
            checkSignature(of: checkpoint, label)
            expect(Expectation(label: label, size: checkpoint.treeSize, root: checkpoint.rootHash))
        }
        let firstHash = try walk(db)
        for (name, actor) in actors.sorted(by: { $0.key < $1.key }) {
            if let registration = registered[name] {
                if registration.seq != actor.registeredSeq || registration.key != actor.publicKey || registration.role != actor.role
                    || registration.name != Array(actor.name.utf8) {
                    problems.append("actor \(name): the actor table (key \(actor.publicKey.prefix(16))…, \(actor.role), event \(actor.registeredSeq)) disagrees with the event that registered it (\(registration.seq)): the table was altered")
                } else if registration.at != actor.registeredAt {
                    problems.append("actor \(name): the actor table says it was registered at \(actor.registeredAt), the event that registered it (\(registration.seq)) at \(registration.at): the table was altered")
                }
            } else {
                problems.append("actor \(name): no actor_registered event in the log registers this actor: the actor table was altered")
            }
        }
        for (name, registration) in registered.sorted(by: { $0.value.seq < $1.value.seq }) where actors[name] == nil {
            problems.append("actor \(name): registered by custody event \(registration.seq), but the actor table has no row for it: the row was deleted")
        }
        for expectation in expectations.values.joined() where expectation.size > events {
            problems.append("\(expectation.label) covers \(expectation.size) events, but the log has only \(events): events were removed")
        }
        for checkpoint in supplied where checkpoint.treeSize > 0 && checkpoint.logID != firstHash {
            problems.append("the supplied checkpoint names log \(checkpoint.logID.prefix(16))…, but this log's first event is \(firstHash.prefix(16))…: it was taken of another log, or the log's beginning was rewritten")
        }
    }

    private mutating func expect(_ expectation: Expectation) {
        expectations[expectation.size, default: []].append(expectation)
    }

    private mutating func expectStoredCheckpoints(_ db: CatalogDB) throws {
        for row in try SQLRow.fetchAll(db, sql: "SELECT tree_size, root_hash, text FROM checkpoint ORDER BY tree_size") {
            let size: Int = try row.at(0)
            let label = "stored checkpoint at tree size \(size)"
            let checkpoint: Checkpoint
            do {
                checkpoint = try Checkpoint(parsing: (try? row.at(2) as String) ?? "", source: label)
            } catch {
                problems.append("\(error.description): the stored checkpoint was altered")
                continue
            }
            if checkpoint.treeSize != size || checkpoint.rootHash != (try? row.at(1) as String) {
                problems.append("\(label): its columns disagree with its signed text: the row was altered")
            }
            checkSignature(of: checkpoint, label)
            expect(Expectation(label: label, size: checkpoint.treeSize, root: checkpoint.rootHash))
        }
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, tree_size, root_hash, text FROM cosigned_checkpoint ORDER BY id") {
            let label = "cosigned checkpoint \(try row.at(0) as Int64) at tree size \((try? row.at(1) as Int).map(String.init) ?? "?")"
            guard let text = try? row.at(3) as String, let checkpoint = try? Checkpoint(parsing: text, source: label) else {
                problems.append("\(label): its text is no longer a checkpoint: the row was altered")
                continue
            }
            if checkpoint.treeSize != (try? row.at(1) as Int) || checkpoint.rootHash != (try? row.at(2) as String) {
                problems.append("\(label): its columns disagree with its signed text: the row was altered")
            }
            let unknown = checkSignature(of: checkpoint, label).unknown
            storedCosignatures.formUnion(checkpoint.signatures.map(\.signature))
            // Every signature DFC stored was a registered actor's: one no key verifies was replaced.
            if !unknown.isEmpty {
                problems.append("\(label): the signature of \(unknown.joined(separator: ", ")) is not by the key registered for it: the row was altered")
            }
            expect(Expectation(label: label, size: checkpoint.treeSize, root: checkpoint.rootHash))
        }
    }

    /// `checkpointed`, `cosigned` and `audited` events record the tree head of the log before them.
    private mutating func expectRecordedTreeHeads(_ db: CatalogDB) throws {
        let events = try CustodyEventRecord.fetchAll(db, sql: "SELECT * FROM custody_event WHERE action IN ('checkpointed', 'audited', 'cosigned') ORDER BY seq")
        for event in events {
            guard let details = CustodyLog.decode(event)?.details, let text = details["tree_size"], let size = Int(text),
                  let root = details["root_hash"] else { continue }
            expect(Expectation(label: "the tree head recorded by custody event \(event.seq) (\(event.action))", size: size, root: root))
            if event.action == "cosigned", let signature = details["cosignature"] { recordedCosignatures[signature] = event.seq }
        }
    }

    /// Checks a checkpoint's signatures against the registered keys; returns what it found.
    @discardableResult
    private mutating func checkSignature(of checkpoint: Checkpoint, _ label: String) -> Checkpoint.Verification {
        checkpointsChecked += 1
        let verification = checkpoint.verify(keys: actors.mapValues(\.publicKey))
        if let problem = verification.problem { problems.append("\(label): \(problem)") }
        return verification
    }

    /// Walks the events in order; returns the first event's hash (the log's identity).
    private mutating func walk(_ db: CatalogDB) throws -> String {
        var frontier = MerkleFrontier()
        var nodes = try MerkleNodeCheck(db)
        var expectedSeq: Int64 = 1
        var previousHash = CustodyPayload.genesis
        var firstHash = CustodyPayload.genesis
        // Signatures are verified a batch at a time on every core, in the background while the
        // next batch is read and checked in order here; their results are taken in order too.
        var batch: [(event: CustodyEventRecord, payload: CustodyPayload)] = []
        var pending: (batch: [(event: CustodyEventRecord, payload: CustodyPayload)], signatures: PendingSignatures)?
        func takePending() {
            guard let (events, signatures) = pending else { return }
            for (item, valid) in zip(events, signatures.wait()) { checkSigner(item.event, item.payload, verified: valid) }
            pending = nil
        }
        func checkSignatures() {
            takePending()
            pending = (batch, PendingSignatures(batch.map { ($0.event.payload, $0.event.signature, $0.payload.key) }))
            batch = []
        }
        let decoder = JSONDecoder()
        let cursor = try CustodyEventRecord.fetchCursorInOrder(db)
        // Each leaf into the tree, checked against the stored nodes and every tree head expected at its size.
        func appendLeaf(_ leaf: Merkle.Hash) throws {
            try nodes.check(frontier.append(leafHash: leaf))
            if let due = expectations[frontier.count] {
                let root = Hex.string(frontier.root)
                for expectation in due where expectation.root != root {
                    problems.append("\(expectation.label) has root \(expectation.root) at tree size \(expectation.size), but the log's root there is now \(root): the log was rewritten")
                }
            }
        }
        // A chunk at a time, in a pipeline: the next chunk is read while this one's hashes are taken in the
        // background (on every core), and hashed while this one is walked in order.
        func readChunk() throws -> [CustodyEventRecord] {
            var chunk: [CustodyEventRecord] = []
            chunk.reserveCapacity(8_192)
            while chunk.count < 8_192, let event = try cursor() { chunk.append(event) }
            return chunk
        }
        var chunk = try readChunk()
        var hashing = PendingDigests(chunk)
        while !chunk.isEmpty {
            let following = try readChunk()
            let digests = hashing.wait()
            hashing = PendingDigests(following)
            for (position, event) in chunk.enumerated() {
                events += 1
                if events == 1 { firstHash = event.hash }
                checkLink(event, payloadHash: digests.payload[position], expectedSeq: expectedSeq, previousHash: previousHash)
                noteRow(digests.row[position])
                let trusted = events <= trustedSize
                if trusted, !Self.actionsWithDetails.contains(event.action) {
                    // Covered by the trusted checkpoint and saying nothing the checks below need: re-hashed
                    // and put back into the tree only (its exhibit, for the history an export commits to, from its column).
                    if let exhibit = event.exhibitID { noteHistory(event, exhibit: ExhibitID(exhibit).description) }
                    try appendLeaf(digests.leaf[position])
                    previousHash = event.hash
                    expectedSeq = event.seq + 1
                    continue
                }
                let payload = Self.actionsWithDetails.contains(event.action)
                    ? CustodyLog.decode(event, with: decoder)
                    : try? CustodyPayload.decodeHead(Data(event.payload.utf8), with: decoder)
                if let payload {
                    checkColumns(event, payload)
                    if !trusted {
                        batch.append((event, payload))
                        if batch.count == 16_384 { checkSignatures() }
                    }
                    if event.action == "actor_registered" { checkRegistration(event, payload) }
                    if event.action == "store_described", payload.details["store_vault"] != nil {
                        // Only those who may copy a store elsewhere (migrate-store) say what it is now.
                        if let role = payload.role.flatMap(ActorRole.init(rawValue:)), role.mayAuthorizeExport {
                            storeFacts = (event.seq, payload.details)
                        } else {
                            problems.append("custody event \(event.seq) (store_described): signed by \(payload.actor) (\(payload.role ?? "no role")), "
                                + "which only a custodian or supervisor may sign; its retention and engines are not taken")
                        }
                    }
                    if event.action == "ingested" { noteIngested(event, payload) }
                    if event.action == "amended", let exhibit = payload.exhibit { amended[event.seq] = (exhibit, payload.details) }
                    if event.action == "clock_corrected", let exhibit = payload.exhibit { clockCorrected[event.seq] = (exhibit, payload.details) }
                    if event.action == "camera_clock_corrected" { cameraClockCorrected[event.seq] = payload.details }
                    if event.action == "source_registered" {
                        sourceRegistered[event.seq] = payload.details
                        // The register is kept by custodians and supervisors: the role its signer's registration gave.
                        if let role = payload.role.flatMap(ActorRole.init(rawValue:)), !role.mayAmend {
                            problems.append("custody event \(event.seq): \(payload.actor), a\(role == .analyst || role == .auditor ? "n" : "") \(role.rawValue), "
                                + "registered the camera \(payload.details["name"] ?? "?"), which only a custodian or supervisor may do")
                        }
                    }
                    if event.action == "reanalysed" { noteReanalysed(event, payload) }
                    if event.action.hasPrefix("redaction_") { noteRedaction(event, payload) }
                    if event.action == "extracted", let exhibit = payload.exhibit { extracted[event.seq] = (exhibit, payload.details) }
                    if let exhibit = payload.exhibit { noteHistory(event, exported: payload.details, exhibit: exhibit) }
                    if event.action == "export_undelivered" {
                        notices.append("custody event \(event.seq): \(payload.exhibit ?? "?")'s export authorised by custody event "
                            + "\(payload.details["authorization"] ?? "?") to \(payload.details["destination"] ?? "?") was recorded but never delivered")
                    }
                    noteQueue(event, payload)
                    if event.action == "ingested" || event.action == "acquired", let batch = payload.details["batch"] {
                        batchMembers[event.seq] = (batch, payload.details["original_path"] ?? "", payload.exhibit ?? "")
                    }
                } else {
                    problems.append("custody event \(event.seq): its payload is not a valid custody record")
                }
                try appendLeaf(digests.leaf[position])
                previousHash = event.hash
                expectedSeq = event.seq + 1
            }
            chunk = following
        }
        checkSignatures()
        takePending()
        eventsDigest = Hex.string(rowHasher.finalize())
        if trustedSize == 0 || events < trustedSize { trustedEventsDigest = nil }
        checkQueues()
        root = frontier.root
        if let problem = try nodes.finish() { problems.append(problem) }
        return firstHash
    }

    /// Adds the event's row digest (`EventDigests.rowDigest`) to `eventsDigest`, and takes `trustedEventsDigest` at the trusted size.
    private mutating func noteRow(_ digest: [UInt8]) {
        rowHasher.update(data: digest)
        if events == trustedSize { trustedEventsDigest = Hex.string(rowHasher.finalize()) }
    }

    /// Adds the event to its exhibit's history, after checking an `exported` event's commitment to
    /// the history before it: the events an export shipped were the exhibit's whole history.
    private mutating func noteHistory(_ event: CustodyEventRecord, exported details: [String: String] = [:], exhibit: String) {
        var entry = history[exhibit] ?? (0, SHA256())
        if event.action == "exported" {
            let digest = Hex.string(entry.digest.finalize())
            if details["prior_events"] != String(entry.count) || details["prior_events_digest"] != digest {
                problems.append("custody event \(event.seq) (exported): committed to \(details["prior_events"] ?? "?") earlier events of \(exhibit), "
                    + "but the log holds \(entry.count) before it with another digest: the export shipped a history with events left out or added")
            }
        }
        entry.count += 1
        entry.digest.update(data: Data((event.hash + "\n").utf8))
        history[exhibit] = entry
    }

    /// A redaction plan version must carry the plan it names by digest, for its own exhibit, numbered
    /// after the last; an authorisation must be signed by a custodian or supervisor, for a version the
    /// log holds; a render must follow such an authorisation, and its derived exhibit's intake name its parent.
    private mutating func noteRedaction(_ event: CustodyEventRecord, _ payload: CustodyPayload) {
        let name = "custody event \(event.seq) (\(event.action))"
        guard let exhibit = payload.exhibit else {
            problems.append("\(name): names no exhibit")
            return
        }
        let details = payload.details
        let version = details["plan_version"] ?? "?", digest = details["plan_digest"] ?? "?"
        let known = planVersions[exhibit] ?? []
        func knownVersion() -> Bool {
            guard let number = Int(version), number >= 1, number <= known.count, known[number - 1] == digest else {
                problems.append("\(name): names plan version \(version) of \(exhibit) with digest \(digest), which no redaction_planned event recorded")
                return false
            }
            return true
        }
        switch event.action {
        case "redaction_planned":
            let plan = details["plan"] ?? ""
            let computed = Hex.string(SHA256.hash(data: Data(plan.utf8)))
            if computed != digest {
                problems.append("\(name): its plan hashes to \(computed), not the digest \(digest) it records: the plan was altered")
            }
            let decoded = try? JSONDecoder().decode(RedactionPlan.self, from: Data(plan.utf8))
            if decoded == nil || decoded?.exhibit != exhibit {
                problems.append("\(name): its plan is \(decoded.map { "for \($0.exhibit)" } ?? "not a readable redaction plan"), not for \(exhibit)")
            }
            if version != String(known.count + 1) {
                problems.append("\(name): records plan version \(version) of \(exhibit), but the version after \(known.count) is \(known.count + 1)")
            }
            planVersions[exhibit] = known + [digest]
        case "redaction_authorized":
            if let role = payload.role.flatMap(ActorRole.init(rawValue:)), !role.mayAuthorizeExport {
                problems.append("\(name): \(payload.actor), a\(role == .analyst || role == .auditor ? "n" : "") \(role.rawValue), authorised a redacted "
                    + "release of \(exhibit), which only a custodian or supervisor may do")
            }
            if knownVersion() { redactionAuthorizations[event.seq] = (exhibit, version, digest) }
        case "redaction_rendered":
            _ = knownVersion()
            let authorization = details["authorization"].flatMap(Int64.init).flatMap { redactionAuthorizations[$0] }
            if authorization?.exhibit != exhibit || authorization?.version != version || authorization?.digest != digest {
                problems.append("\(name): no redaction_authorized event before it authorised plan version \(version) of \(exhibit) "
                    + "(it names event \(details["authorization"] ?? "none"))")
            }
            if let derived = details["derived"], let intake = ingested[derived], intake.details["derived_from"] != exhibit {
                problems.append("\(name): names \(derived) as the release of \(exhibit), but \(derived)'s ingested event names "
                    + "\(intake.details["derived_from"].map { "\($0) as its parent" } ?? "no parent")")
            }
        default:
            break
        }
    }

    private mutating func noteReanalysed(_ event: CustodyEventRecord, _ payload: CustodyPayload) {
        guard let text = payload.details["analysis_id"], let id = Int64(text), let exhibit = payload.exhibit else {
            problems.append("custody event \(event.seq) (reanalysed): names no analysis or no exhibit")
            return
        }
        if let earlier = reanalysed[id] {
            problems.append("custody event \(event.seq) (reanalysed): names analysis \(id), which event \(earlier.seq) already recorded")
        }
        reanalysed[id] = (event.seq, exhibit, payload.details)
    }

    private mutating func noteIngested(_ event: CustodyEventRecord, _ payload: CustodyPayload) {
        guard let exhibit = payload.exhibit else {
            problems.append("custody event \(event.seq): an ingested event that names no exhibit")
            return
        }
        if let first = ingested[exhibit] {
            problems.append("custody event \(event.seq): a second ingested event for \(exhibit) (the first is event \(first.seq))")
        } else {
            ingested[exhibit] = (event.seq, payload.details)
        }
    }

    private mutating func checkLink(_ event: CustodyEventRecord, payloadHash computed: String, expectedSeq: Int64, previousHash: String) {
        let name = "custody event \(event.seq)"
        if event.seq != expectedSeq {
            problems.append("\(name): expected event \(expectedSeq) here: events are missing or out of order")
        }
        if computed != event.hash {
            problems.append("\(name): its payload hashes to \(computed), not the recorded \(event.hash): the event was altered")
        }
        if event.prevHash != previousHash {
            problems.append("\(name): links to \(event.prevHash), but the event before it has hash \(previousHash): the chain is broken")
        }
    }

    private mutating func checkColumns(_ event: CustodyEventRecord, _ payload: CustodyPayload) {
        let exhibit = event.exhibitID.map { ExhibitID($0).description }
        if payload.seq != event.seq || payload.prev != event.prevHash || payload.action != event.action
            || payload.actor != event.actor || payload.at != event.recordedAt || payload.exhibit != exhibit {
            problems.append("custody event \(event.seq): its columns disagree with its hashed payload: the row was altered")
        }
    }

    private mutating func checkSigner(_ event: CustodyEventRecord, _ payload: CustodyPayload, verified: Bool) {
        let name = "custody event \(event.seq)"
        switch CustodyLog.signatureStatus(event, payload, actors: actors, verified: verified) {
        case .valid:
            validSignatures += 1
            if let revocation = revoked[payload.actor], event.seq > revocation {
                problems.append("\(name): signed by \(payload.actor) after \(payload.actor) was revoked (custody event \(revocation)): "
                    + "forged, or recorded by a revoked host")
            }
            // The role its signed registration gave, not the actor table's.
            if let role = payload.role, role != registered[payload.actor]?.role {
                problems.append("\(name): names \(payload.actor)'s role as \(role), but \(payload.actor) is registered as \(registered[payload.actor]?.role ?? "?")")
            }
        case .unsigned:
            problems.append("\(name): is not signed")
        case .invalid:
            problems.append("\(name): its signature does not verify against the key it names: the event was altered or forged")
        case .unknownActor:
            problems.append("\(name): signed as \(payload.actor), who is not a registered actor: forged")
        case .notActorsKey:
            problems.append("\(name): signed with key \(payload.key?.prefix(16) ?? "")…, which is not the key registered for \(payload.actor): forged")
        case .beforeRegistration:
            problems.append("\(name): signed by \(payload.actor) before \(payload.actor) was registered (event \(actors[payload.actor]?.registeredSeq ?? 0)): forged or reordered")
        }
    }

    /// What the events of revocations, batches and queued jobs say, and that a host signed only
    /// the records of queued jobs, each naming the actor who started the batch.
    private mutating func noteQueue(_ event: CustodyEventRecord, _ payload: CustodyPayload) {
        let name = "custody event \(event.seq)"
        let details = payload.details
        if payload.role == ActorRole.host.rawValue {
            if !Self.hostActions.contains(event.action) || (event.action == "clock_corrected" && details["standing"] == nil) {
                problems.append("\(name) (\(event.action)): signed by \(payload.actor), a host, which records queued jobs only")
            } else if let batch = details["batch"], details["on_behalf_of"] != starters[batch] {
                problems.append("\(name) (\(event.action)): recorded by host \(payload.actor) on behalf of \(details["on_behalf_of"] ?? "no one"), "
                    + "but \(batch) was started by \(starters[batch] ?? "no one")")
            } else if details["batch"] == nil {
                problems.append("\(name) (\(event.action)): signed by host \(payload.actor) for no batch")
            }
        }
        switch event.action {
        case "actor_revoked":
            guard let actor = details["revoked_actor"] else {
                problems.append("\(name): a revocation that names no actor")
                return
            }
            if let role = payload.role.flatMap(ActorRole.init(rawValue:)), !role.mayRegisterActors {
                problems.append("\(name): \(payload.actor), a\(role == .analyst || role == .auditor ? "n" : "") \(role.rawValue), revoked \(actor), which only a custodian or supervisor may do")
            }
            if registered[actor] == nil { problems.append("\(name): revokes \(actor), who was not registered") }
            if revoked[actor] == nil { revoked[actor] = event.seq }
        case "trust_anchor_added", "trust_anchor_revoked":
            if let role = payload.role.flatMap(ActorRole.init(rawValue:)), !role.mayRegisterActors {
                problems.append("\(name) (\(event.action)): signed by \(payload.actor), a\(role == .analyst || role == .auditor ? "n" : "") \(role.rawValue); "
                    + "only a custodian or supervisor may add or revoke a trust anchor")
            }
            if event.action == "trust_anchor_added" {
                let der = details["certificate"].flatMap { Data(base64Encoded: $0) }
                if der.map({ Hex.string(SHA256.hash(data: $0)) }) != details["certificate_sha256"] {
                    problems.append("\(name) (trust_anchor_added): the certificate it carries does not hash to the SHA-256 it names")
                }
            }
        case "batch_started":
            starters[BatchID(event.seq).description] = payload.actor
        case "batch_cancelled":
            if let batch = details["batch"] { cancelledQueues.insert(batch) }
        case "batch_completed":
            if details["queue"] != nil, let batch = details["batch"] { completedQueues[batch] = event.seq }
        case "queued":
            guard let batch = details["batch"], let path = details["original_path"], let sha256 = details["sha256"] else {
                problems.append("\(name): a queued event that names no batch, path or SHA-256")
                return
            }
            queued[event.seq] = (batch, path, sha256, details["vault_path"] ?? "")
        case "attempt_failed":
            // A failed attempt counts against its job's attempts: it must be one of a job queued before it.
            if let job = details["job"].flatMap({ Int64($0) }), let file = queued[job], details["batch"] == file.batch {
                if let recorded = recordedJobs[job] {
                    problems.append("\(name) (attempt_failed): a failed attempt at the file queued by custody event \(job), "
                        + "which custody event \(recorded) had recorded already")
                }
            } else {
                problems.append("\(name) (attempt_failed): names job \(details["job"] ?? "?") of \(details["batch"] ?? "?"), which no queued event before it queued")
            }
        default:
            break
        }
        guard ["ingested", "acquired", "job_failed"].contains(event.action), let job = details["job"] else { return }
        guard let seq = Int64(job), let file = queued[seq] else {
            problems.append("\(name) (\(event.action)): records job \(job), which no queued event before it queued")
            return
        }
        if let earlier = recordedJobs[seq] {
            problems.append("\(name) (\(event.action)): records the file queued by custody event \(seq) (\(file.path)), "
                + "which custody event \(earlier) already recorded: a file recorded twice")
        } else {
            recordedJobs[seq] = event.seq
        }
        if details["batch"] != file.batch || details["original_path"] != file.path
            || (event.action != "job_failed" && details["sha256"] != file.sha256) {
            problems.append("\(name) (\(event.action)): records job \(seq) as \(details["original_path"] ?? "?") of \(details["batch"] ?? "?"), "
                + "but custody event \(seq) queued \(file.path) of \(file.batch) with SHA-256 \(file.sha256.prefix(16))…")
        }
    }

    /// Every file of a completed queued batch was recorded, unless the batch was cancelled.
    private mutating func checkQueues() {
        for (seq, file) in queued.sorted(by: { $0.key < $1.key }) where recordedJobs[seq] == nil {
            guard let completed = completedQueues[file.batch], !cancelledQueues.contains(file.batch) else { continue }
            problems.append("\(file.batch): completed by custody event \(completed), but the file queued by custody event \(seq) "
                + "(\(file.path)) was never recorded: the queue's rows were altered")
        }
    }

    private mutating func checkRegistration(_ event: CustodyEventRecord, _ payload: CustodyPayload) {
        let name = "custody event \(event.seq)"
        guard let actor = payload.details["registered_actor"], let key = payload.details["public_key"],
              let role = payload.details["role"] else {
            problems.append("\(name): an actor registration that does not name the actor, role and key")
            return
        }
        if payload.actor == actor {
            if !registered.isEmpty {
                problems.append("\(name): \(actor) registered itself, which only the store's first actor may do")
            }
        } else if let registrarRole = payload.role.flatMap(ActorRole.init(rawValue:)), !registrarRole.mayRegisterActors {
            problems.append("\(name): \(payload.actor), a\(registrarRole == .analyst || registrarRole == .auditor ? "n" : "") \(registrarRole.rawValue), registered \(actor), which only a custodian or supervisor may do")
        }
        if registered.isEmpty, payload.details["store_vault"] != nil { storeFacts = (event.seq, payload.details) }
        if registered[actor] != nil {
            problems.append("\(name): registers \(actor) a second time")
        } else {
            registered[actor] = (event.seq, key, role, event.recordedAt, Array(actor.utf8))
        }
    }
}
