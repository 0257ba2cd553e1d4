import Foundation

/// Joins a detector's boxes, found on every `step`-th picture, into tracks across frames, and
/// turns them into proposed tracks of a redaction plan that leave no frame between two
/// detections of the same face bare: boxes are matched frame to frame by overlap (or, for a fast
/// mover, by nearness to the last box), gaps of up to `maxGap` frames are bridged by interpolation,
/// every box grows by `margin` of its size on each side, and a track starts `step` frames before
/// its first detection and ends `step` frames after its last (the detector did not look in
/// between). Detection proposes; an examiner decides (`RedactionPlan.Decision.proposed`).
public struct DetectionTracker: Sendable {
    /// One box the detector found, in pixels of the decoded picture.
    public struct Detection: Sendable, Codable, Equatable {
        /// The picture it was found on.
        public var frame: Int
        /// The box's left edge.
        public var x: Double
        /// The box's top edge.
        public var y: Double
        /// The box's width.
        public var width: Double
        /// The box's height.
        public var height: Double
        /// The detector's confidence, 0 to 1.
        public var score: Double

        /// A detection.
        public init(frame: Int, x: Double, y: Double, width: Double, height: Double, score: Double) {
            self.frame = frame
            self.x = x
            self.y = y
            self.width = width
            self.height = height
            self.score = score
        }

        func overlap(_ other: Detection) -> Double {
            let left = max(x, other.x), right = min(x + width, other.x + other.width)
            let top = max(y, other.y), bottom = min(y + height, other.y + other.height)
            let inter = max(0, right - left) * max(0, bottom - top)
            let union = width * height + other.width * other.height - inter
            return union > 0 ? inter / union : 0
        }

        /// Whether the two centres are within one and a half box sizes: a small face moving fast overlaps nothing of
        /// where it was a few pictures before.
        func near(_ other: Detection) -> Bool {
            let dx = (x + width / 2) - (other.x + other.width / 2), dy = (y + height / 2) - (other.y + other.height / 2)
            return (dx * dx + dy * dy).squareRoot() < 1.5 * max(width, height, other.width, other.height)
        }

        /// Where this box would be on `frame` had it kept moving as it moved since `previous`.
        func moved(since previous: Detection?, to frame: Int) -> Detection {
            guard let previous, previous.frame < self.frame else { return self }
            let t = Double(frame - self.frame) / Double(self.frame - previous.frame)
            return Detection(frame: frame, x: x + (x - previous.x) * t, y: y + (y - previous.y) * t, width: width, height: height, score: score)
        }
    }

    /// The frames between two pictures the detector looked at.
    public var step: Int
    /// The longest run of frames without a detection that a track bridges.
    public var maxGap: Int
    /// How much each box grows on each side, as a share of its width and height.
    public var margin: Double
    /// The detector's name, recorded as each track's source.
    public var detector: String

    /// A tracker for detections made every `step` frames.
    public init(step: Int, maxGap: Int? = nil, margin: Double = 0.3, detector: String) {
        self.step = max(1, step)
        self.maxGap = maxGap ?? max(1, step) * 4
        self.margin = margin
        self.detector = detector
    }

    /// Proposed tracks (`T1`, `T2`, … in order of first appearance) for pictures of `width`×`height`, `frameCount` of them.
    public func tracks(_ detections: [Detection], label: RedactionPlan.Label, width: Int, height: Int, frameCount: Int) -> [RedactionPlan.Track] {
        var open: [[Detection]] = []
        var closed: [[Detection]] = []
        // Only boxes with finite, positive sizes on a frame of the stream: anything else is no detection.
        let usable = detections.filter {
            [$0.x, $0.y, $0.width, $0.height, $0.score].allSatisfy(\.isFinite) && $0.width > 0 && $0.height > 0
                && $0.frame >= 0 && $0.frame < frameCount && $0.x < Double(width) && $0.y < Double(height)
                && abs($0.x) < 1e9 && abs($0.y) < 1e9 && $0.width < 1e9 && $0.height < 1e9
        }
        let byFrame = Dictionary(grouping: usable, by: \.frame).sorted { $0.key < $1.key }
        for (frame, found) in byFrame {
            // Tracks that have gone unseen too long are finished.
            closed += open.filter { frame - $0.last!.frame > maxGap }
            open.removeAll { frame - $0.last!.frame > maxGap }
            var taken = Set<Int>()
            for detection in found.sorted(by: { $0.score > $1.score }) {
                var best: (index: Int, score: Double)?
                for (index, track) in open.enumerated() where !taken.contains(index) && track.last!.frame < frame {
                    // Matched against where the face would be now, had it kept its last motion.
                    let expected = track.last!.moved(since: track.dropLast().last, to: frame)
                    let score = expected.overlap(detection) + (expected.near(detection) ? 0.1 : 0)
                    if score > 0.05, score > (best?.score ?? 0) { best = (index, score) }
                }
                if let best {
                    open[best.index].append(detection)
                    taken.insert(best.index)
                } else {
                    open.append([detection])
                    taken.insert(open.count - 1)
                }
            }
        }
        closed += open
        closed.sort { ($0.first!.frame, $0.first!.x) < ($1.first!.frame, $1.first!.x) }
        return closed.enumerated().map { number, run in
            var keyframes = run.map { grown($0, width: width, height: height) }
            // Before the first detection and after the last, the detector did not look for `step - 1` frames.
            if let first = keyframes.first, first.frame > 0 {
                keyframes.insert(.init(frame: max(0, first.frame - step), x: first.x, y: first.y, width: first.width, height: first.height), at: 0)
            }
            if let last = keyframes.last, last.frame < frameCount - 1 {
                keyframes.append(.init(frame: min(frameCount - 1, last.frame + step), x: last.x, y: last.y, width: last.width, height: last.height))
            }
            let confidence = run.reduce(0) { $0 + $1.score } / Double(run.count)
            return RedactionPlan.Track(id: "T\(number + 1)", label: label, reason: "", decision: .proposed, source: "detected (\(detector))",
                                       confidence: (confidence * 1000).rounded() / 1000, keyframes: keyframes)
        }
    }

    private func grown(_ detection: Detection, width: Int, height: Int) -> RedactionPlan.Keyframe {
        let left = max(0, (detection.x - detection.width * margin).rounded(.down))
        let top = max(0, (detection.y - detection.height * margin).rounded(.down))
        let right = min(Double(width), (detection.x + detection.width * (1 + margin)).rounded(.up))
        let bottom = min(Double(height), (detection.y + detection.height * (1 + margin)).rounded(.up))
        let x = Int(min(left, Double(width - 1))), y = Int(min(top, Double(height - 1)))
        return RedactionPlan.Keyframe(frame: detection.frame, x: x, y: y, width: max(1, Int(right) - x), height: max(1, Int(bottom) - y))
    }
}
