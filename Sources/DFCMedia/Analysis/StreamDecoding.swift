package import CFFmpeg
import Foundation
import DFCCore

/// The decoder of one video stream and what it has produced so far. Its pictures come out of the
/// one `PictureLoop`, which extraction uses too.
package final class StreamDecoding {
    package let index: Int
    package let decoder: VideoDecoder
    package let diagnostics: MediaDiagnostics
    private let pictures: PictureLoop
    private let timeBase: AVRational
    /// The sample aspect ratio the container declares for the stream (0/1 when it does not).
    private let streamAspectRatio: AVRational
    private var timeline: TimelineChecker
    /// Pictures decoded so far.
    package var frameCount: Int { pictures.count }
    /// Every how many frames one gets a PDQ hash (`PDQSelection`).
    package let pdqInterval: Int
    /// Size and pixel format of a decoded picture, to notice when they change mid-stream.
    private struct Geometry: Equatable, CustomStringConvertible {
        package let width: Int32, height: Int32, format: Int32
        package var formatName: String { av_get_pix_fmt_name(AVPixelFormat(rawValue: format)).map { String(cString: $0) } ?? "format \(format)" }
        package var description: String { "\(width)x\(height) \(formatName)" }
    }
    private var lastGeometry: Geometry?
    /// Geometry and format of the first decoded picture (what the framehash header names).
    package private(set) var firstPicture: (width: Int, height: Int, pixelFormat: String?, sampleAspectRatio: String)?

    package init(stream: UnsafeMutablePointer<AVStream>, index: Int, threads: Int, maxPixels: Int, pdqSecondsPerHash: Double) throws(VideoDecoder.OpenError) {
        self.index = index
        diagnostics = MediaDiagnostics(stream: index)
        decoder = try VideoDecoder(stream: stream, diagnostics: diagnostics, threads: threads, maxPixels: maxPixels)
        pictures = PictureLoop(decoder)
        timeBase = stream.pointee.time_base
        streamAspectRatio = stream.pointee.sample_aspect_ratio
        let rate = stream.pointee.avg_frame_rate.num > 0 ? stream.pointee.avg_frame_rate : stream.pointee.r_frame_rate
        let fps = rate.den > 0 ? Double(rate.num) / Double(rate.den) : nil
        timeline = TimelineChecker(stream: index, declaredFrameRate: fps)
        pdqInterval = PDQSelection.interval(secondsPerHash: pdqSecondsPerHash, fps: fps)
    }

    /// Takes every picture the decoder has ready and queues it for hashing; returns how many.
    package func drain(into pool: FrameHashPool, findings: inout FindingCollector) -> Int {
        let before = pictures.count
        pictures.drain(picture: { frame, frameCount in
            let picture = frame.pointer.pointee
            let pts = picture.best_effort_timestamp == dfc_nopts_value() ? nil : picture.best_effort_timestamp
            let seconds = pts.map { Double($0) * Double(timeBase.num) / Double(timeBase.den) }
            if firstPicture == nil {
                let format = av_get_pix_fmt_name(AVPixelFormat(rawValue: picture.format)).map { String(cString: $0) }
                // As the ffmpeg CLI does, the stream's aspect ratio, where the container declares one, is the picture's.
                let sar = streamAspectRatio.num != 0 ? streamAspectRatio : picture.sample_aspect_ratio
                firstPicture = (Int(picture.width), Int(picture.height), format, "\(sar.num)/\(sar.den)")
            }
            let geometry = Geometry(width: picture.width, height: picture.height, format: picture.format)
            if let previous = lastGeometry, previous != geometry {
                findings.add(Finding(kind: .pictureFormatChanged, severity: .warning, message:
                    "stream \(index): from frame \(frameCount) the pictures are \(geometry), before \(previous); each is hashed "
                    + "as decoded, and stock ffmpeg's framehash reproduces these lines only with -autoscale 0"
                    + (geometry.format != previous.format ? " -pix_fmt \(geometry.formatName)" : "") + " (see the README)",
                    stream: index, frame: frameCount, seconds: seconds))
            }
            lastGeometry = geometry
            if picture.flags & AV_FRAME_FLAG_CORRUPT != 0 || picture.decode_error_flags != 0 {
                findings.add(Finding(kind: .decodeError, severity: .error,
                                     message: "stream \(index): frame \(frameCount) was decoded from damaged data (the decoder concealed the damage)",
                                     stream: index, frame: frameCount, seconds: seconds))
            }
            timeline.observe(frame: frameCount, seconds: seconds, into: &findings)
            let row = FrameRow(
                stream: index, index: frameCount, pts: pts, ptsSeconds: seconds,
                keyFrame: picture.key_frame != 0,
                pictureType: String(UnicodeScalar(UInt8(bitPattern: av_get_picture_type_char(picture.pict_type)))),
                size: 0, sha256: Data())
            pool.submit(FrameHashPool.Job(frame: frame.retainedCopy(), row: row, pdq: frameCount % pdqInterval == 0))
            return true
        }, failed: { error, next in
            findings.add(Finding(kind: .decodeError, severity: .error,
                                 message: "stream \(index): a picture after frame \(next - 1) could not be decoded: \(error)",
                                 stream: index, frame: next))
        })
        return pictures.count - before
    }
}
