import Foundation
internal import Crypto

/// What to remove from one video stream of an exhibit before it is released: tracks of regions
/// over frame ranges (each with a label, a reason and an examiner's decision) and audio ranges to
/// mute or bleep. An examiner reads and edits it as JSON; each version DFC records is a signed
/// `redaction_planned` custody event carrying the plan itself and its digest (`digest`), so the
/// log alone says which masks a release was made with.
///
/// Frames are the catalog's picture indices of `stream` (decode order, from 0, as `dfc frames`
/// lists them); regions are in pixels of the decoded picture, origin top left. A track's region
/// on a frame between two of its keyframes is interpolated linearly; a track covers the frames
/// from its first keyframe to its last, and nothing outside them.
public struct RedactionPlan: Sendable, Codable, Equatable {
    /// The format's name and version: `dfc-redaction-plan/1`.
    public var format: String
    /// The exhibit the plan is for (`EX-…`) and its original's SHA-256: a plan is refused on any other.
    public var exhibit: String
    /// The original's SHA-256.
    public var sha256: String
    /// The video stream masked, and its picture size and picture count, as the catalog has them.
    public var stream: Int
    /// The stream's picture width, in pixels.
    public var width: Int
    /// The stream's picture height, in pixels.
    public var height: Int
    /// The stream's picture count.
    public var frameCount: Int
    /// The version this one edits (nil for the first): refused unless it is still the latest, so two
    /// examiners' edits never silently overlap.
    public var basedOn: Int?
    /// How masked regions are filled. `solid` (the default) leaves nothing to recover; `pixelate`
    /// and `blur` keep shapes and colours that can be recognised or, for a blur, partly reversed.
    public var style: Style
    /// The regions.
    public var tracks: [Track]
    /// What happens to the sound: `keep` (re-encoded, with `audioRanges` muted or bleeped) or `drop`.
    public var audio: AudioPolicy
    /// The ranges silenced when the sound is kept.
    public var audioRanges: [AudioRange]
    /// Container tags copied into the release by name (all others are stripped).
    public var keepTags: [String]

    /// The format name this version of DFC writes and reads.
    public static let formatName = "dfc-redaction-plan/1"

    /// How a masked region is filled.
    public enum Style: String, Sendable, Codable, Equatable, CaseIterable {
        case solid, pixelate, blur
    }

    /// What a region hides.
    public enum Label: String, Sendable, Codable, Equatable, CaseIterable {
        case face, person, plate, screen, document, other
    }

    /// The outline filled within a region's box.
    public enum Shape: String, Sendable, Codable, Equatable {
        case box, ellipse
    }

    /// An examiner's decision on a track: only `accepted` tracks are masked, and a plan with any
    /// `proposed` track cannot be rendered (detection proposes, an examiner decides).
    public enum Decision: String, Sendable, Codable, Equatable {
        case proposed, accepted, rejected
    }

    /// Whether the sound is kept (re-encoded with ranges silenced) or dropped.
    public enum AudioPolicy: String, Sendable, Codable, Equatable {
        case keep, drop
    }

    /// A region's position on one frame, in pixels.
    public struct Keyframe: Sendable, Codable, Equatable {
        /// The picture's index (as `dfc frames` numbers them).
        public var frame: Int
        /// The box's left edge.
        public var x: Int
        /// The box's top edge.
        public var y: Int
        /// The stream's picture width, in pixels.
        public var width: Int
        /// The stream's picture height, in pixels.
        public var height: Int

        /// A keyframe.
        public init(frame: Int, x: Int, y: Int, width: Int, height: Int) {
            self.frame = frame
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// One region followed over frames.
    public struct Track: Sendable, Codable, Equatable {
        /// Unique within the plan (`T1`, `T2`, … for detected tracks).
        public var id: String
        /// What the track hides.
        public var label: Label
        /// The outline filled.
        public var shape: Shape
        /// Why it is masked (a records officer's words: "bystander", "victim", "screen of a witness").
        public var reason: String
        /// The examiner's decision.
        public var decision: Decision
        /// How it was made: `detected` (with the detector's name) or `manual`.
        public var source: String
        /// The detector's mean confidence over the track's detections, for detected tracks.
        public var confidence: Double?
        /// The keyframes, by ascending frame, at least one.
        public var keyframes: [Keyframe]
        /// Who decided it, when the plan says (recorded with the version's signer in any case).
        public var decidedBy: String?

        /// A track.
        public init(id: String, label: Label, shape: Shape = .box, reason: String, decision: Decision, source: String,
                    confidence: Double? = nil, keyframes: [Keyframe], decidedBy: String? = nil) {
            self.id = id
            self.label = label
            self.shape = shape
            self.reason = reason
            self.decision = decision
            self.source = source
            self.confidence = confidence
            self.keyframes = keyframes
            self.decidedBy = decidedBy
        }

        /// The first and last frame the track covers.
        public var frames: ClosedRange<Int> { (keyframes.first?.frame ?? 0)...(keyframes.last?.frame ?? 0) }
    }

    /// Sound to silence, in seconds from the start of the file's timeline (as `dfc extract --at` counts).
    public struct AudioRange: Sendable, Codable, Equatable {
        /// Where the range starts.
        public var start: Double
        /// Where it ends.
        public var end: Double
        /// `mute` (silence) or `bleep` (a 1 kHz tone).
        public var action: Action
        /// Why it is silenced.
        public var reason: String

        /// How a range is silenced.
        public enum Action: String, Sendable, Codable, Equatable {
            case mute, bleep
        }

        /// A range.
        public init(start: Double, end: Double, action: Action, reason: String) {
            self.start = start
            self.end = end
            self.action = action
            self.reason = reason
        }
    }

    /// A plan for `exhibit`'s stream with nothing to mask yet.
    public init(exhibit: String, sha256: String, stream: Int, width: Int, height: Int, frameCount: Int, basedOn: Int? = nil,
                style: Style = .solid, tracks: [Track] = [], audio: AudioPolicy = .keep, audioRanges: [AudioRange] = [],
                keepTags: [String] = []) {
        self.format = Self.formatName
        self.exhibit = exhibit
        self.sha256 = sha256
        self.stream = stream
        self.width = width
        self.height = height
        self.frameCount = frameCount
        self.basedOn = basedOn
        self.style = style
        self.tracks = tracks
        self.audio = audio
        self.audioRanges = audioRanges
        self.keepTags = keepTags
    }

    /// The canonical JSON the log carries (keys sorted, no whitespace) and its SHA-256, the plan's digest.
    package func canonical() throws -> (json: String, digest: String) {
        let data = try CanonicalJSON.data(self)
        return (String(decoding: data, as: UTF8.self), Hex.string(SHA256.hash(data: data)))
    }

    /// The tracks a render masks.
    public var accepted: [Track] { tracks.filter { $0.decision == .accepted } }
}
