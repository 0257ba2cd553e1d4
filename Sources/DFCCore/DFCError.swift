import Foundation

/// Why DFC could not do what it was asked, or why the answer is no.
///
/// A value with a stable machine-readable `code` (`DFCError.Code`, a string such as `store_missing`),
/// its context (the file, exhibit, store or engine concerned, and the reason, by name) and a one-line
/// message that names them. New codes are added as new static values, never as enum cases, so a caller's
/// code keeps compiling; compare with `==` on `code`:
///
/// ```swift
/// do { try store.reading.exhibit("EX-9", actor: me) }
/// catch let error as DFCError where error.code == .exhibitNotFound { … }
/// ```
///
/// `outcome` tells an answer (the thing asked about does not exist) from a failure to look (no store,
/// an engine that cannot be reached, no permission), which the `dfc` command turns into different exit
/// statuses.
public struct DFCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable string (snake_case), for scripts and other systems.
    public let code: Code
    /// The values the message names, by name: `path`, `reason`, `exhibit`, `actor`, `vault`, …
    public let context: [String: String]
    /// One line naming the file, exhibit or store concerned and the reason.
    public let description: String

    /// Makes an error; `context` holds what `description` names.
    public init(_ code: Code, _ description: String, context: [String: String] = [:]) {
        self.code = code
        self.description = description
        self.context = context
    }

    /// Whether the error is an answer or a failure to look, and of which kind.
    public var outcome: Outcome { code.outcome }
}

extension DFCError: LocalizedError {
    public var errorDescription: String? { description }
}

extension DFCError {
    /// A stable code for a `DFCError`: the string is the contract; the set grows without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// What kind of outcome errors of this code are.
        public let outcome: Outcome

        public init(rawValue: String) {
            self.rawValue = rawValue
            outcome = Self.known[rawValue] ?? .failed
        }

        init(_ rawValue: String, _ outcome: Outcome) {
            self.rawValue = rawValue
            self.outcome = outcome
        }

        public var description: String { rawValue }

        public static func == (a: Code, b: Code) -> Bool { a.rawValue == b.rawValue }
        public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

        public static let inputMissing = Code("input_missing", .missingInput)
        public static let inputIsDirectory = Code("input_is_directory", .usage)
        public static let inputNotRegularFile = Code("input_not_regular_file", .usage)
        public static let inputUnreadable = Code("input_unreadable", .io)
        public static let inputEmpty = Code("input_empty", .dataError)
        public static let storeIsNotDirectory = Code("store_is_not_directory", .missingInput)
        public static let storeMissing = Code("store_missing", .missingInput)
        public static let storeIO = Code("store_io", .io)
        public static let catalog = Code("catalog", .unavailable)
        public static let actorMissing = Code("actor_missing", .usage)
        public static let invalidReference = Code("invalid_reference", .usage)
        public static let exhibitNotFound = Code("exhibit_not_found", .no)
        public static let ambiguousReference = Code("ambiguous_reference", .usage)
        public static let streamNotFound = Code("stream_not_found", .no)
        public static let invalidArgument = Code("invalid_argument", .usage)
        public static let actorNotRegistered = Code("actor_not_registered", .notPermitted)
        public static let actorExists = Code("actor_exists", .exists)
        public static let actorRecordAltered = Code("actor_record_altered", .dataError)
        public static let invalidActorName = Code("invalid_actor_name", .usage)
        public static let notPermitted = Code("not_permitted", .notPermitted)
        public static let keyFile = Code("key_file", .notPermitted)
        public static let eventNotFound = Code("event_not_found", .no)
        public static let batchNotFound = Code("batch_not_found", .no)
        public static let analysisNotFound = Code("analysis_not_found", .no)
        public static let checkpoint = Code("checkpoint", .dataError)
        public static let extractionFailed = Code("extraction_failed", .dataError)
        public static let vault = Code("vault", .unavailable)
        public static let vaultObjectMissing = Code("vault_object_missing", .dataError)
        public static let cancelled = Code("cancelled", .cancelled)
        public static let actorRevoked = Code("actor_revoked", .notPermitted)
        public static let leaseLost = Code("lease_lost", .busy)
        public static let storeDescriptor = Code("store_descriptor", .configuration)
        public static let destinationExists = Code("destination_exists", .exists)
        public static let catalogNotReady = Code("catalog_not_ready", .configuration)
        public static let catalogDamaged = Code("catalog_damaged", .dataError)
        /// The catalog was busy: a lock another writer held, or every connection of the pool, not free in time.
        public static let catalogBusy = Code("catalog_busy", .busy)
        /// A redaction plan that cannot be recorded or rendered as it stands (the reason says why).
        public static let planRefused = Code("plan_refused", .dataError)

