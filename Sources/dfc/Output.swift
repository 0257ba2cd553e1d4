import ArgumentParser
import DFCKit
import Foundation

enum DFCKitVersion {
    static let text = DFCVersion.current
}

/// Output helpers shared by the commands.
enum Output {
    /// JSON for machines: snake_case keys, sorted, one object per line.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A note for the examiner on standard error, beside the output it explains.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data(TerminalText.escaped("dfc: note: " + message + "\n").utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(TerminalText.escaped("dfc: error: " + message + "\n").utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.escaped(text).utf8))
    }

    static func finding(_ finding: Finding) -> String {
        "  [\(finding.severity.rawValue)] \(finding.kind.rawValue): \(finding.message)"
    }
}

/// Standard output gathered into chunks of 64 KiB: listings run to millions of lines.
struct BufferedOutput {
    private var text = ""

    /// Adds text (whole lines), writing out what has gathered once it passes 64 KiB.
    mutating func append(_ lines: String) {
        text += lines
        if text.utf8.count > 1 << 16 { flush() }
    }

    /// Writes out what has gathered.
    mutating func flush() {
        Output.write(text)
        text = ""
    }
}

/// Runs a command body: a DFC error is printed as one line and exits 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DFCError {
        Output.error(error.description)
        throw ExitCode.failure
    }
}
