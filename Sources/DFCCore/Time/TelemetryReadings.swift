import Foundation

/// The first and last reading of a telemetry track's clock and of its position, each with the
/// presentation time (seconds from the container's start) of the sample it came in: all that
/// a ten-hour recording's telemetry costs to keep.
package struct TelemetryReadings: Sendable {
    /// One reading as written, and when its sample is presented.
    package struct Reading: Sendable, Equatable {
        package var text: String
        package var seconds: Double

        package init(text: String, seconds: Double) {
            self.text = text
            self.seconds = seconds
        }
    }

    package private(set) var firstTime: Reading?
    package private(set) var lastTime: Reading?
    package private(set) var firstFix: Reading?
    package private(set) var lastFix: Reading?

    package mutating func time(_ text: String, at seconds: Double) {
        let reading = Reading(text: text, seconds: seconds)
        if firstTime == nil { firstTime = reading }
        lastTime = reading
    }

    package mutating func fix(_ text: String, at seconds: Double) {
        let reading = Reading(text: text, seconds: seconds)
        if firstFix == nil { firstFix = reading }
        lastFix = reading
    }

    /// `PREFIX.TIME_first`, `PREFIX.TIME_first_at`, … `PREFIX.POSITION_last_at`, for the readings there are.
    package func tags(prefix: String, time: String, position: String) -> [String: String] {
        var tags: [String: String] = [:]
        for (name, reading) in [("\(time)_first", firstTime), ("\(time)_last", lastTime), ("\(position)_first", firstFix), ("\(position)_last", lastFix)] {
            guard let reading else { continue }
            tags["\(prefix).\(name)"] = reading.text
            tags["\(prefix).\(name)_at"] = String(format: "%.3f", reading.seconds)
        }
        return tags
    }

    package init(firstTime: Reading? = nil, lastTime: Reading? = nil, firstFix: Reading? = nil, lastFix: Reading? = nil) {
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.firstFix = firstFix
        self.lastFix = lastFix
    }
}
