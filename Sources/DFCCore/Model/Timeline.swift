/// Every exhibit of a case on one UTC timeline, with clock corrections applied: in order of
/// start, the stretches no exhibit covers, and the exhibits that overlap.
public struct Timeline: Sendable, Codable, Equatable {
    /// One exhibit on the timeline.
    public struct Entry: Sendable, Codable, Equatable {
        public var exhibit: ExhibitID
        public var source: String?
        public var originalName: String
        /// ISO 8601 UTC, corrections applied.
        public var start: String
        public var end: String
        /// The layer the time came from, and the corrections applied (oldest first).
        public var layer: TimeLayer
        public var corrections: [ClockCorrection]

        package init(exhibit: ExhibitID, source: String? = nil, originalName: String, start: String, end: String, layer: TimeLayer, corrections: [ClockCorrection]) {
            self.exhibit = exhibit
            self.source = source
            self.originalName = originalName
            self.start = start
            self.end = end
            self.layer = layer
            self.corrections = corrections
        }
    }

    /// A stretch of time between two exhibits that no exhibit of the case covers.
    public struct Gap: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        public var seconds: Double

        package init(from: String, to: String, seconds: Double) {
            self.from = from
            self.to = to
            self.seconds = seconds
        }
    }

    /// Two exhibits that cover the same stretch (two cameras at once, or a copy).
    public struct Overlap: Sendable, Codable, Equatable {
        public var first: ExhibitID
        public var second: ExhibitID
        public var from: String
        public var to: String
        public var seconds: Double

        package init(first: ExhibitID, second: ExhibitID, from: String, to: String, seconds: Double) {
            self.first = first
            self.second = second
            self.from = from
            self.to = to
            self.seconds = seconds
        }
    }

    public var caseID: String
    public var entries: [Entry]
    public var gaps: [Gap]
    public var overlaps: [Overlap]
    /// Exhibits of the case with no time on the UTC timeline (no layer names its zone).
    public var unplaced: [ExhibitID]

    package init(caseID: String, entries: [Entry], gaps: [Gap], overlaps: [Overlap], unplaced: [ExhibitID]) {
        self.caseID = caseID
        self.entries = entries
        self.gaps = gaps
        self.overlaps = overlaps
        self.unplaced = unplaced
    }
}
