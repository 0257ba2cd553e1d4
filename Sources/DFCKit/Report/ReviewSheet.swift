import Foundation

/// The HTML sheet an examiner reviews a proposed redaction plan with: one self-contained page
/// (no script, no fetch; thumbnails inline) listing each track with its thumbnails, frames, times
/// and confidence, the pictures of its span where the detector saw nothing (covered by
/// interpolation or by the margin around a detection), the stretches of the stream no track
/// covers, and the audio ranges. Every track is `proposed`: the examiner accepts, rejects, widens
/// or extends it in the plan's JSON and records that as the next version.
struct ReviewSheet {
    let version: RedactionVersion
    let facts: Redaction.StreamFacts
    let detections: [DetectionTracker.Detection]
    /// Thumbnails, by the index of their detection in `detections`.
    let crops: [Int: [UInt8]]
    let step: Int
    let detector: String

    func html() -> String {
        let e = ReportRenderer.escape
        let plan = version.plan
        var page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Redaction review: \(e(version.exhibit.description)) plan version \(version.version)</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}
        img{margin:2px;border:1px solid #ccc}.note{color:#555}</style></head><body>
        <h1>Redaction review: \(e(version.exhibit.description)), plan version \(version.version)</h1>
        <p>Original SHA-256 \(e(plan.sha256)); stream \(plan.stream), \(plan.width)×\(plan.height), \(plan.frameCount) pictures.
        Plan digest \(e(version.digest)), recorded by \(e(version.recordedBy)) at \(e(version.recordedAt)) (custody event \(version.event)).</p>
        <p class="note">Every track below is a <b>proposal</b> of the face detector (\(e(detector))), which
        looked at every \(step)\(step == 1 ? "" : "th") picture. Nothing is masked until an examiner sets a track's <code>decision</code> to
        <code>accepted</code> (with a <code>reason</code>) or <code>rejected</code> in the plan's JSON and records it with
        <code>dfc redact \(e(version.exhibit.description)) --plan FILE --reason …</code>. A track can be widened (its keyframes' boxes),
        extended (more keyframes) or added by hand (<code>"source": "manual"</code>).</p>
        <h2>Tracks (\(plan.tracks.count))</h2>
        <table><tr><th>Track</th><th>Frames</th><th>Time (s)</th><th>Confidence</th><th>Detected on</th><th>Pictures not looked at or not detected</th><th>Thumbnails</th></tr>

        """
        let byTrack = Dictionary(grouping: detections.indices) { index in
            plan.tracks.first { track in track.region(at: detections[index].frame).map { Self.contains($0, detections[index]) } ?? false }?.id ?? ""
        }
        for track in plan.tracks {
            let range = track.frames
            let own = byTrack[track.id] ?? []
            let seen = Set(own.map { detections[$0].frame })
            let bare = range.count - seen.count
            // Up to six, spread over the track.
            let shown = own.isEmpty ? [] : stride(from: 0, to: own.count, by: max(1, own.count / 6)).map { own[$0] }
            let thumbnails = shown.compactMap { crops[$0] }.prefix(6).map {
                "<img alt=\"thumbnail\" src=\"data:image/png;base64,\($0.isEmpty ? "" : Data($0).base64EncodedString())\">"
            }.joined()
            let time = [facts.seconds(range.lowerBound), facts.seconds(range.upperBound)].map { $0.map { String(format: "%.3f", $0) } ?? "?" }
            page += "<tr><td>\(e(track.id))<br>\(e(track.label.rawValue))</td><td>\(range.lowerBound)–\(range.upperBound)</td>"
                + "<td>\(time[0])–\(time[1])</td><td>\(track.confidence.map { String(format: "%.2f", $0) } ?? "")</td>"
                + "<td>\(seen.count) pictures</td><td>\(bare) (covered by interpolation and margins)</td><td>\(thumbnails)</td></tr>\n"
        }
        page += "</table>\n<h2>Stretches no track covers</h2>\n"
        let uncovered = Self.uncovered(plan.tracks, frameCount: plan.frameCount)
        if uncovered.isEmpty {
            page += "<p>None: every picture has at least one proposed track.</p>\n"
        } else {
            page += "<p class=\"note\">The detector proposed nothing for these pictures. Look at them before a release: a face it missed is "
                + "masked only if an examiner adds a track.</p><ul>\n"
            for range in uncovered.prefix(500) {
                let from = facts.seconds(range.lowerBound).map { String(format: "%.3f", $0) } ?? "?"
                let to = facts.seconds(range.upperBound).map { String(format: "%.3f", $0) } ?? "?"
                page += "<li>pictures \(range.lowerBound)–\(range.upperBound) (\(from)–\(to) s)</li>\n"
            }
            if uncovered.count > 500 { page += "<li>… and \(uncovered.count - 500) more stretches</li>\n" }
            page += "</ul>\n"
        }
        page += "<h2>Audio</h2>\n<p>The plan \(plan.audio == .drop ? "drops the sound" : "keeps the sound")"
        page += plan.audioRanges.isEmpty ? "; no range is muted yet (add <code>audioRanges</code> to mute or bleep speech).</p>\n"
            : ", with these ranges silenced:</p><ul>" + plan.audioRanges.map { "<li>\($0.start)–\($0.end) s: \($0.action.rawValue), \(e($0.reason))</li>" }.joined() + "</ul>\n"
        page += "</body></html>\n"
        return page
    }

    private static func contains(_ region: RedactionPlan.Keyframe, _ detection: DetectionTracker.Detection) -> Bool {
        let x = detection.x + detection.width / 2, y = detection.y + detection.height / 2
        return x >= Double(region.x) && x <= Double(region.x + region.width) && y >= Double(region.y) && y <= Double(region.y + region.height)
    }

    /// The runs of pictures no track spans.
    static func uncovered(_ tracks: [RedactionPlan.Track], frameCount: Int) -> [ClosedRange<Int>] {
        var covered = [Bool](repeating: false, count: max(0, frameCount))
        for track in tracks {
            for frame in track.frames where covered.indices.contains(frame) { covered[frame] = true }
        }
        var runs: [ClosedRange<Int>] = []
        var start: Int?
        for (frame, isCovered) in covered.enumerated() {
            if !isCovered, start == nil { start = frame }
            if isCovered, let first = start { runs.append(first...(frame - 1)); start = nil }
        }
        if let first = start { runs.append(first...(frameCount - 1)) }
        return runs
    }
}
