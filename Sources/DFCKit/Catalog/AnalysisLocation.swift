/// Where the rows of one analysis of an exhibit are kept: the analysis made at ingest in
/// `stream`, `packet`, `frame` and `finding`, keyed by the exhibit's id; a later one
/// (`dfc reanalyze`) in the `analysis_*` tables, keyed by its `analysis` row's id. Both
/// have the same columns, so every query of an analysis's rows is written once.
struct AnalysisLocation: Sendable, Hashable {
    /// `""` or `"analysis_"`.
    let tablePrefix: String
    /// `exhibit_id` or `analysis_id`.
    let keyColumn: String
    /// The exhibit's id, or the `analysis` row's id.
    let key: Int64

    /// The analysis an exhibit was ingested with.
    static func ingest(exhibit: Int64) -> Self { Self(tablePrefix: "", keyColumn: "exhibit_id", key: exhibit) }

    /// A later analysis, by its `analysis` row's id.
    static func reanalysis(_ id: Int64) -> Self { Self(tablePrefix: "analysis_", keyColumn: "analysis_id", key: id) }

    /// Whether this is the analysis made at ingest.
    var isIngest: Bool { tablePrefix.isEmpty }

    var streams: String { tablePrefix + "stream" }
    var packets: String { tablePrefix + "packet" }
    var frames: String { tablePrefix + "frame" }
    var findings: String { tablePrefix + "finding" }
    var pdq: String { tablePrefix + "pdq" }
}
