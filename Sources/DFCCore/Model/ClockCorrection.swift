/// An examiner's correction of an exhibit's clock (`dfc clock`): a signed `clock_corrected`
/// event. The file's own time layers stay as they are; the correction is added to the exhibit's
/// span wherever a time is answered, and each answer names the corrections it used.
public struct ClockCorrection: Sendable, Codable, Equatable {
    /// The custody event that made it, when, and who.
    public var event: Int64
    public var at: String
    public var actor: String
    /// What is added to the exhibit's clock: `+01:00:00.000`, `-00:00:05.250`.
    public var offset: String
    public var offsetSeconds: Double
    /// Why, in the examiner's words (the reference it was checked against).
    public var reason: String
    /// The zone the examiner said the clock shows (`dfc clock --zone`), whose offset at the
    /// clock's reading is part of `offset`; nil when the correction is an offset alone.
    public var zone: String?
    /// The camera's standing correction (`dfc clock --source`, a `camera_clock_corrected` event)
    /// this one follows, when it is one of those; nil for a correction of this exhibit alone.
    public var standing: Int64?
    /// True when this correction placed an exhibit that had no time on the UTC timeline: its
    /// clock reading of unknown zone (the layer `ExhibitReport.startLayer`) read in `zone`.
    public var placed: Bool?

    /// Makes a correction.
    public init(event: Int64, at: String, actor: String, offset: String, offsetSeconds: Double, reason: String, zone: String? = nil,
                standing: Int64? = nil, placed: Bool? = nil) {
        (self.event, self.at, self.actor, self.offset, self.offsetSeconds, self.reason) = (event, at, actor, offset, offsetSeconds, reason)
        (self.zone, self.standing, self.placed) = (zone, standing, placed)
    }

    /// Reads `±HH:MM:SS[.fff]` (hours of any width up to ten years' worth; the sign may be left
    /// out for +) as milliseconds; nil for anything else.
    public static func milliseconds(parsing text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64 = 1
        if body.hasPrefix("-") { sign = -1; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let hours = Int64(parts[0]), parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
              parts[1].count == 2, let minutes = Int64(parts[1]), parts[1].allSatisfy(\.isNumber), minutes < 60 else { return nil }
        let secondParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard secondParts.count <= 2, secondParts[0].count == 2, secondParts[0].allSatisfy(\.isNumber), let seconds = Int64(secondParts[0]), seconds < 60,
              hours <= 87_600 else { return nil }
        var millis: Int64 = 0
        if secondParts.count == 2 {
            let fraction = secondParts[1]
            guard (1...3).contains(fraction.count), fraction.allSatisfy(\.isNumber), let value = Int64(fraction) else { return nil }
            millis = value * [1, 100, 10, 1][fraction.count]
        }
        return sign * (((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
    }

    /// Milliseconds as `±HH:MM:SS.fff`.
    public static func text(milliseconds value: Int64) -> String {
        let ms = value.magnitude
        func pad(_ number: UInt64, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return (value < 0 ? "-" : "+") + "\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))"
    }
}
