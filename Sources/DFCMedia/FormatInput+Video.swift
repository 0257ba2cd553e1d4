internal import CFFmpeg
import DFCCore

extension FormatInput {
    /// Why a file's video stream could not be opened for decoding, in words naming the stream.
    package struct VideoOpenFailure: Error, CustomStringConvertible {
        package let description: String
    }

    /// Opens the file at `descriptor` (taken over) and a decoder for its video stream `stream`: what
    /// extraction, face detection and redaction renders all start from.
    package static func openVideo(descriptor: Int32, stream: Int, limits: MediaLimits, decoderThreads: Int) throws(VideoOpenFailure)
        -> (input: FormatInput, decoder: VideoDecoder) {
        let input: FormatInput
        do {
            input = try FormatInput(descriptor: descriptor, diagnostics: MediaDiagnostics(), limits: limits)
        } catch {
            throw VideoOpenFailure(description: "FFmpeg cannot open the file: \(error)")
        }
        guard stream >= 0, stream < input.streamCount, input.stream(stream).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO else {
            throw VideoOpenFailure(description: "stream \(stream) is not a video stream of the file")
        }
        do {
            let decoder = try VideoDecoder(stream: input.stream(stream), diagnostics: MediaDiagnostics(stream: stream), threads: decoderThreads,
                                           maxPixels: limits.maxPixels)
            return (input, decoder)
        } catch {
            throw VideoOpenFailure(description: "stream \(stream) cannot be decoded: \(error)")
        }
    }
}
