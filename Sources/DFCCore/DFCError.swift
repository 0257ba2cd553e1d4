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
    /// The named actor is not registered in this store: it cannot act.
    case actorNotRegistered(name: String, store: String)
    /// An actor of that name is already registered.
    case actorExists(name: String)
    /// The actor's row in the catalog disagrees with the signed event that registered it.
    case actorRecordAltered(name: String, event: Int64)
    /// The actor name cannot be used.
    case invalidActorName(name: String, reason: String)
    /// The actor's role does not allow what was asked.
    case notPermitted(actor: String, role: ActorRole, action: String)
    /// An actor's private key file is missing, unreadable, too open, or does not match the registered key.
    case keyFile(path: String, reason: String)
    /// No custody event has that number.
    case eventNotFound(Int64)
    /// No batch has that name.
    case batchNotFound(String)
    /// The exhibit has no analysis with that number.
    case analysisNotFound(exhibit: String, number: Int, count: Int)
    /// A checkpoint cannot be read, is not validly signed, or is not one this log extends.
    case checkpoint(source: String, reason: String)
    /// Pictures of an exhibit could not be extracted; nothing was registered or written.
    case extractionFailed(exhibit: String, reason: String)
    /// The vault's engine (an S3 bucket) refused or could not be reached; `vault` names it.
    case vault(vault: String, reason: String)
    /// The vault holds nothing under a key the catalog registered.
    case vaultObjectMissing(key: String, vault: String)
    /// The caller cancelled the operation (an async task cancelled); nothing was recorded.
    case cancelled
    /// The actor's registration was revoked (by the custody event named); it signs nothing more.
    case actorRevoked(name: String, event: Int64, reason: String)
    /// A queued job's lease passed to another host (or the job was cancelled) before this host recorded it.
    case leaseLost(job: Int64, reason: String)
    /// The store's descriptor (`store.json`) or an engine URL given for it is not usable.
    case storeDescriptor(path: String, reason: String)

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
        case .actorNotRegistered(let name, let store):
            "\(name): not a registered actor of the store \(store): register with `dfc actor add NAME --role ROLE` first"
        case .actorExists(let name): "\(name): an actor of that name is already registered"
        case .actorRecordAltered(let name, let event): "actor \(name): the actor table disagrees with the actor_registered event "
            + "(custody event \(event)) that registered it (its name, role or key was altered by hand): refused; run dfc audit"
        case .invalidActorName(let name, let reason): "\(name): cannot be an actor name: \(reason)"
        case .notPermitted(let actor, let role, let action): "\(actor) (\(role.rawValue)) may not \(action)"
        case .keyFile(let path, let reason): "\(path): \(reason)"
        case .eventNotFound(let seq): "custody event \(seq): no such event"
        case .batchNotFound(let id): "\(id): no such batch"
        case .analysisNotFound(let exhibit, let number, let count):
            "\(exhibit): has no analysis \(number) (it has \(count): 1 made at ingest"
                + (count == 1 ? ")" : count == 2 ? ", 2 by reanalyze)" : ", 2 to \(count) by reanalyze)")
        case .checkpoint(let source, let reason): "\(source): \(reason)"
        case .extractionFailed(let exhibit, let reason): "\(exhibit): nothing was extracted: \(reason)"
        case .vault(let vault, let reason): "\(vault): \(reason)"
        case .cancelled: "cancelled: the worker was stopped and nothing was recorded"
        case .actorRevoked(let name, let event, let reason):
            "\(name): this actor was revoked by custody event \(event) (\(reason)) and may sign nothing more; nothing was recorded"
        case .leaseLost(let job, let reason): "job \(job): \(reason); nothing of it was recorded by this host"
        case .vaultObjectMissing(let key, let vault): "\(vault): has nothing at \(key)"
        case .storeDescriptor(let path, let reason): "\(path): \(reason)"
        }
    }
}

extension DFCError: LocalizedError {
    public var errorDescription: String? { description }
}

/// `strerror` for the current `errno`.
package func errnoDescription(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
