import Foundation

extension RedactionPlan {
    package enum CodingKeys: String, CodingKey {
        case format, exhibit, sha256, stream, width, height, frameCount, basedOn, style, tracks, audio, audioRanges, keepTags
    }

    /// Reads a plan as an examiner may write it: `style` (solid), `audio` (keep), `audioRanges`, `keepTags` and
    /// `tracks` may be left out; everything that names the exhibit and its stream may not.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        exhibit = try container.decode(String.self, forKey: .exhibit)
        sha256 = try container.decode(String.self, forKey: .sha256)
        stream = try container.decode(Int.self, forKey: .stream)
        width = try container.decode(Int.self, forKey: .width)
        height = try container.decode(Int.self, forKey: .height)
        frameCount = try container.decode(Int.self, forKey: .frameCount)
        basedOn = try container.decodeIfPresent(Int.self, forKey: .basedOn)
        style = try container.decodeIfPresent(Style.self, forKey: .style) ?? .solid
        tracks = try container.decodeIfPresent([Track].self, forKey: .tracks) ?? []
        audio = try container.decodeIfPresent(AudioPolicy.self, forKey: .audio) ?? .keep
        audioRanges = try container.decodeIfPresent([AudioRange].self, forKey: .audioRanges) ?? []
        keepTags = try container.decodeIfPresent([String].self, forKey: .keepTags) ?? []
    }
}

extension RedactionPlan.Track {
    package enum CodingKeys: String, CodingKey {
        case id, label, shape, reason, decision, source, confidence, keyframes, decidedBy
    }

    /// Reads a track as an examiner may write it: `shape` (box), `reason` (empty), `decision` (proposed) and
    /// `source` (manual) may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decode(RedactionPlan.Label.self, forKey: .label)
        shape = try container.decodeIfPresent(RedactionPlan.Shape.self, forKey: .shape) ?? .box
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        decision = try container.decodeIfPresent(RedactionPlan.Decision.self, forKey: .decision) ?? .proposed
        source = try container.decodeIfPresent(String.self, forKey: .source) ?? "manual"
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
        keyframes = try container.decode([RedactionPlan.Keyframe].self, forKey: .keyframes)
        decidedBy = try container.decodeIfPresent(String.self, forKey: .decidedBy)
    }
}
