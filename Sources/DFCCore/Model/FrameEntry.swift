/// One decoded picture of a video stream and its SHA-256, as the catalog holds it.
public struct FrameEntry: Sendable, Codable, Equatable {
    /// The stream's container index.
    public var stream: Int
    /// Position in the stream's decoded (display) order, from 0.
    public var index: Int
    /// Presentation timestamp (FFmpeg's best-effort timestamp) in the stream's time base.
    public var pts: Int64?
    /// The same in seconds.
    public var ptsSeconds: Double?
    /// Whether the decoder marked it a key frame.
    public var keyFrame: Bool
    /// Picture type: `I`, `P`, `B`, … (`?` when unknown).
    public var pictureType: String
    /// Bytes of the packed picture that was hashed.
    public var size: Int
    /// SHA-256 of the packed picture, as FFmpeg's framehash muxer computes it.
    public var sha256: String

    package init(stream: Int, index: Int, pts: Int64? = nil, ptsSeconds: Double? = nil, keyFrame: Bool, pictureType: String, size: Int, sha256: String) {
        self.stream = stream
        self.index = index
        self.pts = pts
        self.ptsSeconds = ptsSeconds
        self.keyFrame = keyFrame
        self.pictureType = pictureType
        self.size = size
        self.sha256 = sha256
    }
}