        static let all: [Code] = [
            inputMissing, inputIsDirectory, inputNotRegularFile, inputUnreadable, inputEmpty, storeIsNotDirectory, storeMissing,
            storeIO, catalog, actorMissing, invalidReference, exhibitNotFound, ambiguousReference, streamNotFound, invalidArgument,
            actorNotRegistered, actorExists, actorRecordAltered, invalidActorName, notPermitted, keyFile, eventNotFound, batchNotFound,
            analysisNotFound, checkpoint, extractionFailed, vault, vaultObjectMissing, cancelled, actorRevoked, leaseLost, storeDescriptor,
            destinationExists, catalogNotReady, catalogDamaged, catalogBusy, planRefused,
        ]
        static let known: [String: Outcome] = Dictionary(all.map { ($0.rawValue, $0.outcome) }, uniquingKeysWith: { a, _ in a })
    }

    /// What an error means to whoever asked: the answer is no, or DFC could not look (and why).
    /// The `dfc` command's exit status is `exitStatus`: 1 for `no`, never 1 for the others.
    public enum Outcome: String, Sendable, CaseIterable {
        /// The answer is no: the exhibit, event, stream, analysis or batch asked for does not exist.
        case no
        /// The request itself is wrong: a bad argument or reference, no actor named.
        case usage
        /// Something given to DFC (a checkpoint, a file, a vault copy) is not what it must be.
        case dataError = "data_error"
        /// An input file or the store is not there.
        case missingInput = "missing_input"
        /// A catalog or vault engine refused or could not be reached.
        case unavailable
        /// Reading or writing a file failed.
        case io
        /// The catalog is busy (a lock not released in time) or a lease passed to another host: try again.
        case busy
        /// The actor may not do this, is not registered, is revoked, or its key is unusable.
        case notPermitted = "not_permitted"
        /// What was to be created exists already.
        case exists
        /// The store's configuration (`store.json`, an engine URL) is not usable.
        case configuration
        /// The caller cancelled it; nothing was recorded.
        case cancelled
        /// Anything else.
        case failed

        /// The exit status the `dfc` command ends with (sysexits(3) for the failures to look).
        public var exitStatus: Int32 {
            switch self {
            case .no: 1
            case .usage: 64
            case .dataError: 65
            case .missingInput: 66
            case .unavailable: 69
            case .failed: 70
            case .exists: 73
            case .io: 74
            case .busy: 75
            case .notPermitted: 77
            case .configuration: 78
            case .cancelled: 130
            }
        }
    }
}

