import Foundation
internal import Crypto

extension Redaction {
    /// Renders plan version `version` (the latest when nil) of `reference` into a redacted H.264 MP4,
    /// registers it as a derived exhibit of the original, and writes it with its redaction log (CSV
    /// and JSON) into `directory`.
    ///
    /// `authorizedBy` must be a custodian or a supervisor: a release is a disclosure. The plan is
    /// checked again against the current analysis, and refused while any track is still `proposed`.
    /// A confined worker (`containment`; this process when nil) renders from the staged vault copy;
    /// the release is then analysed like any file taken in, and in one transaction it is registered
    /// (its `ingested` event naming its parent, plan version and digest, and authoriser) with a
    /// `redaction_authorized` event signed by the authoriser and a `redaction_rendered` event carrying
    /// the encoder settings, which `replay` renders again with. Only then is the file moved into place:
    /// a process killed at any moment leaves no derived exhibit half-registered and no release file.
    public func render(
        of reference: String, version: Int? = nil, authorizedBy: String, reason: String, to directory: String, actor: String,
        limits: MediaLimits = .standard, containment: Containment? = nil
    ) throws -> RedactionRelease {
        let reason = try SingleLine.checked(reason.trimmingCharacters(in: .whitespacesAndNewlines), field: "the reason (--reason)")
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a release needs a reason (--reason TEXT); nothing was written") }
        let signer = try ledger.handler(for: actor, command: "render a redacted release")
        let authoriser = try ledger.signer(for: authorizedBy)
        guard authoriser.role.mayAuthorizeExport else {
            throw DFCError.notPermitted(actor: authoriser.name, role: authoriser.role, action:
                "authorise a redacted release: only a custodian or a supervisor may; nothing was written")
        }
        try integrity.sweepLeftovers(signer)
        let (facts, chosen) = try plan(reference, version: version)
        let name = facts.record.exhibitID.description
        guard chosen.plan.undecided.isEmpty else {
            throw DFCError.planRefused(exhibit: name, reason: "version \(chosen.version) has \(chosen.plan.undecided.count) proposed tracks "
                + "(\(chosen.plan.undecided.prefix(8).map(\.id).joined(separator: ", "))) no examiner has accepted or rejected")
        }
        let destination = try Destination(directory, kind: .folder, store: path).path
        let stem = "\(name)-redacted-v\(chosen.version)"
        let names = [stem + ".mp4", stem + "-log.csv", stem + "-log.json"]
        try Disclosure.prepareDestination(destination, names: names)

        var settings = RedactionRenderSettings.standard
        let rendered = try renderFile(facts, plan: chosen.plan, settings: &settings, signer: signer, command: "redact --render", limits: limits,
                                      containment: containment)
        defer { unlink(rendered) }

        // The release waits beside its destination, hidden, until it is registered (a marker names it for the sweep).
        let partial = destination + "/.\(names[0]).partial-\(getpid())"
        let markerPath = try vault.stagingFile(ExtractionMarker.prefix) + ".json"
        try ExtractionMarker(partials: [partial]).write(to: markerPath)
        defer { unlink(markerPath) }
        var moved = false
        defer { if !moved { unlink(partial) } }
        do {
            try FileManager.default.copyItem(atPath: rendered, toPath: partial)
        } catch {
            throw DFCError.storeIO(path: partial, reason: "cannot write the release: \(error.localizedDescription); nothing was recorded")
        }

        let settingsJSON = try CanonicalJSON.string(settings)
        var events: (authorization: Int64, rendered: Int64, at: String)?
        let result = try intake.ingest(
            file: rendered, caseID: facts.caseID, source: nil, actor: actor, limits: limits, analyser: containment, batch: nil,
            extra: ["derived_from": name, "derivation": "redaction", "plan_version": String(chosen.version), "plan_digest": chosen.digest,
                    "authorized_by": authoriser.name, "original_name": names[0], "original_path": destination + "/" + names[0]]
        ) { db, derived in
            let authorization = try CustodyLog.append(db, action: "redaction_authorized", signer: authoriser, exhibit: facts.record.exhibitID, details: [
                "command": "redact --render", "plan_version": String(chosen.version), "plan_digest": chosen.digest, "reason": reason,
                "requested_by": signer.name, "derived": derived.description,
            ])
            let event = try CustodyLog.append(db, action: "redaction_rendered", signer: signer, exhibit: facts.record.exhibitID, details: [
                "command": "redact --render", "sha256": facts.record.sha256, "plan_version": String(chosen.version), "plan_digest": chosen.digest,
                "authorization": String(authorization.seq), "authorized_by": authoriser.name, "reason": reason, "derived": derived.description,
                "settings": settingsJSON, "destination": destination + "/" + names[0],
            ])
            events = (authorization.seq, event.seq, event.recordedAt)
        }
        guard let derived = result.exhibit, let sha256 = result.sha256, let events else {
            throw DFCError.storeIO(path: rendered, reason: "the release was not registered (\(result.error ?? "\(result.status)")); nothing was released")
        }
        guard rename(partial, destination + "/" + names[0]) == 0 else {
            throw DFCError.storeIO(path: destination + "/" + names[0], reason: "cannot move the release into place (\(errnoDescription())); it is "
                + "registered as \(derived) (custody event \(events.rendered))")
        }
        moved = true
        chmod(destination + "/" + names[0], 0o444)
        let log = redactionLog(facts, chosen, release: derived, sha256: sha256, renderedBy: signer.name, authorizedBy: authoriser.name,
                               reason: reason, at: events.at, authorization: events.authorization, event: events.rendered)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileWriting.createReadOnly(destination + "/" + names[1], [UInt8](log.csv().utf8))
        try FileWriting.createReadOnly(destination + "/" + names[2], [UInt8](try encoder.encode(log) + Data("\n".utf8)))
        Durability.syncDirectory(destination)
        return RedactionRelease(parent: facts.record.exhibitID, derived: derived, sha256: sha256, size: Int64(Self.size(of: destination + "/" + names[0])),
                                planVersion: chosen.version, planDigest: chosen.digest, authorizedBy: authoriser.name,
                                authorizationEvent: events.authorization, event: events.rendered, file: destination + "/" + names[0],
                                logCSV: destination + "/" + names[1], logJSON: destination + "/" + names[2], warnings: Self.warnings(chosen.plan))
    }

