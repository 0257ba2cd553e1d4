import DFCCore

/// What a worker extracting pictures is asked for: which pictures of which video stream,
/// by their index in decode order (as the catalog numbers them), and whether to turn
/// them as the stream's display matrix asks.
package struct ExtractionRequest: Sendable, Codable, Equatable {
    /// The video stream.
    public var stream: Int
    /// The pictures' indices, ascending, each once.
    public var frames: [Int]
    /// Whether the display rotation is applied to the pixels (otherwise only recorded).
    public var applyRotation: Bool
    /// Scale each picture down to at most this width (a thumbnail for a report); nil keeps
    /// the original resolution.
    public var thumbnailWidth: Int?

    /// A request.
    public init(stream: Int, frames: [Int], applyRotation: Bool, thumbnailWidth: Int? = nil) {
        self.thumbnailWidth = thumbnailWidth
        self.stream = stream
        self.frames = frames
        self.applyRotation = applyRotation
    }
}
