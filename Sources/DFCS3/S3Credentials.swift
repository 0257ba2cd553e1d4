import Foundation

/// An S3 access key and its secret, from the engines' usual places: the environment
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) or, failing that, the
/// `default` profile of `~/.aws/credentials` (or the file `AWS_SHARED_CREDENTIALS_FILE` names).
/// Never from the store and never written to the log.
public struct S3Credentials: Sendable {
    /// The access key id.
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// A temporary session's token, if the key is one.
    public var sessionToken: String?

    /// A key and secret given directly.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The credentials of the environment or of the shared credentials file; nil when neither has any.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> S3Credentials? {
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !key.isEmpty {
            return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        }
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? (environment["HOME"].map { $0 + "/.aws/credentials" } ?? "")
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let profile = environment["AWS_PROFILE"] ?? "default"
        var section = "", values: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && line.hasSuffix("]") { section = String(line.dropFirst().dropLast()); continue }
            guard section == profile, let equals = line.firstIndex(of: "=") else { continue }
            values[line[..<equals].trimmingCharacters(in: .whitespaces)] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else { return nil }
        return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}
