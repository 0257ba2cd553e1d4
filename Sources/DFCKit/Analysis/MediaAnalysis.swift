/// Everything one pass over a file found, apart from the packet and frame rows
/// (which stream out as they are made).
struct MediaAnalysis: Sendable, Codable {
    /// The container's parameters; nil when FFmpeg could not open the file at all.
    var container: ContainerInfo?
    var streams: [StreamInfo]
    /// For each video stream, the time base FFmpeg's CLI gives its framehash, `num/den`.
    var framehashTimeBases: [Int: String]
    var findings: [Finding]
    var packetCount: Int
    var frameCount: Int
    /// The FFmpeg libraries that read and decoded it.
    var libraries: String
    /// How the process that made it was confined (`Confinement.summary`), as that process
    /// reported it; nil when the analysis ran in the caller's own process.
    var confinement: String? = nil
    /// For each video stream with PDQ hashes, every how many decoded frames one is taken
    /// (`PDQSelection.interval`), and the seconds per hash asked for.
    var pdqIntervals: [Int: Int] = [:]
    var pdqSecondsPerHash: Double = PDQSelection.defaultSecondsPerHash
}
