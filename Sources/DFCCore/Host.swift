import Foundation

/// This machine's name, from `gethostname` alone: Foundation's `ProcessInfo.hostName`
/// may ask DNS, and DFC opens no network connection.
package enum Host {
    package static var name: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
