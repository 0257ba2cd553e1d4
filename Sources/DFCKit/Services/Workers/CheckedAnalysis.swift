/// An analysis the parent has checked and may record: the worker's file with its rows,
/// or, when the analysis did not finish or was refused, only a summary that says so.
struct CheckedAnalysis: Sendable {
    /// The analysis file the rows stream from; nil when there are no rows to record.
    let path: String?
    let summary: MediaAnalysis
    /// SHA-256 of the whole analysis file, as checked.
    let digest: String
    /// How it was made, for the `ingested` event.
    let analysedBy: String
}
