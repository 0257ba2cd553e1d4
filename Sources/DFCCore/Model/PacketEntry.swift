/// One compressed packet as read from the container, and the SHA-256 of its payload.
public struct PacketEntry: Sendable, Codable, Equatable {
    /// Position in read order across all streams, from 0.
    public var index: Int
    /// The stream's container index.
    public var stream: Int
    /// Presentation timestamp in the stream's time base.
    public var pts: Int64?
    /// Decoding timestamp in the stream's time base.
    public var dts: Int64?
    /// Duration in the stream's time base.
    public var duration: Int64?
    /// Payload size in bytes.
    public var size: Int
    /// Whether the container flags it as a key frame.
    public var keyFrame: Bool
    /// Byte offset in the file, when the demuxer knows it.
    public var position: Int64?
    /// SHA-256 of the compressed payload.
    public var sha256: String

    package init(index: Int, stream: Int, pts: Int64? = nil, dts: Int64? = nil, duration: Int64? = nil, size: Int, keyFrame: Bool, position: Int64? = nil, sha256: String) {
        self.index = index
        self.stream = stream
        self.pts = pts
        self.dts = dts
        self.duration = duration
        self.size = size
        self.keyFrame = keyFrame
        self.position = position
        self.sha256 = sha256
    }
}
