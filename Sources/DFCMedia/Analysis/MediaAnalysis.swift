import DFCCore

/// Everything one pass over a file found, apart from the packet and frame rows
/// (which stream out as they are made).
package struct MediaAnalysis: Sendable, Codable {
    /// The container's parameters; nil when FFmpeg could not open the file at all.
    package var container: ContainerInfo?
    package var streams: [StreamInfo]
    /// For each video stream, the time base FFmpeg's CLI gives its framehash, `num/den`.
    package var framehashTimeBases: [Int: String]
    package var findings: [Finding]
    package var packetCount: Int
    package var frameCount: Int
    /// The FFmpeg libraries that read and decoded it.
    package var libraries: String
    /// How the process that made it was confined (`Confinement.summary`), as that process
    /// reported it; nil when the analysis ran in the caller's own process.
    package var confinement: String? = nil
    /// For each video stream with PDQ hashes, every how many decoded frames one is taken
    /// (`PDQSelection.interval`), and the seconds per hash asked for.
    package var pdqIntervals: [Int: Int] = [:]
    package var pdqSecondsPerHash: Double = PDQSelection.defaultSecondsPerHash

    package init(container: ContainerInfo? = nil, streams: [StreamInfo], framehashTimeBases: [Int: String], findings: [Finding], packetCount: Int, frameCount: Int, libraries: String, confinement: String? = nil, pdqIntervals: [Int: Int] = [:], pdqSecondsPerHash: Double = PDQSelection.defaultSecondsPerHash) {
        self.container = container
        self.streams = streams
        self.framehashTimeBases = framehashTimeBases
        self.findings = findings
        self.packetCount = packetCount
        self.frameCount = frameCount
        self.libraries = libraries
        self.confinement = confinement
        self.pdqIntervals = pdqIntervals
        self.pdqSecondsPerHash = pdqSecondsPerHash
    }
}
