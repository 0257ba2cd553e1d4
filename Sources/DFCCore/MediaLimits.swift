/// The bounds DFC keeps while reading one file, so that a hostile or broken file cannot
/// exhaust the machine. The defaults pass every real camera file (8K pictures, hours of
/// footage, dozens of streams) and stop bombs; each limit reached is a finding.
public struct MediaLimits: Sendable, Codable, Equatable {
    /// Largest picture a decoder may allocate, in pixels (8K UHD is 33 million).
    public var maxPixels = 8192 * 8192
    /// Most streams a container may declare.
    public var maxStreams = 100
    /// Bytes the demuxer may read to recognise the format and its streams.
    public var probeBytes: Int64 = 32 << 20
    /// Media time the demuxer may read to find every stream's parameters, in microseconds.
    public var analyzeMicroseconds: Int64 = 30_000_000
    /// Largest single packet, in bytes.
    public var maxPacketBytes = 256 << 20
    /// Empty packets in a row after which the file is taken to loop without end.
    public var maxEmptyPacketsInARow = 100_000
    /// Wall-clock seconds one file may take to read and decode.
    public var maxSeconds: Double = 24 * 3600

    /// The defaults.
    public static let standard = MediaLimits()

    /// The defaults; change the fields you need.
    public init() {}
}
