import DFCCore

/// What a worker proposing redactions is asked for: faces found on every `step`-th picture of
/// one video stream, each picture scaled to at most `analysisWidth` for the detector, with the
/// model read from `model` before the worker confines itself.
package struct DetectionRequest: Sendable, Codable, Equatable {
    package var stream: Int
    package var step: Int
    package var threshold: Double
    package var analysisWidth: Int
    package var model: String
    /// The most thumbnails (crops of detected faces) the worker writes for the review sheet.
    package var maxCrops: Int

    package init(stream: Int, step: Int, threshold: Double = 0.4, analysisWidth: Int = 640, model: String, maxCrops: Int = 2000) {
        self.stream = stream
        self.step = step
        self.threshold = threshold
        self.analysisWidth = analysisWidth
        self.model = model
        self.maxCrops = maxCrops
    }
}

/// What a worker rendering a redacted release is asked for: the plan (validated by the parent)
/// and the encoder settings, which the parent records so that the release can be rendered again.
package struct RenderRequest: Sendable, Codable, Equatable {
    package var plan: RedactionPlan
    package var settings: RedactionRenderSettings

    package init(plan: RedactionPlan, settings: RedactionRenderSettings) {
        self.plan = plan
        self.settings = settings
    }
}
