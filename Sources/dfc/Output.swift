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

/// One meaning per flag: a flag renamed keeps its old spelling for one release, hidden from the help, with a
/// note saying what replaced it; giving both, or neither when one is required, is a usage error.
enum RenamedFlag {
    static func value(_ current: String?, _ currentName: String, old: String?, _ oldName: String, required: Bool = true) throws -> String? {
        if current != nil && old != nil { throw ValidationError("give \(currentName) alone (\(oldName) is its old spelling)") }
        if required && current == nil && old == nil { throw ValidationError("missing \(currentName)") }
        return current ?? old
    }

    /// The note for a run that used the old spelling.
    static func note(_ old: String?, _ oldName: String, _ currentName: String, _ why: String) {
        if old != nil { Output.note("\(oldName) is deprecated here and goes in the next release: use \(currentName) (\(why))") }
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

/// Runs a command body. A DFC error is printed as one line (under `--json`, one JSON object with its code) and
/// ends the command with its outcome's exit status: 1 only when the answer is no (no such exhibit), never for
/// "could not look" (no store, an engine out of reach, no permission: sysexits(3) codes). Any other error is an
/// internal failure, 70. See the exit-status table in the CLI reference.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DFCError {
        Output.failure(error)
        throw ExitCode(error.outcome.exitStatus)
    } catch let exit as ExitCode {
        throw exit
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        Output.failure(DFCError(DFCError.Code(rawValue: "internal"), "\(error)"))
        throw ExitCode(DFCError.Outcome.failed.exitStatus)
    }
}

extension Output {
    /// Whether this run asked for JSON (`--json` among the options, before any `--`): then errors are JSON too.
    /// A file named `--json` given after `--` is an argument, not the flag.
    static let wantsJSON = CommandLine.arguments.dropFirst().prefix { $0 != "--" }.contains("--json")

    /// Prints a DFC error on standard error: one line, or under `--json` one JSON object
    /// (`{"error":{"code":…,"outcome":…,"exit_status":…,"message":…,"context":{…}}}`).
    static func failure(_ error: DFCError) {
        guard wantsJSON else { return Output.error(error.description) }
        struct Failure: Encodable {
            struct Body: Encodable { let code: String, outcome: String, exitStatus: Int32, message: String, context: [String: String] }
            let error: Body
        }
        let body = Failure.Body(code: error.code.rawValue, outcome: error.outcome.rawValue, exitStatus: error.outcome.exitStatus,
                                message: error.description, context: error.context)
        FileHandle.standardError.write(Data((json(Failure(error: body)) + "\n").utf8))
    }
}
