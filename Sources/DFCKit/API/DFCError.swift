import Foundation

/// Why DFC could not do what it was asked. Each message is one line that names the
/// file, exhibit or store concerned and the reason.
public enum DFCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input path does not exist.
    case inputMissing(path: String)
    /// The input path is a directory, not a file.
    case inputIsDirectory(path: String)
    /// The input is not a regular file (a device, a socket, a FIFO).
    case inputNotRegularFile(path: String)
    /// The input exists but cannot be read.
    case inputUnreadable(path: String, reason: String)
    /// The input has no bytes at all: there is nothing to preserve.
    case inputEmpty(path: String)
    /// The store path exists and is not a directory.
    case storeIsNotDirectory(path: String)
    /// There is no store at the path (only `ingest` creates one).
    case storeMissing(path: String)
    /// The store could not be read or written.
    case storeIO(path: String, reason: String)
    /// The catalog refused an operation.
    case catalog(path: String, reason: String)
    /// No actor was named: every access to evidence must be attributable.
    case actorMissing
    /// The reference is neither an exhibit number nor a SHA-256 (or a prefix of at least 12 hex digits).
    case invalidReference(String)
    /// No exhibit matches the reference.
    case exhibitNotFound(String)
    /// More than one exhibit matches a SHA-256 prefix.
    case ambiguousReference(String, matches: [String])
    /// The exhibit has no stream with that index, or no video stream at all.
    case streamNotFound(exhibit: String, stream: Int?)
    /// A case identifier, source or hash given as a query was empty or malformed.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .inputMissing(let path): "\(path): no such file"
        case .inputIsDirectory(let path): "\(path): is a directory, not a file"
        case .inputNotRegularFile(let path): "\(path): not a regular file"
        case .inputUnreadable(let path, let reason): "\(path): cannot be read: \(reason)"
        case .inputEmpty(let path): "\(path): is empty (0 bytes): there is nothing to preserve"
        case .storeIsNotDirectory(let path): "\(path): the store path exists and is not a directory"
        case .storeMissing(let path): "\(path): no DFC store here (`dfc ingest` creates one)"
        case .storeIO(let path, let reason): "\(path): \(reason)"
        case .catalog(let path, let reason): "\(path): catalog error: \(reason)"
        case .actorMissing: "no actor named: pass --actor NAME or set DFC_ACTOR; every access to evidence must be attributable"
        case .invalidReference(let ref):
            "\(ref): not an exhibit number (EX-000001) or a SHA-256 (64 hex digits, or a unique prefix of at least 12)"
        case .exhibitNotFound(let ref): "\(ref): no such exhibit"
        case .ambiguousReference(let ref, let matches): "\(ref): matches \(matches.count) exhibits (\(matches.joined(separator: ", "))); give more digits"
        case .streamNotFound(let exhibit, let stream):
            stream.map { "\(exhibit): has no stream \($0)" } ?? "\(exhibit): has no decoded video stream"
        case .invalidArgument(let reason): reason
        }
    }
}

extension DFCError: LocalizedError {
    public var errorDescription: String? { description }
}

/// `strerror` for the current `errno`.
func errnoDescription(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
