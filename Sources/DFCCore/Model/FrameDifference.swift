/// One picture on which two analyses of an exhibit disagree, matched by stream and index
/// (decoded order), as a validation report lists it.
public struct FrameDifference: Sendable, Codable, Equatable {
    /// How the two analyses disagree on the picture.
    public enum Kind: String, Sendable, Codable {
        /// Both decoded it, to different pictures (different SHA-256, or only one could hash it).
        case hash
        /// Both decoded the same picture, at a different time or with a different type or size.
        case attributes
        /// Only the first analysis decoded a picture at this index.
        case onlyInFirst = "only_in_first"
        /// Only the second analysis decoded a picture at this index.
        case onlyInSecond = "only_in_second"
    }

    /// How they disagree.
    public var kind: Kind
    /// The stream's container index.
    public var stream: Int
    /// The picture's index in the stream's decoded order.
    public var index: Int
    /// The picture as the first analysis has it; nil when only the second has it.
    public var first: FrameEntry?
    /// The picture as the second analysis has it; nil when only the first has it.
    public var second: FrameEntry?

    package init(kind: Kind, stream: Int, index: Int, first: FrameEntry? = nil, second: FrameEntry? = nil) {
        self.kind = kind
        self.stream = stream
        self.index = index
        self.first = first
        self.second = second
    }
}
