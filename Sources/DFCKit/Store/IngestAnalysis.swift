/// What `ingest` does with the file's media once it is preserved.
enum IngestAnalysis: Sendable {
    /// Read, hash and decode it in this process.
    case decode
    /// The analysis ran elsewhere and did not finish (a worker process crashed or was
    /// killed): register the exhibit with this finding and no packet or frame rows.
    case failed(Finding)
}
