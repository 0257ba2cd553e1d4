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
}
