/// A lookup by place alone: every exhibit with a place within `radiusMetres` of a point, whenever
/// it was recorded, nearest first; optionally only those of a case or a source.
public struct PlaceQuery: Sendable, Equatable {
    /// The point, degrees north and east (WGS 84).
    public var latitude: Double
    public var longitude: Double
    /// How far from the point a place may be, in metres along the Earth's surface.
    public var radiusMetres: Double
    /// Only exhibits of this case, of the source of exactly this name, or whose source contains this
    /// text (ASCII letters in either case), each as amended.
    public var caseID: String?
    public var source: String?
    public var sourceContains: String?
    /// At most this many exhibits in one page, nearest first (`TimeQuery.defaultLimit` unless given):
    /// every filter is applied first, and the page says how many more matched.
    public var limit: Int
    /// The continuation of an earlier page (`PlaceLookupPage.next`): only exhibits after its last hit.
    public var after: String?
    /// Only exhibits whose camera signatures say this (`SignatureFilter`).
    public var signatures: SignatureFilter?

    /// Makes a query.
    public init(latitude: Double, longitude: Double, radiusMetres: Double = 100, caseID: String? = nil, source: String? = nil,
                sourceContains: String? = nil, limit: Int = TimeQuery.defaultLimit, after: String? = nil, signatures: SignatureFilter? = nil) {
        (self.latitude, self.longitude, self.radiusMetres) = (latitude, longitude, radiusMetres)
        (self.caseID, self.source, self.sourceContains) = (caseID, source, sourceContains)
        (self.limit, self.after, self.signatures) = (limit, after, signatures)
    }
}

/// One exhibit a lookup by place found: its nearest place to the asked point (with the tag it was
/// read from), how far that is, and every place it has.
public struct PlaceHit: Sendable, Codable, Equatable {
    /// The exhibit, its case and source (as amended), file hash and name.
    public var exhibit: ExhibitID
    public var caseID: String
    public var source: String?
    public var sha256: String
    public var originalName: String
    /// Its place nearest the asked point: the layer it came from (`tag`, `value`) and its position.
    public var place: PlaceLayer
    /// The great-circle distance from the asked point to `place`, in metres.
    public var distanceMetres: Double
    /// Every place it has, in the order read.
    public var places: [PlaceLayer]

    package enum CodingKeys: String, CodingKey {
        case exhibit, caseID = "case", source, sha256, originalName, place, distanceMetres, places
    }

    package init(exhibit: ExhibitID, caseID: String, source: String?, sha256: String, originalName: String, place: PlaceLayer,
                 distanceMetres: Double, places: [PlaceLayer]) {
        (self.exhibit, self.caseID, self.source, self.sha256, self.originalName) = (exhibit, caseID, source, sha256, originalName)
        (self.place, self.distanceMetres, self.places) = (place, distanceMetres, places)
    }
}
