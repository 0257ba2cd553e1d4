/// What an S3 request answered when it did not succeed, or why it could not be made;
/// its description names the endpoint, the bucket and the operation.
public struct S3Error: Error, CustomStringConvertible, Sendable {
    /// The HTTP status, or nil when no answer came (refused, timed out, a bad URL).
    public var status: Int?
    /// S3's error code (`AccessDenied`, `NoSuchKey`, `InvalidRequest`, …) or a code of ours
    /// for a request that got no answer (`Unreachable`).
    public var code: String
    /// S3's message, or the transport's.
    public var message: String
    /// What was asked: `PutObject vault/ab/abcd…`.
    public var operation: String
    /// `s3://BUCKET at ENDPOINT`.
    public var target: String
    /// What a download's sink threw, when that is what stopped the request.
    public var underlying: (any Error)? = nil

    /// What was asked and what came of it, without the target: `HeadObject k answered 403 AccessDenied: …`.
    public var summary: String {
        "\(operation) " + (status.map { "answered \($0) \(code)" } ?? "failed (\(code))") + (message.isEmpty ? "" : ": \(message)")
    }

    /// The error as an operator reads it.
    public var description: String { "S3 \(target): \(summary)" }
}
