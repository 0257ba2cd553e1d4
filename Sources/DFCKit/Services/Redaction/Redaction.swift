import Foundation

/// Releasing footage with what must not leave masked: redaction as signed, replayable derived evidence.
///
/// An exhibit's redaction plan (`RedactionPlan`) is versioned in the custody log: each version a
/// signed `redaction_planned` event carrying the plan whole and its digest. Faces are proposed by a
/// detector in the confined worker (`detectFaces`), reviewed by an examiner (`recordPlan`), and a
/// version with every track decided is rendered (`render`) — with a supervisor's or custodian's
/// authorisation — into an H.264 MP4 that is registered as a derived exhibit of the original, with
/// its plan version, digest and authoriser in the log. `replay` renders a release again and
/// compares it bit for bit.
public struct Redaction: StoreService {
    package let context: StoreContext

    /// The catalog's facts about one video stream of an exhibit that a plan is checked against.
    struct StreamFacts {
        var record: ExhibitRecord
        var caseID: String
        var header: FrameListingHeader
        var entries: [FrameEntry]
        var videoStreams: [Int]

        var width: Int { header.stream.width ?? 0 }
        var height: Int { header.stream.height ?? 0 }
        var start: Double { header.containerStartSeconds ?? 0 }
        var duration: Double? { header.stream.durationSeconds }

        /// Seconds from the start of the file's timeline to picture `frame`, when it has a time.
        func seconds(_ frame: Int) -> Double? {
            guard entries.indices.contains(frame), let pts = entries[frame].ptsSeconds else { return nil }
            return ((pts - start) * 1000).rounded() / 1000
        }

        /// Pictures a second, from the stream's average rate or its pictures' times.
        var frameRate: Double {
            if let text = header.stream.averageFrameRate ?? header.stream.frameRate {
                let parts = text.split(separator: "/").compactMap { Double($0) }
                if parts.count == 2, parts[1] > 0, parts[0] > 0 { return parts[0] / parts[1] }
            }
            if let first = entries.first?.ptsSeconds, let last = entries.last?.ptsSeconds, last > first {
                return Double(entries.count - 1) / (last - first)
            }
            return 25
        }
    }

    /// Reads the facts of `reference`'s video stream `stream` (the first one when nil) from the current analysis.
    func facts(_ reference: String, stream: Int?) throws -> StreamFacts {
        try withCatalog {
            try catalog.read { db -> StreamFacts in
                let record = try exhibits.resolve(reference, db)
                let current = try exhibits.analysis(nil, of: record, db)
                let header = try reading.frameListingHeader(record, current, stream: stream, db)
                var entries: [FrameEntry] = []
                let next = try Catalog.frameCursor(of: current.location, stream: header.stream.index, db)
                while let entry = try next() { entries.append(entry) }
                let videoStreams = try Catalog.streams(of: current.location, db).map(\.info).filter { $0.type == "video" && $0.frameCount > 0 }.map(\.index)
                return StreamFacts(record: record, caseID: try exhibits.current(record, db).caseID, header: header, entries: entries,
                                   videoStreams: videoStreams)
            }
        }
    }

    /// An empty plan for `reference`'s video stream (the first when nil): the starting point of a plan made by hand.
    public func template(of reference: String, stream: Int? = nil) throws -> RedactionPlan {
        let facts = try facts(reference, stream: stream)
        let latest = try versions(of: facts.record).last?.version
        return RedactionPlan(exhibit: facts.record.exhibitID.description, sha256: facts.record.sha256, stream: facts.header.stream.index,
                             width: facts.width, height: facts.height, frameCount: facts.entries.count, basedOn: latest)
    }

    /// Every recorded version of `reference`'s redaction plan, oldest first.
    public func versions(of reference: String) throws -> [RedactionVersion] {
        let record = try withCatalog { try catalog.read { try exhibits.resolve(reference, $0) } }
        return try versions(of: record)
    }

