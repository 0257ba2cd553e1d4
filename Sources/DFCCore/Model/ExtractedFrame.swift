/// A picture extracted as a PNG file and registered as derived evidence: the picture it
/// was made from, the PNG's own hash, and how it was made.
public struct ExtractedFrame: Sendable, Codable, Equatable {
    /// The exhibit it was taken from.
    public var exhibit: ExhibitID
    /// The analysis whose picture it is (1 is the one made at ingest).
    public var analysis: Int
    /// The video stream.
    public var stream: Int
    /// The picture's index in the stream (as `dfc frames` numbers them).
    public var frame: Int
    /// Its presentation timestamp in the stream's time base.
    public var pts: Int64?
    /// The same in seconds.
    public var ptsSeconds: Double?
    /// The decoded picture's SHA-256, as the catalog (and FFmpeg's framehash) has it.
    public var frameSHA256: String
    /// The PNG file's SHA-256.
    public var pngSHA256: String
    /// The PNG file's size in bytes.
    public var pngSize: Int
    /// The PNG's width.
    public var width: Int
    /// The PNG's height.
    public var height: Int
    /// The colour conversion (source format, matrix, range, swscale flags) and any turn.
    public var conversion: String
    /// Degrees clockwise the pixels were turned (0 when the rotation was only recorded).
    public var rotation: Int
    /// Degrees clockwise the stream's display matrix asks a player to turn it.
    public var displayRotation: Int
    /// The store's copy, relative to the store (`derived/ab/<sha256>.png`).
    public var storedPath: String
    /// The `extracted` custody event that registered it.
    public var event: Int64

    /// The file name it is written under: `EX-000001-s0-f000123.png`.
    public var fileName: String { Self.fileName(exhibit: exhibit, stream: stream, frame: frame) }

    package static func fileName(exhibit: ExhibitID, stream: Int, frame: Int) -> String {
        let digits = String(frame)
        return "\(exhibit)-s\(stream)-f\(String(repeating: "0", count: max(0, 6 - digits.count)) + digits).png"
    }

    package init(exhibit: ExhibitID, analysis: Int, stream: Int, frame: Int, pts: Int64? = nil, ptsSeconds: Double? = nil, frameSHA256: String, pngSHA256: String, pngSize: Int, width: Int, height: Int, conversion: String, rotation: Int, displayRotation: Int, storedPath: String, event: Int64) {
        self.exhibit = exhibit
        self.analysis = analysis
        self.stream = stream
        self.frame = frame
        self.pts = pts
        self.ptsSeconds = ptsSeconds
        self.frameSHA256 = frameSHA256
        self.pngSHA256 = pngSHA256
        self.pngSize = pngSize
        self.width = width
        self.height = height
        self.conversion = conversion
        self.rotation = rotation
        self.displayRotation = displayRotation
        self.storedPath = storedPath
        self.event = event
    }
}
