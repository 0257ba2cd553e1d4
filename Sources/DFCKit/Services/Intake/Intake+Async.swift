import Foundation

extension Intake {
    /// `ingest(file:caseID:source:actor:limits:containment:)`, async and cancellable (see `Offload`).
    public func ingest(
        file: String, caseID: String, source: String? = nil, actor: String,
        limits: MediaLimits = .standard, containment: Containment
    ) async throws -> IngestResult {
        try await Offload.cancellable(containment) { contained in
            try self.ingest(file: file, caseID: caseID, source: source, actor: actor, limits: limits, containment: contained)
        }
    }
}
