import Foundation

/// A Dahua recorder's wall clock, packet by packet. Each `dhav` packet header packs the
/// recorder's local date and a millisecond counter; FFmpeg's demuxer turns them into a
/// presentation time in milliseconds as if the date were UTC. Read back, that is the
/// recorder's local clock of an unknown zone, never an instant. A daylight-saving change or a
/// reset inside a recording is a silent jump in it, which this names.
package struct DVRWallClock: Sendable {
    /// A jump of the clock between two packets of the stream: what it would have read at the
    /// second packet without the jump (the first plus the frame interval), and what it read.
    package struct Step: Sendable, Equatable {
        package var packetBefore: Int, packet: Int
        package var expected: Int64, after: Int64
        package var jump: Int64 { after - expected }

        package init(packetBefore: Int, packet: Int, expected: Int64, after: Int64) {
            self.packetBefore = packetBefore
            self.packet = packet
            self.expected = expected
            self.after = after
        }
    }

    package let stream: Int
    package private(set) var first: Int64?
    package private(set) var last: Int64?
    /// The first `maxSteps` steps; `stepCount` counts them all.
    package private(set) var steps: [Step] = []
    package private(set) var stepCount = 0
    /// The recording's length on its own clock: every interval between packets but the steps,
    /// and one frame interval for the last packet.
    package private(set) var elapsed: Int64 = 0
    private var previous: (packet: Int, milliseconds: Int64)?
    /// The last interval between packets that was not a step (40 ms at 25 fps).
    private var interval: Int64 = 0

    package static let maxSteps = 20
    /// The counter may run a little ahead of the packed second; more than this back is a step.
    package static let slack: Int64 = 1000
    package static let hour: Int64 = 3_600_000

    package init(stream: Int) { self.stream = stream }

    /// Takes in one packet's presentation time (milliseconds, as the demuxer gave it).
    package mutating func observe(packet: Int, milliseconds: Int64) {
        // Dates outside 2000-2063 cannot be packed; anything else is not the recorder's clock.
        guard milliseconds >= 946_684_800_000, milliseconds < 2_966_371_200_000 else { return }
        if first == nil { first = milliseconds }
        last = milliseconds
        defer { previous = (packet, milliseconds) }
        guard let previous else { return }
        let delta = milliseconds - previous.milliseconds
        let jump = delta - interval
        // Back by more than the counter's slack, or forward by an hour give or take two seconds
        // (a spring-forward change; a longer pause in recording is a gap, not a step).
        guard delta < -Self.slack || abs(jump - Self.hour) <= 2000 else {
            elapsed += delta
            if delta > 0, delta <= Self.slack { interval = delta }
            return
        }
        elapsed += interval
        stepCount += 1
        if steps.count < Self.maxSteps {
            steps.append(Step(packetBefore: previous.packet, packet: packet, expected: previous.milliseconds + interval, after: milliseconds))
        }
    }

    /// The first and last readings, as tags (`dhav.*`) the worker reports with the container's.
    package var tags: [String: String] {
        guard let first, let last else { return [:] }
        var tags = ["dhav.stream": String(stream), "dhav.wall_clock_first": CivilTime.text(first), "dhav.wall_clock_last": CivilTime.text(last),
                    "dhav.clock_steps": String(stepCount), "dhav.elapsed": String(format: "%.3f", Double(elapsed + interval) / 1000)]
        if let step = steps.first {
            tags["dhav.first_step_packet"] = String(step.packet)
            tags["dhav.first_step_from"] = CivilTime.text(step.expected)
            tags["dhav.first_step_to"] = CivilTime.text(step.after)
        }
        return tags
    }

    /// One `clock_step` finding per step kept, and one for the rest.
    package var findings: [Finding] {
        var found = steps.map { step -> Finding in
            let jump = step.jump
            let hour = abs(abs(jump) - Self.hour) <= 2000
            let why = hour
                ? "an hour, as at a daylight-saving change (or a reset)"
                : "not a daylight-saving hour: a reset or a clock set by hand"
            return Finding(kind: .clockStep, severity: .warning, message: "stream \(stream): the recorder's wall clock (dhav packet dates, "
                + "local time of an unknown zone) steps \(jump < 0 ? "back" : "forward") \(TimeLayers.duration(jump)) between packets "
                + "\(step.packetBefore) and \(step.packet), from \(CivilTime.text(step.expected)) to \(CivilTime.text(step.after)): \(why); "
                + "the packets after it are on the clock as stepped, and nothing is corrected",
                stream: stream, packet: step.packet)
        }
        if stepCount > steps.count {
            found.append(Finding(kind: .clockStep, severity: .warning, message:
                "stream \(stream): \(stepCount - steps.count) further steps of the recorder's wall clock not listed", stream: stream))
        }
        return found
    }
}
