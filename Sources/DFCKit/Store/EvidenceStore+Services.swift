import Foundation

// The facade forwards each public operation to the service that does it. The services are
// reachable too (`store.ledger`, `store.search`, …) for callers that want one part only.

extension EvidenceStore {
    /// The ledger service (`Ledger`).
    public var ledger: Ledger { Ledger(context: context) }

    /// The exhibits service (`Exhibits`).
    public var exhibits: Exhibits { Exhibits(context: context) }

    /// The intake service (`Intake`).
    public var intake: Intake { Intake(context: context) }

    /// The reading service (`Reading`).
    public var reading: Reading { Reading(context: context) }

    /// The search service (`Search`).
    public var search: Search { Search(context: context) }

    /// The disclosure service (`Disclosure`).
    public var disclosure: Disclosure { Disclosure(context: context) }

    /// The integrity service (`Integrity`).
    public var integrity: Integrity { Integrity(context: context) }

    /// The migrator service (`Migrator`).
    public var migrator: Migrator { Migrator(context: context) }

    /// The queue service (`Queue`).
    public var queue: Queue { Queue(context: context) }

    /// Forwards to `Ledger.registerActor(name:role:by:publicKey:)`.
    public func registerActor(name: String, role: ActorRole, by registrar: String?, publicKey: String? = nil) throws -> ActorInfo {
        try ledger.registerActor(name: name, role: role, by: registrar, publicKey: publicKey)
    }

    /// Forwards to `Ledger.hostKey(name:)`.
    public func hostKey(name: String) throws -> String {
        try ledger.hostKey(name: name)
    }

    /// Forwards to `Ledger.revokeActor(name:reason:by:)`.
    @discardableResult
    public func revokeActor(name: String, reason: String, by registrar: String) throws -> Int64 {
        try ledger.revokeActor(name: name, reason: reason, by: registrar)
    }

    /// Forwards to `Ledger.actors()`.
    public func actors() throws -> [ActorInfo] {
        try ledger.actors()
    }

    /// Forwards to `Ledger.checkpoint(actor:)`.
    public func checkpoint(actor: String) throws -> Checkpoint {
        try ledger.checkpoint(actor: actor)
    }

    /// Forwards to `Ledger.inclusionProof(event:treeSize:checkpoint:checkpointSource:actor:)`.
    public func inclusionProof(event seq: Int64, treeSize: Int? = nil, checkpoint: Checkpoint? = nil,
                               checkpointSource: String = "checkpoint", actor: String) throws -> InclusionProof {
        try ledger.inclusionProof(event: seq, treeSize: treeSize, checkpoint: checkpoint, checkpointSource: checkpointSource, actor: actor)
    }

    /// Forwards to `Ledger.consistencyProof(from:source:to:laterSource:actor:)`.
    public func consistencyProof(from checkpoint: Checkpoint, source: String, to later: Checkpoint? = nil,
                                 laterSource: String = "checkpoint", actor: String) throws -> ConsistencyProof {
        try ledger.consistencyProof(from: checkpoint, source: source, to: later, laterSource: laterSource, actor: actor)
    }

    /// Forwards to `Ledger.cosign(_:source:actor:)`.
    public func cosign(_ checkpoint: Checkpoint, source: String, actor: String) throws -> Checkpoint {
        try ledger.cosign(checkpoint, source: source, actor: actor)
    }

    /// Forwards to `Exhibits.amend(_:caseID:source:reason:actor:)`.
    public func amend(_ reference: String, caseID: String? = nil, source: String? = nil, reason: String, actor: String) throws -> ExhibitReport {
        try exhibits.amend(reference, caseID: caseID, source: source, reason: reason, actor: actor)
    }

    /// Forwards to `Exhibits.correctClock(_:offset:zone:reason:actor:)`.
    public func correctClock(_ reference: String, offset: String?, zone: String? = nil, reason: String, actor: String) throws -> ExhibitReport {
        try exhibits.correctClock(reference, offset: offset, zone: zone, reason: reason, actor: actor)
    }

    /// Forwards to `Exhibits.correctClock(source:from:to:offset:zone:reason:actor:)`.
    public func correctClock(source: String, from: String, to: String, offset: String?, zone: String? = nil, reason: String, actor: String) throws -> [ExhibitReport] {
        try exhibits.correctClock(source: source, from: from, to: to, offset: offset, zone: zone, reason: reason, actor: actor)
    }

