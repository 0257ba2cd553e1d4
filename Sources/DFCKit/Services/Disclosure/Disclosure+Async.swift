import Foundation

extension Disclosure {
    /// `extractFrames(of:selection:stream:applyRotation:to:actor:limits:containment:)`, async and cancellable (see `Offload`).
    public func extractFrames(
        of reference: String, selection: FrameSelection, stream: Int? = nil, applyRotation: Bool = true, to directory: String,
        actor: String, limits: MediaLimits = .standard, containment: Containment
    ) async throws -> FrameExtraction {
        try await Offload.cancellable(containment) { contained in
            try self.extractFrames(of: reference, selection: selection, stream: stream, applyRotation: applyRotation, to: directory,
                                   actor: actor, limits: limits, containment: contained)
        }
    }
}
