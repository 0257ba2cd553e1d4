/// Everything the catalog holds about one exhibit, short of its packet and frame lists.
public struct ExhibitReport: Sendable, Codable, Equatable {
    /// The exhibit number.
    public var exhibit: ExhibitID
    /// The case it belongs to now (the latest amendment's, else the one it was ingested with).
    public var caseID: String
    /// Where it came from (camera, officer, device), as last written (ingest or amendment).
    public var source: String?
    /// SHA-256 of the original's bytes.
    public var sha256: String
    /// SHA-512 of the original's bytes.
    public var sha512: String
    /// Size in bytes.
    public var size: Int64
    /// The file's name when it was ingested.
    public var originalName: String
    /// The path it was ingested from.
    public var originalPath: String
    /// Where the store keeps it, relative to the store.
    public var vaultPath: String
    /// When it was ingested (RFC 3339, UTC).
    public var ingestedAt: String
    /// Who ingested it.
    public var ingestedBy: String
    /// FFmpeg's demuxer name, by the current analysis; nil when FFmpeg could not read the file.
    public var container: String?
    /// The container's parameters and tags; nil when unreadable.
    public var containerInfo: ContainerInfo?
    /// Duration in seconds, when known.
    public var durationSeconds: Double?
    /// The FFmpeg libraries that read and decoded it.
    public var libraries: String
    /// Packets read, all streams.
    public var packetCount: Int
    /// Pictures decoded, all video streams.
    public var frameCount: Int
    /// Its streams.
    public var streams: [StreamInfo]
    /// What the examiner must know.
    public var findings: [Finding]
    /// Every change of case or source since ingest, oldest first (empty when none).
    public var amendments: [Amendment]
    /// Every analysis of the file, the one made at ingest first; the container, libraries,
    /// counts, streams and findings above are the current one's.
    public var analyses: [AnalysisInfo]
    /// Every picture extracted from it and registered as derived evidence, oldest first.
    public var extractions: [DerivedEvidence] = []
    /// Every export of it, oldest first, each saying whether its package was delivered.
    public var exports: [ExhibitExport] = []
    /// Every reading of when it was recorded, side by side (`TimeLayer`), and of where.
    public var timeLayers: [TimeLayer] = []
    public var places: [PlaceLayer] = []
    /// Where it sits on the UTC timeline, ISO 8601, and the layer that came from (an index in
    /// `timeLayers`); nil when no layer names its zone.
    public var start: String?
    public var end: String?
    public var startLayer: Int?
    /// Every correction of its clock (`dfc clock`), oldest first, and the span with them applied.
    public var clockCorrections: [ClockCorrection] = []
    public var correctedStart: String?
    public var correctedEnd: String?

    package enum CodingKeys: String, CodingKey {
        case exhibit, caseID = "case", source, sha256, sha512, size, originalName, originalPath, vaultPath
        case ingestedAt, ingestedBy, container, containerInfo, durationSeconds, libraries, packetCount, frameCount
        case streams, findings, amendments, analyses, extractions, exports, timeLayers, places, start, end, startLayer
        case clockCorrections, correctedStart, correctedEnd
    }

    package init(exhibit: ExhibitID, caseID: String, source: String? = nil, sha256: String, sha512: String, size: Int64, originalName: String, originalPath: String, vaultPath: String, ingestedAt: String, ingestedBy: String, container: String? = nil, containerInfo: ContainerInfo? = nil, durationSeconds: Double? = nil, libraries: String, packetCount: Int, frameCount: Int, streams: [StreamInfo], findings: [Finding], amendments: [Amendment], analyses: [AnalysisInfo], extractions: [DerivedEvidence] = [], exports: [ExhibitExport] = [], timeLayers: [TimeLayer] = [], places: [PlaceLayer] = [], start: String? = nil, end: String? = nil, startLayer: Int? = nil, clockCorrections: [ClockCorrection] = [], correctedStart: String? = nil, correctedEnd: String? = nil) {
        self.exhibit = exhibit
        self.caseID = caseID
        self.source = source
        self.sha256 = sha256
        self.sha512 = sha512
        self.size = size
        self.originalName = originalName
        self.originalPath = originalPath
        self.vaultPath = vaultPath
        self.ingestedAt = ingestedAt
        self.ingestedBy = ingestedBy
        self.container = container
        self.containerInfo = containerInfo
        self.durationSeconds = durationSeconds
        self.libraries = libraries
        self.packetCount = packetCount
        self.frameCount = frameCount
        self.streams = streams
        self.findings = findings
        self.amendments = amendments
        self.analyses = analyses
        self.extractions = extractions
        self.exports = exports
        self.timeLayers = timeLayers
        self.places = places
        self.start = start
        self.end = end
        self.startLayer = startLayer
        self.clockCorrections = clockCorrections
        self.correctedStart = correctedStart
        self.correctedEnd = correctedEnd
    }
}
