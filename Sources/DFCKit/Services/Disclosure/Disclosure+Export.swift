internal import Crypto
import Foundation

extension Disclosure {
    /// Exports exhibits as a BagIt package that anyone can check offline, with standard tools.
    ///
    /// `authorizedBy` must be a custodian or a supervisor; otherwise, or when `directory`
    /// exists and is not empty, the export is refused and nothing is written. The package is
    /// built in a sibling folder and renamed into place only when whole:
    /// 1. the originals are copied from the vault, each checked against its registered size,
    ///    SHA-256 and SHA-512 as it is copied (a vault copy that differs is refused and a
    ///    `verified` MISMATCH event records it), with the registered extracted pictures when
    ///    `withFrames`; each exhibit's description, frame hashes (FFmpeg framehash), packet
    ///    hashes and PDQ hashes (vPDQ text) are written beside them;
    /// 2. in one transaction: an `export_authorized` event signed by `authorizedBy` (who
    ///    asked, why, for whom, what, where, and the SHA-256 over the files written so far),
    ///    an `exported` event per exhibit signed by `actor` (committing to the exhibit's
    ///    earlier events), and a checkpoint signed by `authorizedBy`;
    /// 3. the exhibits' custody events (and the registrations of every actor they name) with
    ///    signatures, an inclusion proof of each into the checkpoint, the actors' keys, the
    ///    CASE/UCO description, and the bag's manifests.
    public func export(
        _ references: [String], to directory: String, authorizedBy: String, reason: String, recipient: String,
        withFrames: Bool = false, actor: String
    ) throws -> ExportReport {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let recipient = recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("an export needs a reason (--reason TEXT); nothing was written") }
        guard !recipient.isEmpty else { throw DFCError.invalidArgument("an export needs a recipient (--recipient TEXT); nothing was written") }
        guard !references.isEmpty else { throw DFCError.invalidArgument("name the exhibits to export; nothing was written") }
        let requester = try ledger.handler(for: actor, command: "ask for an export")
        let authoriser = try ledger.signer(for: authorizedBy)
        guard authoriser.role.mayAuthorizeExport else {
            throw DFCError.notPermitted(actor: authoriser.name, role: authoriser.role, action:
                "authorise an export: only a custodian or a supervisor may; nothing was written")
        }
        return try export(references, to: directory, authoriser: authoriser, requester: requester, reason: reason,
                          recipient: recipient, withFrames: withFrames)
    }

    /// The export itself, by signers already checked.
    func export(_ references: [String], to directory: String, authoriser: Signer, requester: Signer, reason: String,
                recipient: String, withFrames: Bool) throws -> ExportReport {
        // Resolved once: the package is delivered where the events say, or nothing is recorded.
        let destination = try Destination(directory, kind: .folder, store: path).path
        try integrity.sweepLeftovers(requester)
        // The marker names the working folder before it exists, so that a kill at any moment
        // leaves nothing that a later command cannot find and remove (`sweepLeftovers`).
        let marker = ExportMarker(id: UUID().uuidString, staging: Self.stagingName(for: destination), destination: destination,
                                  exhibits: references)
        let markerPath = try vault.stagingFile(ExportMarker.prefix) + ".json"
        try marker.write(to: markerPath)
        defer { unlink(markerPath) }
        let staging = try Self.makeStaging(marker.staging, for: destination)
        var finished = false
        defer { if !finished { FileWriting.removeTree(staging) } }
        let bag = Bag(root: staging)

        // 1. The payload and the exhibits' own tag files, from the vault and a catalog snapshot.
        var records: [ExhibitRecord] = []
        var frames: [Int64: [DerivedFrameRecord]] = [:]
        try withCatalog {
            try catalog.read { db in
                for reference in references {
                    let record = try exhibits.resolve(reference, db)
                    if !records.contains(where: { $0.id == record.id }) { records.append(record) }
                }
                for record in records {
                    try writeExhibitTags(record, bag, db)
                    if withFrames {
                        frames[record.exhibitID.rawValue] = try DerivedFrameRecord.fetchAll(db, where: "exhibit_id", is: record.exhibitID.rawValue, orderedBy: "id")
                    }
                }
            }
        }
        var payloadFiles = 0
        var payloadBytes: Int64 = 0
        for record in records {
            let exhibit = record.exhibitID.description
            try copyOriginal(record, to: bag.root + "/" + PackageLayout.payloadFolder(exhibit) + "/" + PackageLayout.safeName(record.originalName),
                             signer: requester)
            payloadFiles += 1
            payloadBytes += record.size
            guard let derived = frames[record.exhibitID.rawValue], !derived.isEmpty else { continue }
            var lines = ""
            for frame in derived {
                let entry = frame.entry
                let bytes = try FileWriting.readVerified(path + "/" + frame.storedPath, sha256: frame.pngSHA256)
                try bag.write(PackageLayout.extractedFrame(exhibit, event: entry.event, name: entry.fileName), bytes)
                lines += Self.jsonLine(entry)
                payloadFiles += 1
                payloadBytes += Int64(bytes.count)
            }
            try bag.write(PackageLayout.extractedFrames(exhibit), lines)
        }
        let content = try Self.contentDigest(bag)

        // 2. The authorisation, the exports and a checkpoint, committed together.
        let exhibitList = records.map(\.exhibitID.description).joined(separator: ",")
        let committed = try withCatalog {
            try catalog.write { db -> (Int64, [Int64], Checkpoint, [CustodyEventRecord], MerkleTree, [ActorRecord]) in
                let authorization = try CustodyLog.append(db, action: "export_authorized", signer: authoriser, exhibit: nil, details: [
                    "requested_by": requester.name, "reason": reason, "recipient": recipient, "exhibits": exhibitList,
                    "destination": destination, "with_frames": withFrames ? "yes" : "no", "content_sha256": content,
                    "payload_files": String(payloadFiles), "payload_bytes": String(payloadBytes), "export_id": marker.id,
                ])
                var exports: [Int64] = []
                // One pass over the table itself, never through an index (see Catalog+Confirmed): the
                // exhibits' histories, which the exported events sign, and every leaf of the tree.
                let ids = Set(records.compactMap(\.id))
                var (leaves, shipped) = try Catalog.scanLog(collecting: ids, db)
                let history = Dictionary(grouping: shipped, by: { $0.exhibitID ?? 0 })
                var appended: [CustodyEventRecord] = []
                for record in records {
                    let prior = history[record.id ?? 0] ?? []
                    let event = try CustodyLog.append(db, action: "exported", signer: requester, exhibit: record.exhibitID, details: [
                        "command": "export", "authorization": String(authorization.seq), "authorized_by": authoriser.name,
                        "reason": reason, "recipient": recipient, "destination": destination, "sha256": record.sha256,
                        "content_sha256": content, "prior_events": String(prior.count),
                        "prior_events_digest": Self.eventsDigest(prior.map(\.hash)),
                    ])
                    exports.append(event.seq)
                    appended.append(event)
                }
                // Nothing else can append in this transaction: the tree is the pass's leaves and these events'.
                leaves += appended.map { Merkle.leafHash(Array($0.payload.utf8)) }
                shipped = (shipped + [authorization] + appended).sorted { $0.seq < $1.seq }
                let tree = MerkleTree(leaves: leaves)
                let checkpoint = try ledger.signCheckpoint(authoriser, leaves: tree.leaves, db)
                let actors = try Self.registrations(for: &shipped, db)
                return (authorization.seq, exports, checkpoint, shipped, tree, actors)
            }
        }
        let (authorization, exports, checkpoint, shipped, tree, actors) = committed

        // 3. What proves it: events, proofs, keys, the CASE description, the bag's manifests.
        do {
            var events = "", proofs = ""
            let indices = shipped.map { Int($0.seq - 1) }
            let paths = tree.inclusionProofs(indices: indices, size: checkpoint.treeSize)
            for (event, (index, path)) in zip(shipped, zip(indices, paths)) {
                events += Self.jsonLine(PackagedEvent(event))
                proofs += Self.jsonLine(InclusionProof(
                    event: event.seq, leafIndex: index, treeSize: checkpoint.treeSize, leafHash: Hex.string(tree.leaves[index]),
                    rootHash: checkpoint.rootHash, path: path.map(Hex.string)))
            }
            try bag.write(PackageLayout.events, events)
            try bag.write(PackageLayout.proofs, proofs)
            try bag.write(PackageLayout.checkpoint, checkpoint.text)
            try bag.write(PackageLayout.keys, actors.map { $0.info.verifierKey + "\n" }.joined())
            try bag.write(PackageLayout.actors, actors.map { Self.jsonLine($0.info) }.joined())
            let description = try PackageReader(root: staging).caseDescription()
            try bag.write(PackageLayout.caseDescription, description)
            try bag.seal(info: [
                ("Source-Organization", "DFC evidence store \(path)"),
                ("Bagging-Date", String(Timestamp.now().prefix(10))),
                ("Bag-Software-Agent", "DFC \(DFCVersion.current)"),
                ("External-Identifier", "export authorised by custody event \(authorization) of log \(checkpoint.logID)"),
                ("External-Description", "Exhibits \(exhibitList) of case(s) \(Set(records.map(\.caseID)).sorted().joined(separator: ", "))"),
                ("DFC-Exhibits", exhibitList),
                ("DFC-Authorized-By", authoriser.name + " (" + authoriser.role.rawValue + ")"),
                ("DFC-Requested-By", requester.name + " (" + requester.role.rawValue + ")"),
                ("DFC-Reason", reason),
                ("DFC-Recipient", recipient),
                ("DFC-Authorization-Event", String(authorization)),
                ("DFC-Export-Time", shipped.first { $0.seq == authorization }?.recordedAt ?? Timestamp.now()),
                ("DFC-Checkpoint-Tree-Size", String(checkpoint.treeSize)),
            ])
        } catch {
            throw DFCError.storeIO(path: destination, reason: "the export was authorised and recorded (custody event \(authorization)) "
                + "but its package could not be finished, so nothing was left there: \(error)")
        }
        if FileManager.default.fileExists(atPath: destination) { rmdir(destination) }   // it was checked empty
        guard rename(staging, destination) == 0 else {
            throw DFCError.storeIO(path: destination, reason: "cannot move the finished package into place (\(errnoDescription())); "
                + "the export is recorded (custody event \(authorization)) but nothing was left at the destination")
        }
        finished = true
        Durability.syncDirectory((destination as NSString).deletingLastPathComponent)
        return ExportReport(directory: destination, exhibits: records.map(\.exhibitID), authorizationEvent: authorization,
                            exportEvents: exports, checkpointTreeSize: checkpoint.treeSize, eventsShipped: shipped.count,
                            payloadFiles: payloadFiles, payloadBytes: payloadBytes)
    }

    /// The exhibit's description, frame hashes, PDQ hashes and packet hashes, from its current analysis.
    private func writeExhibitTags(_ record: ExhibitRecord, _ bag: Bag, _ db: CatalogDB) throws {
        let exhibit = record.exhibitID.description
        let report = try exhibits.report(record, db)
        try bag.write(PackageLayout.description(exhibit), Self.jsonText(report))
        let analysis = try exhibits.analysis(nil, of: record, db)
        for stream in report.streams where stream.type == "video" && stream.frameCount > 0 {
            let header = try reading.frameListingHeader(record, analysis, stream: stream.index, db)
            try bag.writeLines(PackageLayout.framehash(exhibit, stream: stream.index)) { append in
                try append(FramehashFormat.header(header))
                let next = try Catalog.frameCursor(of: analysis.location, stream: stream.index, db)
                while let frame = try next() { try append(FramehashFormat.line(frame, header)) }
            }
            let fps = PDQSelection.frameRate(of: stream)
            let pdq = try Catalog.pdqHashes(of: analysis.location, stream: stream.index, db)
            if !pdq.isEmpty {
                try bag.write(PackageLayout.vpdq(exhibit, stream: stream.index), pdq.map { row in
                    PDQEntry(stream: stream.index, frame: row.frame, hash: row.hash,
                             vpdqTimestamp: PDQSelection.vpdqTimestamp(frame: row.frame, fps: fps), ptsSeconds: row.seconds).vpdqLine + "\n"
                }.joined())
            }
        }
        try bag.writeLines(PackageLayout.packets(exhibit)) { append in
            try append(PacketEntry.textHeader)
            let next = try Catalog.packetCursor(of: analysis.location, db)
            while let packet = try next() { try append(packet.textLine) }
        }
    }

    /// Copies the vault file to `destination`, hashing it on the way; refuses (and records a
    /// `verified` MISMATCH event) when it is not the registered file.
    private func copyOriginal(_ record: ExhibitRecord, to destination: String, signer: Signer) throws {
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DFCError.storeIO(path: destination, reason: "cannot create: \(errnoDescription())") }
        defer { close(fd) }
        let found: String?
        do {
            let digest = try vault.copy(record, to: fd, path: destination)
            guard fsync(fd) == 0, fchmod(fd, 0o444) == 0 else { throw DFCError.storeIO(path: destination, reason: "cannot flush: \(errnoDescription())") }
            found = Vault.mismatch(record, digest)
        } catch let error as DFCError {
            guard let problem = Vault.unreadable(record, error) else { throw error }
            found = problem
        }
        if let found {
            let problem = found + "; it was not exported and nothing was written"
            try withCatalog {
                try catalog.write { db in
                    _ = try CustodyLog.append(db, action: "verified", signer: signer, exhibit: record.exhibitID, details: [
                        "command": "export", "result": "MISMATCH", "problem": problem, "sha256": record.sha256,
                    ])
                }
            }
            throw DFCError.storeIO(path: vault.location(record.vaultPath), reason: problem)
        }
    }

    /// Adds to `events` the `actor_registered` event of every actor who signed one of them
    /// (and of whoever registered those, and so on), and the `actor_revoked` event of each that was
    /// revoked, so that a verifier offline follows every authority back to the store's first actor
    /// and refuses a signature made after a revocation; returns those actors, by name.
    private static func registrations(for events: inout [CustodyEventRecord], _ db: CatalogDB) throws -> [ActorRecord] {
        let actors = try CustodyLog.actors(db)
        var needed = Set(events.map(\.actor))
        var added: [Int64: CustodyEventRecord] = [:]
        while true {
            var grew = false
            for name in needed.sorted() {
                guard let actor = actors[name], added[actor.registeredSeq] == nil,
                      let event = try CustodyEventRecord.fetchOne(db, key: actor.registeredSeq) else { continue }
                added[event.seq] = event
                if needed.insert(event.actor).inserted { grew = true }
            }
            if !grew { break }
        }
        for event in try CustodyEventRecord.fetchAll(db, where: "action", is: "actor_revoked", orderedBy: "seq") {
            if let revoked = CustodyLog.decode(event)?.details["revoked_actor"], needed.contains(revoked) { added[event.seq] = event }
        }
        let present = Set(events.map(\.seq))
        events = (events + added.values.filter { !present.contains($0.seq) }).sorted { $0.seq < $1.seq }
        return needed.compactMap { actors[$0] }.sorted { $0.name < $1.name }
    }

    /// SHA-256 over the hashes of events, one per line: what an `exported` event commits to.
    static func eventsDigest(_ hashes: [String]) -> String {
        Hex.string(SHA256.hash(data: Data(hashes.map { $0 + "\n" }.joined().utf8)))
    }

    /// SHA-256 over `sha256  path` lines of every file the authorisation commits to, sorted by path.
    static func contentDigest(_ bag: Bag) throws -> String {
        var lines = ""
        for folder in PackageLayout.committedFolders {
            for file in bag.files(under: folder) { lines += "\(try bag.digests(file).sha256)  \(file)\n" }
        }
        return Hex.string(SHA256.hash(data: Data(lines.utf8)))
    }

    /// The hidden sibling folder of `destination` an export builds its package in.
    private static func stagingName(for destination: String) -> String {
        (destination as NSString).deletingLastPathComponent + "/." + (destination as NSString).lastPathComponent
            + ".dfc-export-\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Makes the folder `staging` to build in, after checking that `destination` does not
    /// exist or is an empty folder.
    private static func makeStaging(_ staging: String, for destination: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? ["?"]
            guard isDirectory.boolValue, entries.isEmpty else {
                throw DFCError.destinationExists(path: destination, reason: "exists and is not an empty folder: an export never writes into or over existing files; nothing was written")
            }
        }
        guard mkdir(staging, 0o755) == 0 else {
            throw DFCError.storeIO(path: staging, reason: "cannot create the export's working folder: \(errnoDescription()); nothing was written")
        }
        return staging
    }

    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func jsonLine<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) + "\n"
    }
}
