import Foundation

extension RedactionPlan {
    /// The most tracks one plan may hold (a plan is carried whole in its custody event; an hour of 25 fps
    /// footage with a detection every five frames is about 18,000 keyframes a face).
    public static let maxTracks = 10_000
    /// The most keyframes, over all tracks.
    public static let maxKeyframes = 2_000_000
    /// The most audio ranges.
    public static let maxAudioRanges = 10_000

    /// The problems that keep this plan from being recorded for the exhibit `exhibit` (SHA-256 `sha256`) whose
    /// stream `stream` has pictures of `width`×`height` and `frameCount` pictures, and `duration` seconds when
    /// known: empty when there are none. Each names the track, keyframe or range.
    public func problems(exhibit: String, sha256: String, videoStreams: [Int], width: Int, height: Int, frameCount: Int,
                         duration: Double?) -> [String] {
        var problems: [String] = []
        if format != Self.formatName { problems.append("its format is \"\(format)\", not \(Self.formatName)") }
        if self.exhibit != exhibit { problems.append("it is a plan for \(self.exhibit), not for \(exhibit)") }
        if self.sha256.lowercased() != sha256 { problems.append("it names the original \(self.sha256), but \(exhibit)'s SHA-256 is \(sha256)") }
        if !videoStreams.contains(stream) { problems.append("stream \(stream) is not a decoded video stream of \(exhibit) (those are \(videoStreams))") }
        if self.width != width || self.height != height || self.frameCount != frameCount {
            problems.append("it describes \(self.width)×\(self.height) pictures, \(self.frameCount) of them, but stream \(stream) has "
                + "\(width)×\(height), \(frameCount) of them")
        }
        if tracks.count > Self.maxTracks { problems.append("it has \(tracks.count) tracks, more than \(Self.maxTracks)") }
        if tracks.reduce(0, { $0 + $1.keyframes.count }) > Self.maxKeyframes { problems.append("it has more than \(Self.maxKeyframes) keyframes") }
        if audioRanges.count > Self.maxAudioRanges { problems.append("it has more than \(Self.maxAudioRanges) audio ranges") }
        var ids = Set<String>()
        for track in tracks {
            let name = "track \(track.id.isEmpty ? "(no id)" : track.id)"
            if track.id.isEmpty || track.id.count > 64 { problems.append("\(name): an id must have 1 to 64 characters") }
            if !ids.insert(track.id).inserted { problems.append("\(name): two tracks have this id") }
            if track.decision == .accepted && track.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("\(name): an accepted track needs a reason")
            }
            if track.keyframes.isEmpty { problems.append("\(name): it has no keyframe") }
            var previous = -1
            for key in track.keyframes {
                let at = "\(name) frame \(key.frame)"
                if key.frame <= previous { problems.append("\(at): keyframes must be in ascending frame order, each frame once") }
                previous = key.frame
                if key.frame < 0 || key.frame >= frameCount { problems.append("\(at): outside the stream's frames 0…\(frameCount - 1)") }
                if key.width <= 0 || key.height <= 0 {
                    problems.append("\(at): the region has no area")
                } else if key.x < 0 || key.y < 0 || key.width > width || key.height > height || key.x > width - key.width
                            || key.y > height - key.height {
                    // Compared so that no sum can overflow, whatever numbers the plan holds.
                    problems.append("\(at): the region \(key.x),\(key.y) \(key.width)×\(key.height) is not inside the \(width)×\(height) picture")
                }
                if problems.count > 100 { return problems + ["(more problems not listed)"] }
            }
        }
        for (index, range) in audioRanges.enumerated() {
            let name = "audio range \(index + 1) (\(range.start)–\(range.end) s)"
            if !(range.start >= 0 && range.end > range.start && range.end.isFinite) { problems.append("\(name): it must start at 0 s or later and end after it starts") }
            if let duration, range.start > duration { problems.append("\(name): it starts after the file's end (\(duration) s)") }
            if range.reason.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(name): it needs a reason") }
        }
        for tag in keepTags where tag.isEmpty || tag.count > 128 { problems.append("kept tag \"\(tag)\": a tag name has 1 to 128 characters") }
        return problems
    }

    /// The tracks no examiner has decided yet.
    public var undecided: [Track] { tracks.filter { $0.decision == .proposed } }
}

extension RedactionPlan.Track {
    /// The region on `frame`, interpolated linearly between the keyframes around it; nil outside the track.
    public func region(at frame: Int) -> RedactionPlan.Keyframe? {
        guard let first = keyframes.first, let last = keyframes.last, frame >= first.frame, frame <= last.frame else { return nil }
        // The last keyframe at or before the frame (binary search: tracks may hold thousands).
        var low = 0, high = keyframes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if keyframes[middle].frame <= frame { low = middle } else { high = middle - 1 }
        }
        let before = keyframes[low]
        guard before.frame != frame, low + 1 < keyframes.count else { return before }
        let after = keyframes[low + 1]
        let t = Double(frame - before.frame) / Double(after.frame - before.frame)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        // Interpolated edges, so the region between two keyframes never shrinks inside either's outline's path.
        let left = mix(before.x, after.x), top = mix(before.y, after.y)
        let right = mix(before.x + before.width, after.x + after.width), bottom = mix(before.y + before.height, after.y + after.height)
        return RedactionPlan.Keyframe(frame: frame, x: left, y: top, width: max(1, right - left), height: max(1, bottom - top))
    }
}

extension RedactionPlan {
    /// Pixels a filled region grows by on every side before it is painted: more than the three pixels
    /// H.264's deblocking filter reaches across an edge, so no decoded pixel of the planned region is
    /// mixed with one from outside it.
    public static let maskGrowth = 4
    /// A box's filled area is widened out to this grid (H.264's macroblock), so the masked region is
    /// coded in blocks of its own.
    public static let maskGrid = 16

    /// The pixels painted for `region` in a picture of `width`×`height`: grown by `maskGrowth`, widened out
    /// to the `maskGrid` for a box (an ellipse only grows), and clipped to the picture.
    public static func paintedArea(_ region: Keyframe, shape: Shape, width: Int, height: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        var left = region.x - maskGrowth, top = region.y - maskGrowth
        var right = region.x + region.width + maskGrowth, bottom = region.y + region.height + maskGrowth
        if shape == .box {
            left = left / maskGrid * maskGrid - (left < 0 && left % maskGrid != 0 ? maskGrid : 0)
            top = top / maskGrid * maskGrid - (top < 0 && top % maskGrid != 0 ? maskGrid : 0)
            right = (right + maskGrid - 1) / maskGrid * maskGrid
            bottom = (bottom + maskGrid - 1) / maskGrid * maskGrid
        }
        left = max(0, left); top = max(0, top); right = min(width, right); bottom = min(height, bottom)
        return (left, top, max(0, right - left), max(0, bottom - top))
    }
}
