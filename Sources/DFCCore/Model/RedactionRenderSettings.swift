/// How a redacted release is encoded: recorded in its custody event, so that `dfc redact --replay`
/// renders it again with exactly these settings. H.264 by libx264 through libavcodec with a fixed
/// number of threads (x264 is deterministic for a given thread count), AAC by FFmpeg's own encoder,
/// in an MP4 written with FFmpeg's bit-exact flags (no creation time, no library version tags).
public struct RedactionRenderSettings: Sendable, Codable, Equatable {
    /// The video encoder (`libx264`).
    public var videoEncoder: String
    /// x264's preset.
    public var preset: String
    /// x264's constant rate factor.
    public var crf: Int
    /// x264's threads (fixed: its output depends on them).
    public var threads: Int
    /// The longest run of pictures between two keyframes.
    public var keyframeInterval: Int
    /// The audio encoder (FFmpeg's `aac`).
    public var audioEncoder: String
    /// The audio bit rate, bits a second.
    public var audioBitRate: Int
    /// The FFmpeg libraries the release was rendered with (avcodec, avformat, swscale, swresample and
    /// x264's build), as the worker reports them: the same plan, original and libraries give the same bytes.
    public var libraries: String?

    /// The settings DFC renders with.
    public static let standard = RedactionRenderSettings(videoEncoder: "libx264", preset: "fast", crf: 18, threads: 4, keyframeInterval: 250,
                                                         audioEncoder: "aac", audioBitRate: 128_000)

    /// Settings.
    public init(videoEncoder: String, preset: String, crf: Int, threads: Int, keyframeInterval: Int, audioEncoder: String,
                audioBitRate: Int, libraries: String? = nil) {
        self.videoEncoder = videoEncoder
        self.preset = preset
        self.crf = crf
        self.threads = threads
        self.keyframeInterval = keyframeInterval
        self.audioEncoder = audioEncoder
        self.audioBitRate = audioBitRate
        self.libraries = libraries
    }

    /// The `ffmpeg` options that encode the same way (for a comparison, or a court expert's own render).
    public var ffmpegArguments: [String] {
        ["-c:v", videoEncoder, "-preset", preset, "-crf", String(crf), "-threads", String(threads), "-g", String(keyframeInterval),
         "-pix_fmt", "yuv420p", "-c:a", audioEncoder, "-b:a", String(audioBitRate), "-fflags", "+bitexact", "-flags:v", "+bitexact",
         "-flags:a", "+bitexact"]
    }
}
