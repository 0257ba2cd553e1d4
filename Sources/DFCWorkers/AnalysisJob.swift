import DFCCore
import DFCMedia

/// What one worker is asked to do: read and decode `input`, and write its analysis to
/// `output`, a file it creates; or, with `extraction`, the pictures asked for as PNG
/// (`ExtractionFile`'s layout). It is handed nothing else: no store, no catalog, no key.
package struct AnalysisJob: Sendable, Codable, Equatable {
    /// The staged copy of the original (read-only, and exactly the bytes the vault will keep).
    public var input: String
    /// Where the analysis goes (`AnalysisFile`'s layout); must not exist yet.
    public var output: String
    /// The bounds kept while reading.
    public var limits: MediaLimits
    /// Whether the worker confines itself (`Confinement`) before it reads a byte of footage.
    public var confine: Bool
    /// Decoder threads per video stream; 0 lets FFmpeg use one per core.
    public var decoderThreads: Int
    /// Seconds of video per PDQ hash, as vPDQ counts them (see `PDQSelection`).
    public var pdqSecondsPerHash: Double
    /// Pictures to extract instead of an analysis.
    public var extraction: ExtractionRequest?
    /// The process that started the worker (`dfc worker`): the worker dies with it (a killed
    /// `dfc` leaves no worker running on), and does not start if it is already gone.
    public var parent: Int32?
    /// Faces to find instead of an analysis (`DetectionFile`'s layout).
    public var detection: DetectionRequest?
    /// A redacted release to render instead of an analysis (an MP4).
    public var render: RenderRequest?
    /// The trust anchors in force, that a signed stream's signer is judged against (`dfc trust`).
    public var trustAnchors: [TrustAnchor.Certificate] = []

    /// A job.
    public init(input: String, output: String, limits: MediaLimits, confine: Bool, decoderThreads: Int = 0,
                pdqSecondsPerHash: Double = PDQSelection.defaultSecondsPerHash, extraction: ExtractionRequest? = nil) {
        self.extraction = extraction
        self.input = input
        self.output = output
        self.limits = limits
        self.confine = confine
        self.decoderThreads = decoderThreads
        self.pdqSecondsPerHash = pdqSecondsPerHash
    }
}
