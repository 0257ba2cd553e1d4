import Foundation

/// The redaction activity report of one release, in the form a records office files: which
/// original, which plan version and who made, rendered and authorised it, and every region and
/// audio range removed, with its frames, times, reason and decision. Written beside the release
/// as JSON and as CSV (one row per track or audio range).
public struct RedactionLog: Sendable, Codable, Equatable {
    /// The exhibit redacted (`EX-…`).
    public var parent: String
    /// The original's SHA-256.
    public var parentSHA256: String
    /// The original's case.
    public var caseID: String
    /// The derived exhibit the release is.
    public var release: String
    /// The release's SHA-256.
    public var releaseSHA256: String
    /// The plan version rendered.
    public var planVersion: Int
    /// The SHA-256 of that version's canonical JSON.
    public var planDigest: String
    /// Who recorded that plan version.
    public var plannedBy: String
    /// Who rendered the release.
    public var renderedBy: String
    /// The custodian or supervisor who authorised it.
    public var authorizedBy: String
    /// Why it was released.
    public var reason: String
    /// When it was recorded (RFC 3339, UTC).
    public var renderedAt: String
    /// The `redaction_authorized` custody event.
    public var authorizationEvent: Int64
    /// The `redaction_rendered` custody event.
    public var event: Int64
    /// How regions were filled (`solid`, `pixelate`, `blur`).
    public var style: String
    /// `keep` or `drop`.
    public var audio: String
    /// The masked tracks.
    public var regions: [Region]
    /// The silenced audio ranges.
    public var audioRanges: [RedactionPlan.AudioRange]
    /// Tracks the plan holds that were not masked (rejected), for the record.
    public var rejected: [String]

    /// One masked track.
    public struct Region: Sendable, Codable, Equatable {
        /// The track's id.
        public var track: String
        /// What it hides (`face`, `plate`, …).
        public var label: String
        /// `box` or `ellipse`.
        public var shape: String
        /// Why it was released.
        public var reason: String
        /// `manual`, or the detector that proposed it.
        public var source: String
        /// The first picture it covers.
        public var firstFrame: Int
        /// The last picture it covers.
        public var lastFrame: Int
        /// The first picture's time, seconds from the start of the file.
        public var firstSeconds: Double?
        /// The last picture's time.
        public var lastSeconds: Double?
        /// Who accepted it.
        public var decidedBy: String

        package init(track: String, label: String, shape: String, reason: String, source: String, firstFrame: Int, lastFrame: Int,
                     firstSeconds: Double?, lastSeconds: Double?, decidedBy: String) {
            self.track = track
            self.label = label
            self.shape = shape
            self.reason = reason
            self.source = source
            self.firstFrame = firstFrame
            self.lastFrame = lastFrame
            self.firstSeconds = firstSeconds
            self.lastSeconds = lastSeconds
            self.decidedBy = decidedBy
        }
    }

    package init(parent: String, parentSHA256: String, caseID: String, release: String, releaseSHA256: String, planVersion: Int, planDigest: String,
                 plannedBy: String, renderedBy: String, authorizedBy: String, reason: String, renderedAt: String, authorizationEvent: Int64,
                 event: Int64, style: String, audio: String, regions: [Region], audioRanges: [RedactionPlan.AudioRange], rejected: [String]) {
        self.parent = parent
        self.parentSHA256 = parentSHA256
        self.caseID = caseID
        self.release = release
        self.releaseSHA256 = releaseSHA256
        self.planVersion = planVersion
        self.planDigest = planDigest
        self.plannedBy = plannedBy
        self.renderedBy = renderedBy
        self.authorizedBy = authorizedBy
        self.reason = reason
        self.renderedAt = renderedAt
        self.authorizationEvent = authorizationEvent
        self.event = event
        self.style = style
        self.audio = audio
        self.regions = regions
        self.audioRanges = audioRanges
        self.rejected = rejected
    }

    /// The CSV (RFC 4180): one row per masked track and per silenced audio range, each row repeating the
    /// release's identity so that a row read alone still says what it belongs to.
    public func csv() -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func seconds(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
        var lines = ["original,original_sha256,case,release,release_sha256,plan_version,plan_digest,authorized_by,kind,id,label,shape,"
            + "first_frame,last_frame,start_seconds,end_seconds,action,reason,decided_by,source"]
        let identity = [parent, parentSHA256, caseID, release, releaseSHA256, String(planVersion), planDigest, authorizedBy].map(field)
        for region in regions {
            lines.append((identity + (["region", region.track, region.label, region.shape, String(region.firstFrame), String(region.lastFrame),
                                      seconds(region.firstSeconds), seconds(region.lastSeconds), style, region.reason, region.decidedBy,
                                      region.source] as [String]).map(field)).joined(separator: ","))
        }
        for (index, range) in audioRanges.enumerated() {
            lines.append((identity + (["audio", "A\(index + 1)", "", "", "", "", seconds(range.start), seconds(range.end), range.action.rawValue,
                                      range.reason, plannedBy, "manual"] as [String]).map(field)).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
