/// What one extraction wrote and registered.
public struct FrameExtraction: Sendable, Codable, Equatable {
    /// The pictures, in stream order.
    public var frames: [ExtractedFrame]
    /// The folder the PNG files were written to.
    public var directory: String
    /// The `extracted` custody event.
    public var event: Int64
}
