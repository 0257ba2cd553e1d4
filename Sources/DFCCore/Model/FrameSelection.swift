/// Which pictures of a video stream to extract.
public enum FrameSelection: Sendable, Equatable {
    /// The picture on screen at each time, in seconds from the start of the file.
    case times([Double])
    /// The picture on screen every so many seconds, from the start.
    case every(Double)
    /// Every key frame.
    case keyframes
    /// These pictures, by index (as `dfc frames` numbers them).
    case indices([Int])

    /// The most pictures one extraction writes.
    public static let maximumFrames = 10_000

    /// As the custody event records it.
    public var description: String {
        switch self {
        case .times(let times): "at " + times.map { String($0) }.joined(separator: ",")
        case .every(let seconds): "every \(seconds) s"
        case .keyframes: "keyframes"
        case .indices(let indices): "frames " + indices.map(String.init).joined(separator: ",")
        }
    }
}
