internal import CC2PA
import Foundation
import DFCCore

/// Reads a file's C2PA Content Credentials with c2pa-rs, the reference implementation, through
/// its C API (`libc2pa_c.so`, pinned by `Scripts/install-deps`), loaded at run time: before the
/// worker confines itself, since after it no file may be opened. Every fetch is off (no OCSP,
/// no remote manifest): an evidence system opens no connection (and the worker could not).
package enum ContentCredentialsReader {
    /// The library's file: `$DFC_C2PA_LIBRARY`, else the default search, then /usr/local/lib.
    package static var libraryPath: String? { ProcessInfo.processInfo.environment["DFC_C2PA_LIBRARY"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Loads the library once; nil when it is loaded, else why not. Call it before confinement.
    @discardableResult
    package static func load() -> String? {
        if dfc_c2pa_loaded() != 0 { return nil }
        var error = [CChar](repeating: 0, count: 512)
        guard dfc_c2pa_load(libraryPath, &error, error.count) == 0 else {
            return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }

    /// The loaded library's version line, or nil.
    package static var library: String? {
        guard dfc_c2pa_loaded() != 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        dfc_c2pa_version(&buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? nil : SingleLine.visible(text)
    }

    /// The MIME type C2PA reads the file open at `descriptor` as, from its first bytes; nil for a
    /// format C2PA does not carry credentials in (or that DFC does not ask it about).
    package static func format(descriptor: Int32) -> String? {
        var head = [UInt8](repeating: 0, count: 32)
        let count = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 12 else { return nil }
        if head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return "image/jpeg" }
        if head[0...7].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head[0...3].elementsEqual(Array("RIFF".utf8)), head[8...11].elementsEqual(Array("WEBP".utf8)) { return "image/webp" }
        if head[4...7].elementsEqual(Array("ftyp".utf8)) {
            switch String(decoding: head[8...11], as: UTF8.self) {
            case "qt  ": return "video/quicktime"
            case "heic", "heix", "heim", "heis", "mif1", "msf1": return "image/heic"
            case "avif": return "image/avif"
            default: return "video/mp4"
            }
        }
        return nil
    }

    /// The credentials of the file open at `descriptor` (read with pread), judged against the C2PA
    /// anchors among `anchors`; nil for a format that carries none.
    package static func read(descriptor: Int32, anchors: [TrustAnchor.Certificate]) -> ContentCredentials? {
        guard let format = format(descriptor: descriptor) else { return nil }
        let judged = anchors.filter { $0.framework == .c2pa }
        if let problem = load() {
            return ContentCredentials(state: .notChecked, reason: "C2PA not checked: the C2PA library (libc2pa_c.so) is not installed here (\(SingleLine.visible(problem)))",
                                      format: format)
        }
        var result = ContentCredentials(state: .unreadable, library: library, format: format, anchorsConsidered: judged.map(\.sha256))
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            result.reason = "cannot size the file: \(errnoDescription())"
            return result
        }
        var json: UnsafeMutablePointer<CChar>?
        var error: UnsafeMutablePointer<CChar>?
        defer { free(json); free(error) }
        guard dfc_c2pa_read(descriptor, Int64(status.st_size), format, settings(judged), &json, &error) == 0, let json else {
            let reason = error.map { String(cString: $0) } ?? "no reason given"
            if reason.contains("ManifestNotFound") || reason.contains("JumbfNotFound") || reason.contains("no JUMBF data") {
                result.state = .notPresent
                result.reason = nil
            } else {
                result.reason = SingleLine.visible(String(reason.prefix(500)))
            }
            return result
        }
        return ContentCredentials.parsed(Data(bytes: json, count: strlen(json)), base: result)
    }

    /// Settings of one read: every fetch off; the lab's C2PA anchors, when it holds any.
    private static func settings(_ anchors: [TrustAnchor.Certificate]) -> String {
        var settings: [String: Any] = ["verify": ["verify_trust": true, "ocsp_fetch": false, "remote_manifest_fetch": false]]
        if !anchors.isEmpty {
            let pem = anchors.map { anchor in
                let body = stride(from: 0, to: anchor.der.count, by: 64).map { offset in
                    let start = anchor.der.index(anchor.der.startIndex, offsetBy: offset)
                    return String(anchor.der[start..<anchor.der.index(start, offsetBy: min(64, anchor.der.count - offset))])
                }
                return "-----BEGIN CERTIFICATE-----\n" + body.joined(separator: "\n") + "\n-----END CERTIFICATE-----\n"
            }.joined()
            settings["trust"] = ["trust_anchors": pem]
        }
        let data = (try? JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
