import DFCCore
import DFCLedger

/// Where the rows of one analysis of an exhibit are kept: the analysis made at ingest in
/// `stream`, `packet`, `frame` and `finding`, keyed by the exhibit's id; a later one
/// (`dfc reanalyze`) in the `analysis_*` tables, keyed by its `analysis` row's id. Both
/// have the same columns, so every query of an analysis's rows is written once.
package struct AnalysisLocation: Sendable, Hashable {
    /// `""` or `"analysis_"`.
    package let tablePrefix: String
    /// `exhibit_id` or `analysis_id`.
    package let keyColumn: String
    /// The exhibit's id, or the `analysis` row's id.
    package let key: Int64

    /// The analysis an exhibit was ingested with.
    package static func ingest(exhibit: Int64) -> Self { Self(tablePrefix: "", keyColumn: "exhibit_id", key: exhibit) }

    /// A later analysis, by its `analysis` row's id.
    package static func reanalysis(_ id: Int64) -> Self { Self(tablePrefix: "analysis_", keyColumn: "analysis_id", key: id) }

    /// Whether this is the analysis made at ingest.
    package var isIngest: Bool { tablePrefix.isEmpty }

    package var streams: String { tablePrefix + "stream" }
    package var packets: String { tablePrefix + "packet" }
    package var frames: String { tablePrefix + "frame" }
    package var findings: String { tablePrefix + "finding" }
    package var pdq: String { tablePrefix + "pdq" }

    package init(tablePrefix: String, keyColumn: String, key: Int64) {
        self.tablePrefix = tablePrefix
        self.keyColumn = keyColumn
        self.key = key
    }
}
