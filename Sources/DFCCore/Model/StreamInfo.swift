/// One stream of an exhibit: its parameters as probed, and what was read from it.
public struct StreamInfo: Sendable, Codable, Equatable {
    /// The stream's index in the container (FFmpeg's `0:N`).
    public var index: Int
    /// `video`, `audio`, `subtitle`, `data`, `attachment` or `unknown`.
    public var type: String
    /// FFmpeg's codec name (`h264`, `hevc`, `mjpeg`, `aac`, …).
    public var codec: String
    /// FFmpeg's codec profile name, when it has one (`High`, `Main`, `LC`, …).
    public var profile: String?
    /// Picture width in pixels (video).
    public var width: Int?
    /// Picture height in pixels (video).
    public var height: Int?
    /// Pixel format of the decoded pictures (video), as FFmpeg names it.
    public var pixelFormat: String?
    /// Sample aspect ratio of the decoded pictures, `num/den` (video).
    public var sampleAspectRatio: String?
    /// The stream's real base frame rate (`r_frame_rate`), `num/den` (video).
    public var frameRate: String?
    /// The stream's average frame rate (`avg_frame_rate`), `num/den` (video).
    public var averageFrameRate: String?
    /// The time base its timestamps count in, `num/den`.
    public var timeBase: String
    /// Counter-clockwise rotation in degrees from the display matrix, as ffprobe reports it (video).
    public var rotation: Double?
    /// Sample rate in Hz (audio).
    public var sampleRate: Int?
    /// Number of channels (audio).
    public var channels: Int?
    /// Bit rate in bits per second, when known.
    public var bitRate: Int64?
    /// Duration in seconds the container declares for the stream.
    public var durationSeconds: Double?
    /// Number of frames the container's index declares, when it has one.
    public var declaredFrameCount: Int?
    /// Packets read from the stream.
    public var packetCount: Int
    /// Pictures decoded from the stream (video; 0 for other types).
    public var frameCount: Int
    /// Stream tags (`language`, `handler_name`, `encoder`, `creation_time`, …).
    public var tags: [String: String]
    /// What the stream's own signatures (ONVIF Media Signing, Axis Signed Video) say of it, for
    /// H.264 and H.265 streams; nil for other codecs and for exhibits analysed before DFC checked them.
    public var signature: SignedVideoReport?

    package init(index: Int, type: String, codec: String, profile: String? = nil, width: Int? = nil, height: Int? = nil, pixelFormat: String? = nil, sampleAspectRatio: String? = nil, frameRate: String? = nil, averageFrameRate: String? = nil, timeBase: String, rotation: Double? = nil, sampleRate: Int? = nil, channels: Int? = nil, bitRate: Int64? = nil, durationSeconds: Double? = nil, declaredFrameCount: Int? = nil, packetCount: Int, frameCount: Int, tags: [String: String]) {
        self.index = index
        self.type = type
        self.codec = codec
        self.profile = profile
        self.width = width
        self.height = height
        self.pixelFormat = pixelFormat
        self.sampleAspectRatio = sampleAspectRatio
        self.frameRate = frameRate
        self.averageFrameRate = averageFrameRate
        self.timeBase = timeBase
        self.rotation = rotation
        self.sampleRate = sampleRate
        self.channels = channels
        self.bitRate = bitRate
        self.durationSeconds = durationSeconds
        self.declaredFrameCount = declaredFrameCount
        self.packetCount = packetCount
        self.frameCount = frameCount
        self.tags = tags
    }
}
