import Foundation

/// The redaction activity report of one release, in the form a records office files: which
/// original, which plan version and who made, rendered and authorised it, and every region and
/// audio range removed, with its frames, times, reason and decision. Written beside the release
/// as JSON and as CSV (one row per track or audio range).
public struct RedactionLog: Sendable, Codable, Equatable {
    public var parent: String
    public var parentSHA256: String
    public var caseID: String
    public var release: String
    public var releaseSHA256: String
    public var planVersion: Int
    public var planDigest: String
    public var plannedBy: String
    public var renderedBy: String
    public var authorizedBy: String
    public var reason: String
    public var renderedAt: String
    public var authorizationEvent: Int64
    public var event: Int64
    public var style: String
    public var audio: String
    public var regions: [Region]
    public var audioRanges: [RedactionPlan.AudioRange]
    /// Tracks the plan holds that were not masked (rejected), for the record.
    public var rejected: [String]

    /// One masked track.
    public struct Region: Sendable, Codable, Equatable {
        public var track: String
        public var label: String
        public var shape: String
        public var reason: String
        public var source: String
        public var firstFrame: Int
        public var lastFrame: Int
        public var firstSeconds: Double?
        public var lastSeconds: Double?
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
