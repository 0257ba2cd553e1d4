import Foundation

/// One packet as the analysis hands it to the catalog.
package struct PacketRow: Sendable {
    package var index: Int
    package var stream: Int
    package var pts: Int64?
    package var dts: Int64?
    package var duration: Int64?
    package var size: Int
    package var keyFrame: Bool
    package var position: Int64?
    package var sha256: Data

    package init(index: Int, stream: Int, pts: Int64? = nil, dts: Int64? = nil, duration: Int64? = nil, size: Int, keyFrame: Bool, position: Int64? = nil, sha256: Data) {
        self.index = index
        self.stream = stream
        self.pts = pts
        self.dts = dts
        self.duration = duration
        self.size = size
        self.keyFrame = keyFrame
        self.position = position
        self.sha256 = sha256
    }
}

/// One decoded picture as the analysis hands it to the catalog.
package struct FrameRow: Sendable {
    package var stream: Int
    package var index: Int
    package var pts: Int64?
    package var ptsSeconds: Double?
    package var keyFrame: Bool
    package var pictureType: String
    package var size: Int
    package var sha256: Data
    /// The picture's PDQ hash, for the pictures vPDQ's rule selects (see `StreamDecoding`).
    package var pdq: PDQHash? = nil

    package init(stream: Int, index: Int, pts: Int64? = nil, ptsSeconds: Double? = nil, keyFrame: Bool, pictureType: String, size: Int, sha256: Data, pdq: PDQHash? = nil) {
        self.stream = stream
        self.index = index
        self.pts = pts
        self.ptsSeconds = ptsSeconds
        self.keyFrame = keyFrame
        self.pictureType = pictureType
        self.size = size
        self.sha256 = sha256
        self.pdq = pdq
    }
}
