import Foundation

extension Redaction {
    /// Where `Scripts/install-deps` puts the CenterFace model; `DFC_FACE_MODEL` names another copy.
    public static var faceModelPath: String {
        ProcessInfo.processInfo.environment["DFC_FACE_MODEL"] ?? "/usr/local/share/dfc/centerface.onnx"
    }

    /// The detector's default confidence threshold: low, because a face it proposes wrongly costs an examiner a
    /// rejection, and one it misses costs a bystander their privacy.
    public static let defaultThreshold = 0.3
    /// The widest picture the detector is given by default (wider pictures are scaled down to it).
    public static let defaultAnalysisWidth = 1280

    /// What `detectFaces` proposed: the plan version it recorded, and the files it wrote for review.
    public struct Proposal: Sendable {
        /// The plan version recorded (every track proposed).
        public var version: RedactionVersion
        /// The proposed plan as JSON (to edit and record with `recordPlan`) and its review sheet (HTML).
        public var planFile: String
        /// The HTML review sheet.
        public var reviewSheet: String
        /// Pictures decoded, and pictures the detector looked at.
        public var decoded: Int
        /// Pictures the detector looked at.
        public var examined: Int
    }

    /// Finds faces in `reference`'s video stream (the first when nil) in a confined worker, joins them into
    /// tracks (`DetectionTracker`), and records the result as a new plan version whose tracks are all
    /// `proposed`; writes that plan as JSON and a self-contained HTML review sheet into `directory`.
    ///
    /// The detector looks at every `step`-th picture (nil: about six a second); the worker reads the
    /// staged vault copy, checked against its registered hashes, like every other reading of an original.
    public func detectFaces(
        of reference: String, stream: Int? = nil, step: Int? = nil, threshold: Double = Self.defaultThreshold,
        analysisWidth: Int = Self.defaultAnalysisWidth, to directory: String, actor: String,
        limits: MediaLimits = .standard, containment: Containment? = nil
    ) throws -> Proposal {
        let signer = try ledger.handler(for: actor, command: "detect faces for a redaction plan")
        try integrity.sweepLeftovers(signer)
        let facts = try facts(reference, stream: stream)
        let name = facts.record.exhibitID.description
        guard facts.width > 0, facts.height > 0, !facts.entries.isEmpty else {
            throw DFCError.planRefused(exhibit: name, reason: "stream \(facts.header.stream.index) has no decoded pictures to look at")
        }
        guard threshold > 0, threshold < 1 else { throw DFCError.invalidArgument("--threshold must be between 0 and 1") }
        guard analysisWidth >= 64, analysisWidth <= 8192 else { throw DFCError.invalidArgument("--detect-width must be 64 to 8192 pixels") }
        let step = max(1, step ?? Int((facts.frameRate / 6).rounded(.down)))
        let latest = try versions(of: facts.record).last?.version
        let destination = try Destination(directory, kind: .folder, store: path).path
        let planName = "\(name)-plan-v\((latest ?? 0) + 1).json", sheetName = "\(name)-review-v\((latest ?? 0) + 1).html"
        try Disclosure.prepareDestination(destination, names: [planName, sheetName])
        let model = Self.faceModelPath
        guard FileManager.default.isReadableFile(atPath: model) else {
            throw DFCError.inputUnreadable(path: model, reason: "the face model is not installed (Scripts/install-deps installs it); nothing was detected")
        }

        let staged = try exhibits.stageVaultCopy(of: facts.record, signer: signer, command: "redact --detect")
        defer { vault.discard(staged) }
        let output = try vault.stagingFile("analysis")
        defer { unlink(output) }
        var job = AnalysisJob(input: staged.temporaryPath, output: output, limits: limits, confine: containment != nil,
                              decoderThreads: facts.header.singleThreaded ? 1 : containment?.decoderThreads ?? 0)
        job.detection = DetectionRequest(stream: facts.header.stream.index, step: step, threshold: threshold, analysisWidth: analysisWidth,
                                         model: model)
        if case .failed(let description, _) = try WorkerRunner.runWorker(job, file: vault.location(facts.record.vaultPath), containment: containment) {
            throw DFCError.extractionFailed(exhibit: name, reason: "the face detector's worker did not finish: \(description)")
        }
        let found = try DetectionFile.read(path: output, width: facts.width, height: facts.height, frameCount: facts.entries.count)
        if let error = found.error {
            throw DFCError.extractionFailed(exhibit: name, reason: "the face detector stopped: \(error); nothing was recorded")
        }
        let tracker = DetectionTracker(step: step, detector: found.detector)
        var plan = RedactionPlan(exhibit: name, sha256: facts.record.sha256, stream: facts.header.stream.index, width: facts.width,
                                 height: facts.height, frameCount: facts.entries.count, basedOn: latest)
        plan.tracks = tracker.tracks(found.detections, label: .face, width: facts.width, height: facts.height, frameCount: facts.entries.count)
        let version = try record(plan, reason: "faces proposed by the detector (every \(step) pictures, threshold \(threshold))",
                                 origin: "detected", detector: found.detector, actor: actor)

        let planData = try Self.prettyJSON(plan)
        let sheet = ReviewSheet(version: version, facts: facts, detections: found.detections, crops: found.crops, step: step, detector: found.detector).html()
        try FileWriting.createReadOnly(destination + "/" + planName, [UInt8](planData))
        try FileWriting.createReadOnly(destination + "/" + sheetName, [UInt8](sheet.utf8))
        return Proposal(version: version, planFile: destination + "/" + planName, reviewSheet: destination + "/" + sheetName,
                        decoded: found.decoded, examined: (found.decoded + step - 1) / step)
    }

    /// A plan as an examiner edits it: indented, keys sorted.
    public static func prettyJSON(_ plan: RedactionPlan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(plan) + Data("\n".utf8)
    }
}
