/// One picture's PDQ hash, as `dfc pdq` lists it: vPDQ's fields, and the picture's real time.
public struct PDQEntry: Sendable, Codable, Equatable {
    /// The stream's container index.
    public var stream: Int
    /// The picture's index in the stream's decoded order (vPDQ's frame number).
    public var frame: Int
    /// The hash and its quality.
    public var hash: PDQHash
    /// vPDQ's timestamp: the frame number over the stream's frame rate, which assumes a constant rate.
    public var vpdqTimestamp: Float
    /// The picture's presentation time in seconds, as decoded; nil when it had none.
    public var ptsSeconds: Double?

    /// The line vPDQ's text format has for it: `frame,quality,hex,timestamp`.
    public var vpdqLine: String {
        "\(frame),\(hash.quality),\(hash.hex)," + String(format: "%.3f", Double(vpdqTimestamp))
    }

    package enum CodingKeys: String, CodingKey {
        case stream, frame, hash, vpdqTimestamp, ptsSeconds
    }

    package init(stream: Int, frame: Int, hash: PDQHash, vpdqTimestamp: Float, ptsSeconds: Double? = nil) {
        self.stream = stream
        self.frame = frame
        self.hash = hash
        self.vpdqTimestamp = vpdqTimestamp
        self.ptsSeconds = ptsSeconds
    }
}
