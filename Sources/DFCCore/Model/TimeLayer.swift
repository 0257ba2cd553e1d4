/// One reading of when an exhibit was recorded, as one source in or about the file gives it.
/// Layers sit side by side; none overwrites another, and each says its zone or that the zone
/// is unknown (a DVR's local clock, a time in a file name).
public struct TimeLayer: Sendable, Codable, Equatable {
    /// Where the reading comes from.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The movie header's `creation_time` (UTC by the spec; some cameras write local time there).
        case containerCreation = "container_creation_time"
        /// QuickTime/Android `com.apple.quicktime.creationdate`, with its offset.
        case quicktimeCreation = "quicktime_creationdate"
        /// EXIF `DateTimeOriginal`, with `OffsetTimeOriginal` when the camera wrote one.
        case exifOriginal = "exif_date_time_original"
        /// EXIF `GPSDateStamp` and `GPSTimeStamp`, UTC from the satellites.
        case exifGPS = "exif_gps_time"
        /// A time in the original's file name, a clock reading of unknown zone.
        case fileName = "file_name"
        /// The submitted file's modification time, read from its file system at intake.
        case fileModified = "file_modified"
        /// A zone-less reading of the file (its file name's time, an EXIF time without offset)
        /// read in the zone the camera register gives its source (`dfc source add --zone`).
        case sourceZone = "source_zone"
        /// GPS time from a telemetry track (GoPro GPMF `GPSU`), UTC from the satellites, taken
        /// back to the recording's start by its payload's presentation time.
        case gpsTelemetry = "gps_telemetry"
        /// A recorder's wall clock at its first packet (a Dahua `dhav` file's packed local date),
        /// local time of an unknown zone: FFmpeg reads it as UTC, DFC never does.
        case dvrWallClock = "dvr_wall_clock"
        /// A drone's telemetry subtitles (DJI's track or `.SRT` file): the controller's clock,
        /// zone unknown, taken back to the recording's start by the subtitle's presentation time.
        case droneTelemetry = "drone_telemetry"
        /// MISB ST 0601's precision time stamp (KLV item 2, microseconds since 1970 UTC) of an
        /// aerial platform, taken back to the recording's start by its packet's presentation time.
        case misbPrecisionTime = "misb_precision_time"
    }

    /// Where the reading comes from.
    public var kind: Kind
    /// The tag or field it was read from (`creation_time`, `exif.date_time_original`, the file name).
    public var tag: String
    /// The reading exactly as written.
    public var value: String
    /// The instant in UTC, ISO 8601 to the millisecond, when the zone is known.
    public var utc: String?
    /// The clock's reading without a zone, ISO 8601 to the millisecond.
    public var local: String
    /// The zone as written (`Z`, `+05:00`), or `unknown`.
    public var zone: String

    /// Makes a layer.
    public init(kind: Kind, tag: String, value: String, utc: String?, local: String, zone: String) {
        (self.kind, self.tag, self.value, self.utc, self.local, self.zone) = (kind, tag, value, utc, local, zone)
    }
}

/// One position an exhibit was recorded at, as one source in the file gives it.
public struct PlaceLayer: Sendable, Codable, Equatable {
    /// The tag or field it was read from (`location`, `com.apple.quicktime.location.ISO6709`, `exif.gps`).
    public var tag: String
    /// The reading exactly as written.
    public var value: String
    /// Degrees north and east (WGS 84), and metres above sea level when given.
    public var latitude: Double
    public var longitude: Double
    public var altitude: Double?

    /// Makes a place.
    public init(tag: String, value: String, latitude: Double, longitude: Double, altitude: Double?) {
        (self.tag, self.value, self.latitude, self.longitude, self.altitude) = (tag, value, latitude, longitude, altitude)
    }

    /// The position in ISO 6709 (`+31.5497+074.3436/`).
    public var iso6709: String {
        func part(_ value: Double, _ width: Int) -> String {
            let text = String(format: "%0\(width + 5).4f", abs(value))
            return (value < 0 ? "-" : "+") + text
        }
        return part(latitude, 2) + part(longitude, 3) + (altitude.map { ($0 < 0 ? "-" : "+") + String(format: "%.1f", abs($0)) } ?? "") + "/"
    }
}