    /// Renders the release of plan version `version` (the latest rendered when nil) again, with the settings
    /// recorded when it was first rendered, and compares it bit for bit with the derived exhibit it produced.
    /// Records a `redaction_replayed` event with the result.
    public func replay(of reference: String, version: Int? = nil, actor: String, limits: MediaLimits = .standard,
                       containment: Containment? = nil) throws -> RedactionReplay {
        let signer = try ledger.handler(for: actor, command: "replay a redacted release")
        try integrity.sweepLeftovers(signer)
        let facts = try facts(reference, stream: nil)
        let name = facts.record.exhibitID.description
        let renders = try withCatalog { try catalog.read { try Catalog.events(of: facts.record.id ?? 0, actions: ["redaction_rendered"], $0) } }
            .compactMap { CustodyLog.decode($0) }
            .filter { version == nil || $0.details["plan_version"] == version.map(String.init) }
        guard let first = renders.last, let planVersion = first.details["plan_version"].flatMap(Int.init),
              let derivedName = first.details["derived"], let settingsText = first.details["settings"],
              var settings = try? JSONDecoder().decode(RedactionRenderSettings.self, from: Data(settingsText.utf8)) else {
            throw DFCError.planRefused(exhibit: name, reason: "no release was rendered\(version.map { " from plan version \($0)" } ?? "") to replay")
        }
        let (streamFacts, chosen) = try plan(reference, version: planVersion)
        let derived = try withCatalog { try catalog.read { try exhibits.resolve(derivedName, $0) } }
        let recorded = settings.libraries
        let rendered = try renderFile(streamFacts, plan: chosen.plan, settings: &settings, signer: signer, command: "redact --replay",
                                      limits: limits, containment: containment)
        defer { unlink(rendered) }
        let digest = try FileDigest.compute(path: rendered)
        let event = try withCatalog {
            try catalog.write { db in
                try CustodyLog.append(db, action: "redaction_replayed", signer: signer, exhibit: facts.record.exhibitID, details: [
                    "command": "redact --replay", "plan_version": String(planVersion), "plan_digest": chosen.digest, "derived": derived.exhibitID.description,
                    "registered_sha256": derived.sha256, "rendered_sha256": digest.sha256,
                    "result": digest.sha256 == derived.sha256 ? "identical" : "different",
                    "libraries": settings.libraries ?? "", "recorded_libraries": recorded ?? "",
                ]).seq
            }
        }
        return RedactionReplay(parent: facts.record.exhibitID, derived: derived.exhibitID, planVersion: planVersion,
                               registeredSHA256: derived.sha256, renderedSHA256: digest.sha256, event: event)
    }

