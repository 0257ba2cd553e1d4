internal import CFFmpeg
import Foundation
import DFCCore

/// Routes FFmpeg's log output: error messages about an input DFC is reading go to
/// that input's `MediaDiagnostics`; nothing is printed to the terminal. FFmpeg has one
/// log callback per process: in a host program that uses FFmpeg itself, messages about
/// the host's own contexts are ignored (never dereferenced), not printed.
package enum FFmpegLog {
    private static let installed: Void = {
        dfc_install_log_sink(logSink)
    }()

    /// Installs the callback; safe to call from any thread, any number of times.
    package static func installOnce() { _ = installed }

    /// The FFmpeg libraries' versions, as FFmpeg's own tools print them.
    package static var libraryVersions: String {
        func text(_ name: String, _ version: UInt32) -> String {
            "\(name) \(version >> 16).\((version >> 8) & 0xFF).\(version & 0xFF)"
        }
        return [
            text("libavformat", avformat_version()), text("libavcodec", avcodec_version()),
            text("libavutil", avutil_version()), text("libswscale", swscale_version()),
        ].joined(separator: ", ")
    }
}

private let logSink: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?) -> Void = {
    context, _, line in
    guard let context, let line else { return }
    let source: MediaDiagnostics.Message.Source
    let opaque: UnsafeMutableRawPointer?
    if dfc_is_codec_context(context) != 0 {
        source = .decoder
        opaque = context.assumingMemoryBound(to: AVCodecContext.self).pointee.opaque
    } else if dfc_is_format_context(context) != 0 {
        source = .container
        opaque = context.assumingMemoryBound(to: AVFormatContext.self).pointee.opaque
    } else {
        return
    }
    // Only contexts DFC opened carry a registered diagnostics pointer; a host program's are ignored.
    guard let opaque else { return }
    let text = String(cString: line).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { return }
    MediaDiagnostics.withRegistered(opaque) { $0.record(text, from: source) }
}
