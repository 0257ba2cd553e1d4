import Foundation

extension Integrity {
    /// `audit(actor:checkpoints:)`, async: minutes on a long log, on a thread of its own (see `Offload`).
    public func audit(actor: String, checkpoints: [Checkpoint] = []) async throws -> AuditReport {
        try await Offload.offload { try self.audit(actor: actor, checkpoints: checkpoints) }
    }
}
