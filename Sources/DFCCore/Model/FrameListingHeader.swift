import Foundation

/// The header of a frame listing: which exhibit and stream, and how FFmpeg's framehash names it.
public struct FrameListingHeader: Sendable {
    /// The exhibit.
    public var exhibit: ExhibitID
    /// The stream listed.
    public var stream: StreamInfo
    /// The time base FFmpeg's CLI gives the stream's framehash (`num/den`).
    public var framehashTimeBase: String
    /// The container's start time in seconds (FFmpeg's CLI shifts timestamps by it).
    public var containerStartSeconds: Double?
    /// The FFmpeg libraries that decoded it.
    public var libraries: String
    /// Where the stream's pictures change size or pixel format, and to what (the
    /// `picture_format_changed` findings): from each, stock ffmpeg reproduces the lines
    /// only with the options `reproduction` names.
    public var pictureChanges: [Finding] = []
    /// Whether the exhibit was decoded on one thread (its decoder reported damage):
    /// stock ffmpeg reproduces the listing with `-threads 1` before `-i`.
    public var singleThreaded = false
    /// Which analysis of the exhibit is listed (1 is the one made at ingest).
    public var analysis = 1

    /// The options to add to the README's ffmpeg command so that it reproduces every line
    /// (a size change), or the lines of the pictures in each format (a pixel-format change,
    /// one run per `-pix_fmt`). Empty when the plain command reproduces the listing.
    public var reproduction: [String] {
        let threads = singleThreaded ? "-threads 1 (before -i)" : nil
        guard !pictureChanges.isEmpty else { return threads.map { [$0] } ?? [] }
        var formats: [String] = []
        for name in [stream.pixelFormat].compactMap({ $0 }) + pictureChanges.compactMap(\.pictureFormat) where !formats.contains(name) {
            formats.append(name)
        }
        let options = formats.count > 1 ? formats.map { "-autoscale 0 -pix_fmt \($0)" } : ["-autoscale 0"]
        return options.map { [threads, $0].compactMap { $0 }.joined(separator: " ") }
    }

    package init(exhibit: ExhibitID, stream: StreamInfo, framehashTimeBase: String, containerStartSeconds: Double? = nil, libraries: String, pictureChanges: [Finding] = [], singleThreaded: Bool = false, analysis: Int = 1) {
        self.exhibit = exhibit
        self.stream = stream
        self.framehashTimeBase = framehashTimeBase
        self.containerStartSeconds = containerStartSeconds
        self.libraries = libraries
        self.pictureChanges = pictureChanges
        self.singleThreaded = singleThreaded
        self.analysis = analysis
    }
}
