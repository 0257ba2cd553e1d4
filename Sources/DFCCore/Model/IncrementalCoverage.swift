/// What an incremental audit (`dfc audit --since CHECKPOINT`) verified again and what it took from
/// the trusted checkpoint: every event was re-hashed and its tree recomputed; only the events after
/// the checkpoint had their signatures, payloads and committed rows verified; the rows and vault
/// copies of older exhibits were re-hashed in the share `rows`.
public struct IncrementalCoverage: Sendable, Codable, Equatable {
    /// The tree size of the trusted checkpoint: events 1 to this were re-hashed only.
    public var sinceTreeSize: Int
    /// The `audited` event of the clean audit that signed it, and every registered actor whose signature on it verified.
    public var sinceAuditEvent: Int64
    public var checkpointSigners: [String]
    /// Events after the checkpoint, verified in full.
    public var eventsVerified: Int
    /// `all` or `K/N`, and the seed (hex) that chose the share from the checkpoint.
    public var rows: String
    public var rowsSeed: String
    /// Exhibits ingested before the checkpoint, and how many of them had their rows and vault copy re-hashed.
    public var olderExhibits: Int
    public var olderExhibitsChecked: Int
    /// What this audit did not verify again, one sentence each.
    public var notReverified: [String]

    package init(sinceTreeSize: Int, sinceAuditEvent: Int64, checkpointSigners: [String], eventsVerified: Int, rows: String, rowsSeed: String,
                 olderExhibits: Int, olderExhibitsChecked: Int, notReverified: [String]) {
        (self.sinceTreeSize, self.sinceAuditEvent, self.checkpointSigners, self.eventsVerified) = (sinceTreeSize, sinceAuditEvent, checkpointSigners, eventsVerified)
        (self.rows, self.rowsSeed, self.olderExhibits, self.olderExhibitsChecked) = (rows, rowsSeed, olderExhibits, olderExhibitsChecked)
        self.notReverified = notReverified
    }
}
