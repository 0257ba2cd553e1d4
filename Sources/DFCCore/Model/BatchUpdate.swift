import Foundation

/// What `batchUpdates` hands its consumer: a file done, then the batch's report.
public enum BatchUpdate: Sendable {
    /// A file has been taken in (or found a duplicate, or rejected), and where the batch stands.
    case progress(BatchProgress)
    /// Every file is in: the batch's report, the last element.
    case finished(BatchReport)
}
