import Foundation

/// A row of `camera_source`: one registration of a fixed camera.
package struct CameraSourceRow: Sendable {
    package let seq: Int64
    package let name: String
    package let latitude: Double
    package let longitude: Double
    package let heading: Double?
    package let zone: String?
    /// The camera's file-name pattern (`FileNamePattern`), as registered.
    package var fileNameTime: String? = nil

    package init(seq: Int64, name: String, latitude: Double, longitude: Double, heading: Double?, zone: String?,
                 fileNameTime: String? = nil) {
        self.seq = seq
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.heading = heading
        self.zone = zone
        self.fileNameTime = fileNameTime
    }
}
