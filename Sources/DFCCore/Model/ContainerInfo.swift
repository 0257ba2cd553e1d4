/// What the container says about itself, as FFmpeg's demuxer reads it.
public struct ContainerInfo: Sendable, Codable, Equatable {
    /// FFmpeg's short name of the demuxer (`mov,mp4,m4a,3gp,3g2,mj2`, `mpegts`, `h264`, …).
    public var format: String
    /// FFmpeg's long name of the demuxer.
    public var formatLongName: String
    /// Duration in seconds, when the container declares or FFmpeg estimates one.
    public var durationSeconds: Double?
    /// Start time in seconds.
    public var startSeconds: Double?
    /// Overall bit rate in bits per second.
    public var bitRate: Int64?
    /// Container tags: `creation_time`, `make`, `model`, `location`, `encoder`, …
    public var tags: [String: String]
    /// What the file's C2PA Content Credentials say (MP4, MOV, JPEG, PNG, HEIC, WebP, AVIF); nil for
    /// other formats and for exhibits analysed before DFC checked them.
    public var contentCredentials: ContentCredentials?

    package init(format: String, formatLongName: String, durationSeconds: Double? = nil, startSeconds: Double? = nil, bitRate: Int64? = nil, tags: [String: String]) {
        self.format = format
        self.formatLongName = formatLongName
        self.durationSeconds = durationSeconds
        self.startSeconds = startSeconds
        self.bitRate = bitRate
        self.tags = tags
    }
}
