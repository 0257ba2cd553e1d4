/// One analysis of an exhibit: the one made at ingest (number 1), or a later one made from
/// the vault copy by `reanalyse` (2, 3, …), each kept whole with its own rows and custody event.
public struct AnalysisInfo: Sendable, Codable, Equatable {
    /// 1 for the analysis made at ingest, then 2, 3, … in the order they were recorded.
    public var number: Int
    /// The custody event that recorded it (`ingested` or `reanalysed`); nil when the log names none.
    public var event: Int64?
    /// When it was recorded (RFC 3339, UTC).
    public var at: String
    /// Who ingested the exhibit, or asked for the re-analysis.
    public var actor: String
    /// Why it was made again; nil for the analysis made at ingest.
    public var reason: String?
    /// The FFmpeg libraries that read and decoded the file.
    public var libraries: String
    /// FFmpeg's demuxer name; nil when FFmpeg could not read the file.
    public var container: String?
    /// Packets read, all streams.
    public var packetCount: Int
    /// Pictures decoded, all video streams.
    public var frameCount: Int
    /// How many findings it made.
    public var findingCount: Int
    /// False when it did not finish (its worker died or was killed, or its result was refused):
    /// it then has an `analysis_failed` finding and no packet or frame rows.
    public var finished: Bool
    /// Whether `show`, `frames`, `packets` and `lookup` answer from it: the latest analysis
    /// that finished, or the latest of all when none did.
    public var current: Bool

    package enum CodingKeys: String, CodingKey {
        case number, event, at, actor, reason, libraries, container, packetCount, frameCount, findingCount, finished, current
    }

    package init(number: Int, event: Int64? = nil, at: String, actor: String, reason: String? = nil, libraries: String, container: String? = nil, packetCount: Int, frameCount: Int, findingCount: Int, finished: Bool, current: Bool) {
        self.number = number
        self.event = event
        self.at = at
        self.actor = actor
        self.reason = reason
        self.libraries = libraries
        self.container = container
        self.packetCount = packetCount
        self.frameCount = frameCount
        self.findingCount = findingCount
        self.finished = finished
        self.current = current
    }
}
