import Foundation

/// Async entry points for a server that hosts the store (SwiftNIO, Hummingbird): each runs the
/// work on a thread of the library's own, never on the caller's executor, and a cancelled task
/// stops it — the worker decoding the footage is killed at once, nothing is recorded, and the
/// call throws `CancellationError`. Give a `Containment` without a launcher (a process with
/// threads of its own must not fork): its worker is then waited for, and killed, here.
extension EvidenceStore {
    /// `ingest(file:caseID:source:actor:limits:containment:)`, async and cancellable.
    public func ingest(
        file: String, caseID: String, source: String? = nil, actor: String,
        limits: MediaLimits = .standard, containment: Containment
    ) async throws -> IngestResult {
        try await cancellable(containment) { contained in
            try self.ingest(file: file, caseID: caseID, source: source, actor: actor, limits: limits, containment: contained)
        }
    }

    /// `extractFrames(of:selection:stream:applyRotation:to:actor:limits:containment:)`, async and cancellable.
    public func extractFrames(
        of reference: String, selection: FrameSelection, stream: Int? = nil, applyRotation: Bool = true, to directory: String,
        actor: String, limits: MediaLimits = .standard, containment: Containment
    ) async throws -> FrameExtraction {
        try await cancellable(containment) { contained in
            try self.extractFrames(of: reference, selection: selection, stream: stream, applyRotation: applyRotation, to: directory,
                                   actor: actor, limits: limits, containment: contained)
        }
    }

    /// `audit(actor:checkpoints:)`, async: minutes on a long log, on a thread of its own.
    public func audit(actor: String, checkpoints: [Checkpoint] = []) async throws -> AuditReport {
        try await Self.offload { try self.audit(actor: actor, checkpoints: checkpoints) }
    }

    /// Runs `body` with a containment whose cancellation is this task's.
    private func cancellable<T: Sendable>(_ containment: Containment, _ body: @escaping @Sendable (Containment) throws -> T) async throws -> T {
        let flag = CancellationFlag()
        var contained = containment
        contained.cancellation = flag
        let work = contained
        return try await withTaskCancellationHandler {
            do {
                return try await Self.offload { try body(work) }
            } catch DFCError.cancelled {
                throw CancellationError()
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Runs blocking work on a new thread and resumes the caller with its result.
    static func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
