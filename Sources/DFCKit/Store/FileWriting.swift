import Foundation

/// Writing to a file descriptor completely.
enum FileWriting {
    /// Writes every byte, going on after partial writes and interrupted calls; false (with
    /// `errno` set) when the system refuses (a full disk, say).
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }
}