    /// The stream facts and the recorded plan version `version` (the latest when nil), checked again
    /// against the current analysis.
    func plan(_ reference: String, version: Int?) throws -> (StreamFacts, RedactionVersion) {
        let record = try withCatalog { try catalog.read { try exhibits.resolve(reference, $0) } }
        let all = try versions(of: record)
        let name = record.exhibitID.description
        guard let chosen = version.map({ number in all.first { $0.version == number } }) ?? all.last else {
            throw DFCError.planRefused(exhibit: name, reason: version.map { "it has no plan version \($0) (it has \(all.count))" }
                ?? "it has no redaction plan yet (dfc redact \(name) --detect faces, or --plan FILE)")
        }
        let facts = try facts(name, stream: chosen.plan.stream)
        let problems = chosen.plan.problems(exhibit: name, sha256: record.sha256, videoStreams: facts.videoStreams, width: facts.width,
                                            height: facts.height, frameCount: facts.entries.count, duration: facts.duration)
        guard problems.isEmpty else {
            throw DFCError.planRefused(exhibit: name, reason: "version \(chosen.version) no longer fits the current analysis: " + problems.joined(separator: "; "))
        }
        return (facts, chosen)
    }

    /// Renders `plan` in a worker into a staging file and returns its path; fills in the libraries the render used.
    private func renderFile(_ facts: StreamFacts, plan: RedactionPlan, settings: inout RedactionRenderSettings, signer: Signer, command: String,
                            limits: MediaLimits, containment: Containment?) throws -> String {
        let staged = try exhibits.stageVaultCopy(of: facts.record, signer: signer, command: command)
        defer { vault.discard(staged) }
        let output = try vault.stagingFile("analysis")
        var job = AnalysisJob(input: staged.temporaryPath, output: output, limits: limits, confine: containment != nil,
                              decoderThreads: facts.header.singleThreaded ? 1 : containment?.decoderThreads ?? 0)
        job.render = RenderRequest(plan: plan, settings: settings)
        if case .failed(let description, _) = try WorkerRunner.runWorker(job, file: vault.location(facts.record.vaultPath), containment: containment) {
            unlink(output)
            throw DFCError.extractionFailed(exhibit: facts.record.exhibitID.description, reason: "the render's worker did not finish: \(description)")
        }
        settings.libraries = RedactionRenderer.libraries + (Self.x264Version(in: output).map { ", \($0)" } ?? "")
        return output
    }

    /// x264's version as the stream it wrote says it (its SEI, "x264 - core N rXXXX"), from the first MiB.
    static func x264Version(in path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path), let head = try? handle.read(upToCount: 1 << 20) else { return nil }
        try? handle.close()
        guard let start = head.range(of: Data("x264 - core ".utf8)) else { return nil }
        let rest = head[start.lowerBound...].prefix(40)
        let text = String(decoding: rest.prefix { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
        return text.split(separator: " ").prefix(5).joined(separator: " ")
    }

    static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// What a records officer must know about a release made with `plan`.
    static func warnings(_ plan: RedactionPlan) -> [String] {
        var warnings: [String] = []
        if plan.style != .solid {
            warnings.append("the plan masks with \(plan.style.rawValue): shapes and colours stay, and can be recognised"
                + (plan.style == .blur ? " or partly reversed" : "") + "; a solid mask leaves nothing to recover")
        }
        if plan.audio == .drop { warnings.append("the release has no sound (the plan drops it)") }
        if plan.accepted.isEmpty && plan.audioRanges.isEmpty { warnings.append("the plan masks nothing: the release is the original re-encoded") }
        return warnings
    }

    private func redactionLog(_ facts: StreamFacts, _ chosen: RedactionVersion, release: ExhibitID, sha256: String, renderedBy: String,
                              authorizedBy: String, reason: String, at: String, authorization: Int64, event: Int64) -> RedactionLog {
        let plan = chosen.plan
        let regions = plan.accepted.map { track in
            RedactionLog.Region(track: track.id, label: track.label.rawValue, shape: track.shape.rawValue, reason: track.reason, source: track.source,
                                firstFrame: track.frames.lowerBound, lastFrame: track.frames.upperBound,
                                firstSeconds: facts.seconds(track.frames.lowerBound), lastSeconds: facts.seconds(track.frames.upperBound),
                                decidedBy: track.decidedBy ?? chosen.recordedBy)
        }
        return RedactionLog(parent: facts.record.exhibitID.description, parentSHA256: facts.record.sha256, caseID: facts.caseID,
                            release: release.description, releaseSHA256: sha256, planVersion: chosen.version, planDigest: chosen.digest,
                            plannedBy: chosen.recordedBy, renderedBy: renderedBy, authorizedBy: authorizedBy, reason: reason, renderedAt: at,
                            authorizationEvent: authorization, event: event, style: plan.style.rawValue, audio: plan.audio.rawValue,
                            regions: regions, audioRanges: plan.audio == .drop ? [] : plan.audioRanges,
                            rejected: plan.tracks.filter { $0.decision == .rejected }.map(\.id))
    }
}
