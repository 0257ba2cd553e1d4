import Foundation

/// One packet as the analysis hands it to the catalog.
struct PacketRow: Sendable {
    var index: Int
    var stream: Int
    var pts: Int64?
    var dts: Int64?
    var duration: Int64?
    var size: Int
    var keyFrame: Bool
    var position: Int64?
    var sha256: Data
}

/// One decoded picture as the analysis hands it to the catalog.
struct FrameRow: Sendable {
    var stream: Int
    var index: Int
    var pts: Int64?
    var ptsSeconds: Double?
    var keyFrame: Bool
    var pictureType: String
    var size: Int
    var sha256: Data
    /// The picture's PDQ hash, for the pictures vPDQ's rule selects (see `StreamDecoding`).
    var pdq: PDQHash? = nil
}