    func versions(of record: ExhibitRecord) throws -> [RedactionVersion] {
        let events = try withCatalog { try catalog.read { try Catalog.events(of: record.id ?? 0, actions: ["redaction_planned"], $0) } }
        return events.compactMap { event -> RedactionVersion? in
            guard let payload = CustodyLog.decode(event), let text = payload.details["plan"],
                  let plan = try? JSONDecoder().decode(RedactionPlan.self, from: Data(text.utf8)),
                  let version = payload.details["plan_version"].flatMap(Int.init) else { return nil }
            return RedactionVersion(exhibit: record.exhibitID, version: version, digest: payload.details["plan_digest"] ?? "", plan: plan,
                                    event: event.seq, recordedBy: payload.actor, recordedAt: payload.at, reason: payload.details["reason"] ?? "",
                                    origin: payload.details["origin"] ?? "")
        }
    }

    /// Records `plan` as the next version of its exhibit's redaction plan, signed by `actor` with `reason`.
    ///
    /// Refused, with every reason, when the plan is for another exhibit or stream, has a region outside
    /// the picture or a frame outside the stream, or edits a version other than the latest (`basedOn`).
    public func recordPlan(_ plan: RedactionPlan, reason: String, actor: String) throws -> RedactionVersion {
        try record(plan, reason: reason, origin: "reviewed", detector: nil, actor: actor)
    }

    func record(_ plan: RedactionPlan, reason: String, origin: String, detector: String?, actor: String) throws -> RedactionVersion {
        let reason = try SingleLine.checked(reason.trimmingCharacters(in: .whitespacesAndNewlines), field: "the reason (--reason)")
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a plan version needs a reason (--reason TEXT); nothing was recorded") }
        let signer = try ledger.handler(for: actor, command: "record a redaction plan")
        let facts = try facts(plan.exhibit, stream: plan.stream)
        let name = facts.record.exhibitID.description
        let problems = plan.problems(exhibit: name, sha256: facts.record.sha256, videoStreams: facts.videoStreams, width: facts.width,
                                     height: facts.height, frameCount: facts.entries.count, duration: facts.duration)
        guard problems.isEmpty else { throw DFCError.planRefused(exhibit: name, reason: problems.joined(separator: "; ")) }
        let (json, digest) = try plan.canonical()
        return try withCatalog {
            try catalog.write { db -> RedactionVersion in
                // Read again under the write lock: two examiners' versions never both build on the same one.
                let earlier = try Catalog.events(of: facts.record.id ?? 0, actions: ["redaction_planned"], db)
                let latest = earlier.count
                guard plan.basedOn == (latest == 0 ? nil : latest) else {
                    throw DFCError.planRefused(exhibit: name, reason: latest == 0
                        ? "it says it edits version \(plan.basedOn ?? 0), but \(name) has no plan yet (leave basedOn out)"
                        : "it edits version \(plan.basedOn.map(String.init) ?? "none"), but the latest is \(latest): start from version \(latest)")
                }
                var details = [
                    "command": "redact", "sha256": facts.record.sha256, "plan_version": String(latest + 1), "plan_digest": digest, "plan": json,
                    "reason": reason, "origin": origin, "stream": String(plan.stream), "tracks": String(plan.tracks.count),
                    "accepted": String(plan.accepted.count), "undecided": String(plan.undecided.count),
                ]
                if let basedOn = plan.basedOn { details["based_on"] = String(basedOn) }
                if let detector { details["detector"] = detector }
                let event = try CustodyLog.append(db, action: "redaction_planned", signer: signer, exhibit: facts.record.exhibitID, details: details)
                return RedactionVersion(exhibit: facts.record.exhibitID, version: latest + 1, digest: digest, plan: plan, event: event.seq,
                                        recordedBy: signer.name, recordedAt: event.recordedAt, reason: reason, origin: origin)
            }
        }
    }

    /// Reads a plan an examiner wrote (JSON, as `dfc redact --detect` or `--template` writes it).
    public static func readPlan(at path: String) throws -> RedactionPlan {
        try InputFile.check(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DFCError.inputUnreadable(path: path, reason: "cannot be read")
        }
        guard data.count <= 64 << 20 else { throw DFCError.invalidArgument("\(path): a plan of more than 64 MiB is refused") }
        do {
            return try JSONDecoder().decode(RedactionPlan.self, from: data)
        } catch {
            throw DFCError.invalidArgument("\(path): not a redaction plan (\(Self.describe(error)))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\"\(key.stringValue)\" is missing at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
