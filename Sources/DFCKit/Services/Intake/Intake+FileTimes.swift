import Foundation

extension Intake {
    /// The submitted file's modification time as its file system gives it, ISO 8601 UTC to the
    /// nanosecond (`original_modified` of the event that records it): a time layer that is lost
    /// once the file is copied. Nil when it cannot be read or is not a plausible time.
    static func modificationTime(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mtim.tv_sec > 0, info.st_mtim.tv_sec < 4_102_444_800 else { return nil }
        let seconds = Int64(info.st_mtim.tv_sec), nanoseconds = Int64(info.st_mtim.tv_nsec)
        let base = CivilTime.text(seconds * 1000).prefix(19)   // YYYY-MM-DDTHH:MM:SS
        let fraction = String(nanoseconds)
        return base + "." + String(repeating: "0", count: max(0, 9 - fraction.count)) + fraction + "Z"
    }
}
