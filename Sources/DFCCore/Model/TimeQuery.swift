/// A lookup by time and place: the exhibits whose recording overlaps a range of the UTC
/// timeline, optionally only those recorded near a point, of a case, or of a source.
public struct TimeQuery: Sendable, Equatable {
    /// The range, ISO 8601 with a zone (`2026-11-03T14:30:00+05:00`, `…Z`): a time without one
    /// is refused, never taken as the host's local time.
    public var from: String
    public var to: String
    /// Only exhibits with a place within `radiusMetres` of this point (degrees, WGS 84).
    public var near: (latitude: Double, longitude: Double)?
    public var radiusMetres: Double
    /// Only exhibits of this case, of the source of exactly this name, or whose source contains this
    /// text (ASCII letters in either case), each as amended.
    public var caseID: String?
    public var source: String?
    public var sourceContains: String?
    /// At most this many exhibits in one page, earliest first (`defaultLimit` unless given): every
    /// filter is applied first, and the page says how many more matched (`TimeLookupPage.more`).
    public var limit: Int
    /// The continuation of an earlier page (`TimeLookupPage.next`): only exhibits after its last hit.
    public var after: String?
    /// Only exhibits whose camera signatures say this (`SignatureFilter`).
    public var signatures: SignatureFilter?

    /// The page size when none is given.
    public static let defaultLimit = 10_000

    /// Makes a query.
    public init(from: String, to: String, near: (latitude: Double, longitude: Double)? = nil, radiusMetres: Double = 100,
                caseID: String? = nil, source: String? = nil, sourceContains: String? = nil, limit: Int = TimeQuery.defaultLimit,
                after: String? = nil, signatures: SignatureFilter? = nil) {
        (self.from, self.to, self.near, self.radiusMetres, self.caseID, self.source, self.limit) = (from, to, near, radiusMetres, caseID, source, limit)
        self.sourceContains = sourceContains
        self.after = after
        self.signatures = signatures
    }

    public static func == (a: TimeQuery, b: TimeQuery) -> Bool {
        a.from == b.from && a.to == b.to && a.near?.latitude == b.near?.latitude && a.near?.longitude == b.near?.longitude
            && a.radiusMetres == b.radiusMetres && a.caseID == b.caseID && a.source == b.source && a.sourceContains == b.sourceContains && a.limit == b.limit && a.after == b.after
            && a.signatures == b.signatures
    }
}

/// One exhibit a time lookup found: where it sits on the timeline, which layer that came from,
/// and where inside it the asked range begins and ends.
public struct TimeHit: Sendable, Codable, Equatable {
    /// The exhibit, its case and source (as amended), file hash and name.
    public var exhibit: ExhibitID
    public var caseID: String
    public var source: String?
    public var sha256: String
    public var originalName: String
    /// The first and last instant it covers, ISO 8601 UTC to the millisecond, with `corrections` applied.
    public var start: String
    public var end: String
    /// The time layer its start came from (its `utc` is the time as the file gives it).
    public var layer: TimeLayer
    /// The clock corrections applied, oldest first (none: the time is the layer's).
    public var corrections: [ClockCorrection]
    /// Seconds from its start where the asked range begins and ends inside it.
    public var offsetFrom: Double
    public var offsetTo: Double
    /// The stream and the first and last frame inside the range (nil for a file without frames there).
    public var stream: Int?
    public var firstFrame: Int?
    public var lastFrame: Int?
    /// Its places, and the distance in metres from the asked point to the nearest (when asked near one).
    public var places: [PlaceLayer]
    public var distanceMetres: Double?

    package enum CodingKeys: String, CodingKey {
        case exhibit, caseID = "case", source, sha256, originalName, start, end, layer, corrections, offsetFrom, offsetTo, stream, firstFrame, lastFrame
        case places, distanceMetres
    }

    package init(exhibit: ExhibitID, caseID: String, source: String? = nil, sha256: String, originalName: String, start: String, end: String, layer: TimeLayer, corrections: [ClockCorrection], offsetFrom: Double, offsetTo: Double, stream: Int? = nil, firstFrame: Int? = nil, lastFrame: Int? = nil, places: [PlaceLayer], distanceMetres: Double? = nil) {
        self.exhibit = exhibit
        self.caseID = caseID
        self.source = source
        self.sha256 = sha256
        self.originalName = originalName
        self.start = start
        self.end = end
        self.layer = layer
        self.corrections = corrections
        self.offsetFrom = offsetFrom
        self.offsetTo = offsetTo
        self.stream = stream
        self.firstFrame = firstFrame
        self.lastFrame = lastFrame
        self.places = places
        self.distanceMetres = distanceMetres
    }
}
