import DFCCore

/// Watches one video stream's presentation timestamps, in decoded order, for holes
/// and for time running backwards.
///
/// "Two frame durations" is measured against the median of the last few frame
/// intervals, so variable-frame-rate footage that slows from 30 to 15 fps is not a
/// gap, while a recorder that stopped for seconds is. Before enough intervals are
/// seen, the stream's declared frame rate stands in.
package struct TimelineChecker {
    package let stream: Int
    private let declaredFrameDuration: Double?
    private var recentIntervals: [Double] = []
    private var last: (index: Int, seconds: Double)?
    private static let window = 9

    package init(stream: Int, declaredFrameRate: Double?) {
        self.stream = stream
        declaredFrameDuration = declaredFrameRate.flatMap { $0 > 0 && $0.isFinite ? 1 / $0 : nil }
    }

    package mutating func observe(frame index: Int, seconds: Double?, into findings: inout FindingCollector) {
        guard let seconds else { return }
        defer { last = (index, seconds) }
        guard let last else { return }
        let interval = seconds - last.seconds
        if interval < 0 {
            findings.add(Finding(
                kind: .timestampBackwards, severity: .warning,
                message: String(format: "stream %d: frame %d is at %.3f s, before frame %d at %.3f s", stream, index, seconds, last.index, last.seconds),
                stream: stream, frame: index, seconds: seconds))
            return
        }
        guard interval > 0 else { return }
        if let expected = expectedInterval, interval > 2 * expected + 1e-9 {
            findings.add(Finding(
                kind: .timelineGap, severity: .warning,
                message: String(format: "stream %d: %.3f s missing between %.3f s (frame %d) and %.3f s (frame %d); frames are %.3f s apart",
                                stream, interval - expected, last.seconds, last.index, seconds, index, expected),
                stream: stream, frame: index, seconds: last.seconds))
        }
        recentIntervals.append(interval)
        if recentIntervals.count > Self.window { recentIntervals.removeFirst() }
    }

    private var expectedInterval: Double? {
        guard recentIntervals.count >= 3 else { return declaredFrameDuration }
        let sorted = recentIntervals.sorted()
        return sorted[sorted.count / 2]
    }
}
