import Foundation

/// Prints a frame listing in the layout of FFmpeg's `framehash` muxer (version 2, SHA-256),
/// so that it can be compared line for line with
/// `ffmpeg -i FILE -map 0:v:0 -fps_mode passthrough -noautorotate -f framehash -hash sha256 -`.
///
/// The hash and size columns are the decoded pictures'. The timestamps are rescaled the way
/// FFmpeg's command-line tool does it: shifted by the container's start time and counted in
/// the inverse of the stream's guessed frame rate.
public enum FramehashFormat {
    /// The header lines, each ending in a newline.
    public static func header(_ listing: FrameListingHeader) -> String {
        let stream = listing.stream
        let software = listing.libraries.split(separator: ",").first.map { part -> String in
            let version = part.split(separator: " ").last.map(String.init) ?? ""
            return "Lavf" + version
        } ?? "DFC"
        return """
            #format: frame checksums
            #version: 2
            #hash: SHA256
            #software: \(software)
            #tb 0: \(listing.framehashTimeBase)
            #media_type 0: video
            #codec_id 0: rawvideo
            #dimensions 0: \(stream.width ?? 0)x\(stream.height ?? 0)
            #sar 0: \(stream.sampleAspectRatio ?? "0/1")
            #stream#, dts,        pts, duration,     size, hash

            """
    }

    /// One frame's line, ending in a newline.
    public static func line(_ frame: FrameEntry, _ listing: FrameListingHeader) -> String {
        let pts = outputTimestamp(frame, listing) ?? frame.index
        return "0, " + pad(pts, 10) + ", " + pad(pts, 10) + ", " + pad(1, 8) + ", " + pad(frame.size, 8) + ", " + frame.sha256 + "\n"
    }

    package static func outputTimestamp(_ frame: FrameEntry, _ listing: FrameListingHeader) -> Int? {
        guard let seconds = frame.ptsSeconds else { return nil }
        let tb = listing.framehashTimeBase.split(separator: "/").compactMap { Double($0) }
        guard tb.count == 2, tb[0] > 0, tb[1] > 0 else { return nil }
        let start = listing.containerStartSeconds ?? 0
        return Int(((seconds - start) * tb[1] / tb[0]).rounded(.toNearestOrEven))
    }

    private static func pad<T: BinaryInteger>(_ value: T, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