    /// Forwards to `Exhibits.registerSource(_:latitude:longitude:heading:zone:fileNameTime:actor:)`.
    public func registerSource(_ name: String, latitude: Double, longitude: Double, heading: Double? = nil, zone: String? = nil,
                               fileNameTime: String? = nil, actor: String) throws -> CameraSource {
        try exhibits.registerSource(name, latitude: latitude, longitude: longitude, heading: heading, zone: zone, fileNameTime: fileNameTime, actor: actor)
    }

    /// Forwards to `Exhibits.sources()`.
    public func sources() throws -> [CameraSource] {
        try exhibits.sources()
    }

    /// Forwards to `Exhibits.exhibits(for:)`.
    public func exhibits(for selection: ReanalysisSelection) throws -> [ExhibitID] {
        try exhibits.exhibits(for: selection)
    }

    /// Forwards to `Intake.batch(_:actor:containments:resume:progress:)`.
    public func batch(
        _ options: BatchOptions, actor: String, containments: [Containment] = [], resume: BatchID? = nil,
        progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }
    ) throws -> BatchReport {
        try intake.batch(options, actor: actor, containments: containments, resume: resume, progress: progress)
    }

    /// Forwards to `Intake.batchUpdates(_:actor:containments:resume:)`.
    public func batchUpdates(
        _ options: BatchOptions, actor: String, containments: [Containment] = [], resume: BatchID? = nil
    ) -> StoreStream<BatchUpdate> {
        intake.batchUpdates(options, actor: actor, containments: containments, resume: resume)
    }

    /// Forwards to `Intake.batchStatus(_:actor:)`.
    public func batchStatus(_ id: BatchID, actor: String) throws -> BatchReport {
        try intake.batchStatus(id, actor: actor)
    }

    /// Forwards to `Intake.ingest(file:caseID:source:actor:limits:)`.
    public func ingest(file: String, caseID: String, source: String? = nil, actor: String, limits: MediaLimits = .standard) throws -> IngestResult {
        try intake.ingest(file: file, caseID: caseID, source: source, actor: actor, limits: limits)
    }

    /// Forwards to `Intake.ingest(file:caseID:source:actor:limits:containment:)`.
    public func ingest(
        file: String, caseID: String, source: String? = nil, actor: String,
        limits: MediaLimits = .standard, containment: Containment
    ) throws -> IngestResult {
        try intake.ingest(file: file, caseID: caseID, source: source, actor: actor, limits: limits, containment: containment)
    }

    /// Forwards to `Intake.reanalyse(_:reason:actor:limits:containment:difference:)`.
    public func reanalyse(
        _ reference: String, reason: String, actor: String, limits: MediaLimits = .standard, containment: Containment? = nil,
        difference: (FrameDifference) throws -> Void = { _ in }
    ) throws -> Reanalysis {
        try intake.reanalyse(reference, reason: reason, actor: actor, limits: limits, containment: containment, difference: difference)
    }

    /// Forwards to `Intake.compareAnalyses(of:_:_:actor:difference:)`.
    public func compareAnalyses(
        of reference: String, _ first: Int, _ second: Int, actor: String, difference: (FrameDifference) throws -> Void = { _ in }
    ) throws -> AnalysisComparison {
        try intake.compareAnalyses(of: reference, first, second, actor: actor, difference: difference)
    }

    /// Forwards to `Reading.lookup(_:actor:)`.
    public func lookup(_ query: LookupQuery, actor: String) throws -> [LookupHit] {
        try reading.lookup(query, actor: actor)
    }

    /// Forwards to `Reading.lookup(_:actor:)`.
    public func lookup(_ query: TimeQuery, actor: String) throws -> TimeLookupPage {
        try reading.lookup(query, actor: actor)
    }

    /// Forwards to `Reading.timeline(caseID:from:to:actor:)`.
    public func timeline(caseID: String, from: String? = nil, to: String? = nil, actor: String) throws -> Timeline {
        try reading.timeline(caseID: caseID, from: from, to: to, actor: actor)
    }

    /// Forwards to `Reading.exhibit(_:actor:)`.
    public func exhibit(_ reference: String, actor: String) throws -> ExhibitReport {
        try reading.exhibit(reference, actor: actor)
    }

    /// Forwards to `Reading.forEachFrame(of:stream:analysis:actor:_:)`.
    public func forEachFrame(
        of reference: String, stream: Int? = nil, analysis number: Int? = nil, actor: String,
        _ body: (FrameListingHeader, FrameEntry) throws -> Void
    ) throws -> FrameListingHeader {
        try reading.forEachFrame(of: reference, stream: stream, analysis: number, actor: actor, body)
    }

    /// Forwards to `Reading.frameSequence(of:stream:analysis:actor:)`.
    public func frameSequence(of reference: String, stream: Int? = nil, analysis: Int? = nil, actor: String) -> StoreStream<FrameEntry> {
        reading.frameSequence(of: reference, stream: stream, analysis: analysis, actor: actor)
    }

    /// Forwards to `Reading.frames(of:stream:analysis:actor:)`.
    public func frames(of reference: String, stream: Int? = nil, analysis: Int? = nil, actor: String) throws -> [FrameEntry] {
        try reading.frames(of: reference, stream: stream, analysis: analysis, actor: actor)
    }

    /// Forwards to `Reading.pdqHashes(of:stream:analysis:actor:)`.
    public func pdqHashes(of reference: String, stream: Int? = nil, analysis number: Int? = nil, actor: String) throws -> [PDQEntry] {
        try reading.pdqHashes(of: reference, stream: stream, analysis: number, actor: actor)
    }

    /// Forwards to `Reading.forEachPacket(of:analysis:actor:_:)`.
    public func forEachPacket(of reference: String, analysis number: Int? = nil, actor: String, _ body: (PacketEntry) throws -> Void) throws {
        try reading.forEachPacket(of: reference, analysis: number, actor: actor, body)
    }

    /// Forwards to `Reading.packetSequence(of:analysis:actor:)`.
    public func packetSequence(of reference: String, analysis: Int? = nil, actor: String) -> StoreStream<PacketEntry> {
        reading.packetSequence(of: reference, analysis: analysis, actor: actor)
    }

    /// Forwards to `Reading.packets(of:analysis:actor:)`.
    public func packets(of reference: String, analysis: Int? = nil, actor: String) throws -> [PacketEntry] {
        try reading.packets(of: reference, analysis: analysis, actor: actor)
    }

    /// Forwards to `Reading.custody(of:actor:)`.
    public func custody(of reference: String, actor: String) throws -> [CustodyEntry] {
        try reading.custody(of: reference, actor: actor)
    }

    /// Forwards to `Search.match(hashList:options:actor:)`.
    public func match(hashList file: String, options: MatchOptions = MatchOptions(), actor: String) throws -> [HashListHit] {
        try search.match(hashList: file, options: options, actor: actor)
    }

    /// Forwards to `Search.match(image:options:actor:containment:matcher:)`.
    public func match(image file: String, options: MatchOptions = MatchOptions(), actor: String,
                      containment: Containment? = nil, matcher: PDQMatcher? = nil) throws -> ImageMatchReport {
        try search.match(image: file, options: options, actor: actor, containment: containment, matcher: matcher)
    }

    /// Forwards to `Search.match(pdq:options:actor:matcher:)`.
    public func match(pdq hash: PDQHash, options: MatchOptions = MatchOptions(), actor: String,
                      matcher: PDQMatcher? = nil) throws -> [PictureMatch] {
        try search.match(pdq: hash, options: options, actor: actor, matcher: matcher)
    }

    /// Forwards to `Search.pdqMatcher(minQuality:)`.
    public func pdqMatcher(minQuality: Int = MatchOptions().minQuality) throws -> PDQMatcher {
        try search.pdqMatcher(minQuality: minQuality)
    }

    /// Forwards to `Search.match(video:options:actor:containment:matcher:)`.
    public func match(video file: String, options: MatchOptions = MatchOptions(), actor: String,
                      containment: Containment? = nil, matcher: PDQMatcher? = nil) throws -> VideoMatchReport {
        try search.match(video: file, options: options, actor: actor, containment: containment, matcher: matcher)
    }

    /// Forwards to `Disclosure.checkNewFile(at:)`.
    public func checkNewFile(at path: String) throws -> String {
        try disclosure.checkNewFile(at: path)
    }

    /// Forwards to `Disclosure.writeNewFile(_:at:)`.
    @discardableResult
    public func writeNewFile(_ contents: Data, at path: String) throws -> String {
        try disclosure.writeNewFile(contents, at: path)
    }

    /// Forwards to `Disclosure.export(_:to:authorizedBy:reason:recipient:withFrames:actor:)`.
    public func export(
        _ references: [String], to directory: String, authorizedBy: String, reason: String, recipient: String,
        withFrames: Bool = false, actor: String
    ) throws -> ExportReport {
        try disclosure.export(references, to: directory, authorizedBy: authorizedBy, reason: reason, recipient: recipient, withFrames: withFrames, actor: actor)
    }

    /// Forwards to `Disclosure.extractFrames(of:selection:stream:applyRotation:to:actor:limits:containment:)`.
    public func extractFrames(
        of reference: String, selection: FrameSelection, stream: Int? = nil, applyRotation: Bool = true, to directory: String,
        actor: String, limits: MediaLimits = .standard, containment: Containment? = nil
    ) throws -> FrameExtraction {
        try disclosure.extractFrames(of: reference, selection: selection, stream: stream, applyRotation: applyRotation, to: directory, actor: actor, limits: limits, containment: containment)
    }

    /// Forwards to `Disclosure.extractedFrames(of:actor:)`.
    public func extractedFrames(of reference: String, actor: String) throws -> [ExtractedFrame] {
        try disclosure.extractedFrames(of: reference, actor: actor)
    }

    /// Forwards to `Disclosure.report(_:actor:thumbnails:limits:containment:)`.
    public func report(_ references: [String], actor: String, thumbnails: Int = 12, limits: MediaLimits = .standard,
                       containment: Containment? = nil) throws -> String {
        try disclosure.report(references, actor: actor, thumbnails: thumbnails, limits: limits, containment: containment)
    }

    /// Forwards to `Integrity.audit(actor:checkpoints:)`.
    public func audit(actor: String, checkpoints: [Checkpoint] = []) throws -> AuditReport {
        try integrity.audit(actor: actor, checkpoints: checkpoints)
    }

    /// Forwards to `Integrity.verify(_:actor:)`.
    public func verify(_ references: [String], actor: String) throws -> [ExhibitVerification] {
        try integrity.verify(references, actor: actor)
    }

    /// Forwards to `Integrity.verify(file:actor:)`.
    public func verify(file path: String, actor: String) throws -> FileVerification {
        try integrity.verify(file: path, actor: actor)
    }

    /// Forwards to `Migrator.migrate(to:vault:catalog:catalogAdmin:actor:)`.
    public func migrate(
        to destination: String, vault: String?, catalog catalogURL: String? = nil, catalogAdmin: String? = nil, actor: String
    ) throws -> StoreMigration {
        try migrator.migrate(to: destination, vault: vault, catalog: catalogURL, catalogAdmin: catalogAdmin, actor: actor)
    }

    /// Forwards to `Queue.serve(actor:containments:options:control:activity:)`.
    public func serve(
        actor: String, containments: [Containment] = [], options: HostOptions = HostOptions(), control: HostControl = HostControl(),
        activity: @escaping @Sendable (HostActivity) -> Void = { _ in }
    ) throws -> HostReport {
        try queue.serve(actor: actor, containments: containments, options: options, control: control, activity: activity)
    }

    /// Forwards to `Queue.queueStatus(_:actor:)`.
    public func queueStatus(_ id: BatchID, actor: String) throws -> QueueStatus? {
        try queue.queueStatus(id, actor: actor)
    }

    /// Forwards to `Queue.queueProgress(_:)`.
    public func queueProgress(_ id: BatchID) throws -> QueueStatus? {
        try queue.queueProgress(id)
    }

    /// Forwards to `Queue.cancelBatch(_:reason:actor:)`.
    public func cancelBatch(_ id: BatchID, reason: String, actor: String) throws -> QueueStatus {
        try queue.cancelBatch(id, reason: reason, actor: actor)
    }

    /// Forwards to `Queue.queueBatch(_:actor:resume:leaseSeconds:maxAttempts:progress:)`.
    public func queueBatch(
        _ options: BatchOptions, actor: String, resume: BatchID? = nil, leaseSeconds: Double = 60, maxAttempts: Int = 3,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> BatchReport {
        try queue.queueBatch(options, actor: actor, resume: resume, leaseSeconds: leaseSeconds, maxAttempts: maxAttempts, progress: progress)
    }
}