// The errors DFC raises, by code, each with its message.
extension DFCError {
    /// The input path does not exist.
    public static func inputMissing(path: String) -> DFCError {
        DFCError(.inputMissing, "\(path): no such file", context: ["path": path])
    }
    /// The input path is a directory, not a file.
    public static func inputIsDirectory(path: String) -> DFCError {
        DFCError(.inputIsDirectory, "\(path): is a directory, not a file", context: ["path": path])
    }
    /// The input is not a regular file (a device, a socket, a FIFO).
    public static func inputNotRegularFile(path: String) -> DFCError {
        DFCError(.inputNotRegularFile, "\(path): not a regular file", context: ["path": path])
    }
    /// The input exists but cannot be read.
    public static func inputUnreadable(path: String, reason: String) -> DFCError {
        DFCError(.inputUnreadable, "\(path): cannot be read: \(reason)", context: ["path": path, "reason": reason])
    }
    /// The input has no bytes at all: there is nothing to preserve.
    public static func inputEmpty(path: String) -> DFCError {
        DFCError(.inputEmpty, "\(path): is empty (0 bytes): there is nothing to preserve", context: ["path": path])
    }
    /// The store path exists and is not a directory.
    public static func storeIsNotDirectory(path: String) -> DFCError {
        DFCError(.storeIsNotDirectory, "\(path): the store path exists and is not a directory", context: ["path": path])
    }
    /// There is no store at the path.
    public static func storeMissing(path: String) -> DFCError {
        DFCError(.storeMissing, "\(path): no DFC store here (`dfc ingest` creates one)", context: ["path": path])
    }
    /// The store could not be read or written.
    public static func storeIO(path: String, reason: String) -> DFCError {
        DFCError(.storeIO, "\(path): \(reason)", context: ["path": path, "reason": reason])
    }
    /// The catalog refused an operation or could not be reached.
    public static func catalog(path: String, reason: String) -> DFCError {
        DFCError(.catalog, "\(path): catalog error: \(reason)", context: ["path": path, "reason": reason])
    }
    /// The catalog was busy (a lock or the connection pool not free in time); nothing was recorded: try again.
    public static func catalogBusy(path: String, reason: String) -> DFCError {
        DFCError(.catalogBusy, "\(path): catalog busy: \(reason)", context: ["path": path, "reason": reason])
    }
    /// No actor was named: every access to evidence must be attributable.
    public static let actorMissing = DFCError(.actorMissing,
        "no actor named: pass --actor NAME or set DFC_ACTOR; every access to evidence must be attributable")
    /// The reference is neither an exhibit number nor a SHA-256 (or a prefix of at least 12 hex digits).
    public static func invalidReference(_ reference: String) -> DFCError {
        DFCError(.invalidReference, "\(reference): not an exhibit number (EX-000001) or a SHA-256 (64 hex digits, or a unique prefix of at least 12)",
                 context: ["reference": reference])
    }
    /// No exhibit matches the reference.
    public static func exhibitNotFound(_ reference: String) -> DFCError {
        DFCError(.exhibitNotFound, "\(reference): no such exhibit", context: ["reference": reference])
    }
    /// More than one exhibit matches a SHA-256 prefix.
    public static func ambiguousReference(_ reference: String, matches: [String]) -> DFCError {
        DFCError(.ambiguousReference, "\(reference): matches \(matches.count) exhibits (\(matches.joined(separator: ", "))); give more digits",
                 context: ["reference": reference, "matches": matches.joined(separator: ",")])
    }
    /// The exhibit has no stream with that index, or no video stream at all.
    public static func streamNotFound(exhibit: String, stream: Int?) -> DFCError {
        DFCError(.streamNotFound, stream.map { "\(exhibit): has no stream \($0)" } ?? "\(exhibit): has no decoded video stream",
                 context: ["exhibit": exhibit, "stream": stream.map(String.init) ?? ""])
    }
    /// An argument (a case identifier, a source, a hash, a time) was empty or malformed.
    public static func invalidArgument(_ reason: String) -> DFCError {
        DFCError(.invalidArgument, reason, context: ["reason": reason])
    }
    /// The named actor is not registered in this store: it cannot act.
    public static func actorNotRegistered(name: String, store: String) -> DFCError {
        DFCError(.actorNotRegistered, "\(name): not a registered actor of the store \(store): register with `dfc actor add NAME --role ROLE` first",
                 context: ["actor": name, "store": store])
    }
    /// An actor of that name is already registered.
    public static func actorExists(name: String) -> DFCError {
        DFCError(.actorExists, "\(name): an actor of that name is already registered", context: ["actor": name])
    }
    /// The actor's row in the catalog disagrees with the signed event that registered it.
    public static func actorRecordAltered(name: String, event: Int64) -> DFCError {
        DFCError(.actorRecordAltered, "actor \(name): the actor table disagrees with the actor_registered event "
            + "(custody event \(event)) that registered it (its name, role or key was altered by hand): refused; run dfc audit",
                 context: ["actor": name, "event": String(event)])
    }
    /// The actor name cannot be used.
    public static func invalidActorName(name: String, reason: String) -> DFCError {
        DFCError(.invalidActorName, "\(name): cannot be an actor name: \(reason)", context: ["actor": name, "reason": reason])
    }
    /// The actor's role does not allow what was asked.
    public static func notPermitted(actor: String, role: ActorRole, action: String) -> DFCError {
        DFCError(.notPermitted, "\(actor) (\(role.rawValue)) may not \(action)", context: ["actor": actor, "role": role.rawValue, "action": action])
    }
    /// An actor's private key file is missing, unreadable, too open, or does not match the registered key.
    public static func keyFile(path: String, reason: String) -> DFCError {
        DFCError(.keyFile, "\(path): \(reason)", context: ["path": path, "reason": reason])
    }
    /// No custody event has that number.
    public static func eventNotFound(_ seq: Int64) -> DFCError {
        DFCError(.eventNotFound, "custody event \(seq): no such event", context: ["event": String(seq)])
    }
    /// No batch has that name.
    public static func batchNotFound(_ id: String) -> DFCError {
        DFCError(.batchNotFound, "\(id): no such batch", context: ["batch": id])
    }
    /// The exhibit has no analysis with that number.
    public static func analysisNotFound(exhibit: String, number: Int, count: Int) -> DFCError {
        DFCError(.analysisNotFound, "\(exhibit): has no analysis \(number) (it has \(count): 1 made at ingest"
            + (count == 1 ? ")" : count == 2 ? ", 2 by reanalyze)" : ", 2 to \(count) by reanalyze)"),
                 context: ["exhibit": exhibit, "analysis": String(number), "analyses": String(count)])
    }
    /// A checkpoint cannot be read, is not validly signed, or is not one this log extends.
    public static func checkpoint(source: String, reason: String) -> DFCError {
        DFCError(.checkpoint, "\(source): \(reason)", context: ["source": source, "reason": reason])
    }
    /// Pictures of an exhibit could not be extracted; nothing was registered or written.
    public static func extractionFailed(exhibit: String, reason: String) -> DFCError {
        DFCError(.extractionFailed, "\(exhibit): nothing was extracted: \(reason)", context: ["exhibit": exhibit, "reason": reason])
    }
    /// The vault's engine (an S3 bucket) refused or could not be reached; `vault` names it.
    public static func vault(vault: String, reason: String) -> DFCError {
        DFCError(.vault, "\(vault): \(reason)", context: ["vault": vault, "reason": reason])
    }
    /// The vault holds nothing under a key the catalog registered.
    public static func vaultObjectMissing(key: String, vault: String) -> DFCError {
        DFCError(.vaultObjectMissing, "\(vault): has nothing at \(key)", context: ["vault": vault, "key": key])
    }
    /// The caller cancelled the operation (an async task cancelled); nothing was recorded.
    public static let cancelled = DFCError(.cancelled, "cancelled: the worker was stopped and nothing was recorded")
    /// The actor's registration was revoked (by the custody event named); it signs nothing more.
    public static func actorRevoked(name: String, event: Int64, reason: String) -> DFCError {
        DFCError(.actorRevoked, "\(name): this actor was revoked by custody event \(event) (\(reason)) and may sign nothing more; nothing was recorded",
                 context: ["actor": name, "event": String(event), "reason": reason])
    }
    /// A queued job's lease passed to another host (or the job was cancelled) before this host recorded it.
    public static func leaseLost(job: Int64, reason: String) -> DFCError {
        DFCError(.leaseLost, "job \(job): \(reason); nothing of it was recorded by this host", context: ["job": String(job), "reason": reason])
    }
    /// A redaction plan refused: for another exhibit, regions outside the picture, frames outside the
    /// stream, undecided tracks at render, a version that overlaps another. Nothing was recorded.
    public static func planRefused(exhibit: String, reason: String) -> DFCError {
        DFCError(.planRefused, "\(exhibit): the redaction plan is refused: \(reason); nothing was recorded",
                 context: ["exhibit": exhibit, "reason": reason])
    }
    /// Where DFC was to write (an output file or folder) exists already: DFC never writes over anything.
    public static func destinationExists(path: String, reason: String) -> DFCError {
        DFCError(.destinationExists, "\(path): \(reason)", context: ["path": path, "reason": reason])
    }
    /// The catalog holds what DFC did not write: a row it cannot read, a schema object it did not make, rows
    /// that read back otherwise than written, a tree node for events that do not exist. Nothing was recorded.
    public static func catalogDamaged(path: String, reason: String) -> DFCError {
        DFCError(.catalogDamaged, "\(path): catalog error: \(reason)", context: ["path": path, "reason": reason])
    }
    /// The catalog's database lacks something only its administrator can give (`reason` holds the SQL to run).
    public static func catalogNotReady(catalog: String, reason: String) -> DFCError {
        DFCError(.catalogNotReady, "\(catalog): \(reason)", context: ["catalog": catalog, "reason": reason])
    }
    /// The store's descriptor (`store.json`) or an engine URL given for it is not usable.
    public static func storeDescriptor(path: String, reason: String) -> DFCError {
        DFCError(.storeDescriptor, "\(path): \(reason)", context: ["path": path, "reason": reason])
    }
}

/// `strerror` for the current `errno`.
package func errnoDescription(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
