/// What one extraction wrote and registered.
public struct FrameExtraction: Sendable, Codable, Equatable {
    /// The pictures, in stream order.
    public var frames: [ExtractedFrame]
    /// The folder the PNG files were written to.
    public var directory: String
    /// The `extracted` custody event.
    public var event: Int64

    package init(frames: [ExtractedFrame], directory: String, event: Int64) {
        self.frames = frames
        self.directory = directory
        self.event = event
    }
}
