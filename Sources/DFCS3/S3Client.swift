import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// A client of one S3 bucket, path-style (`ENDPOINT/BUCKET/KEY`), signed with SigV4. It
/// connects to the endpoint it was given and nowhere else: redirects are refused. Every call
/// blocks the calling thread until S3 answers (call it from a thread of your own, never from
/// an event loop); answers are size-capped, and downloads stream to a sink.
public final class S3Client: Sendable {
    /// `http://HOST:PORT` or `https://HOST`, with no path.
    public let endpoint: String
    /// The bucket.
    public let bucket: String
    let host: String
    let signer: SigV4
    let timeout: TimeAmount
    /// The HTTP client this one speaks through: the shared one, or one that trusts a CA bundle.
    let http: HTTPClient

    /// Seconds an answer may keep silent once the request is sent: a server that accepts the
    /// connection and never answers costs this, not the request's whole deadline three times over.
    static let silence: Int64 = 30

    /// The HTTP client all S3 clients of this process share: no redirects, bounded timeouts
    /// (connecting, silence while answering, and each request's deadline).
    static let shared = makeHTTPClient(trusting: nil)

    /// The clients that trust a CA bundle (the system's roots replaced by it), one per bundle, for the process's life.
    static let trusting = Mutex<[String: HTTPClient]>([:])

    static func makeHTTPClient(trusting roots: [NIOSSLCertificate]?) -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(5), read: .seconds(silence)))
        configuration.decompression = .disabled
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let roots { tls.trustRoots = .certificates(roots) }
        configuration.tlsConfiguration = tls
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The client that trusts the CA certificates (PEM) in `bundle`.
    static func client(trusting bundle: String, target: String) throws(S3Error) -> HTTPClient {
        if let client = trusting.withLock({ $0[bundle] }) { return client }
        let roots: [NIOSSLCertificate]
        do {
            roots = try NIOSSLCertificate.fromPEMFile(bundle)
        } catch {
            throw S3Error(status: nil, code: "InvalidCABundle", message: "\(bundle) cannot be read as PEM certificates: \(error)",
                          operation: "connect", target: target)
        }
        return trusting.withLock { clients in
            if let client = clients[bundle] { return client }
            let client = makeHTTPClient(trusting: roots)
            clients[bundle] = client
            return client
        }
    }

    /// The largest XML answer read (a listing page is about 200 KiB).
    static let maxAnswerBytes = 8 << 20

    /// A client for `bucket` at `endpoint` (`http://127.0.0.1:8333`, `https://s3.example.org`), in `region`. Over
    /// HTTPS the server's certificate must chain to the system's roots, or with `caBundle` (a PEM file) to those
    /// certificates alone, and name the host.
    public init(endpoint: String, bucket: String, region: String, credentials: S3Credentials, timeoutSeconds: Int64 = 120,
                caBundle: String? = nil) throws(S3Error) {
        var trimmed = endpoint
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let target = "s3://\(bucket) at \(endpoint)"
        guard let url = URL(string: trimmed), let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host,
              url.path.isEmpty, url.query == nil else {
            throw S3Error(status: nil, code: "InvalidEndpoint", message: "the endpoint must be http://HOST:PORT or https://HOST, with no path",
                          operation: "connect", target: target)
        }
        guard Self.isValidBucketName(bucket) else {
            throw S3Error(status: nil, code: "InvalidBucketName", message: "a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens",
                          operation: "connect", target: target)
        }
        if caBundle != nil, scheme != "https" {
            throw S3Error(status: nil, code: "InvalidEndpoint", message: "a CA bundle is for an https:// endpoint", operation: "connect", target: target)
        }
        self.http = try caBundle.map { (bundle: String) throws(S3Error) in try Self.client(trusting: bundle, target: target) } ?? Self.shared
        self.endpoint = trimmed
        self.bucket = bucket
        self.host = url.port.map { "\(host):\($0)" } ?? host
        self.signer = SigV4(credentials: credentials, region: region)
        self.timeout = .seconds(timeoutSeconds)
    }

    /// `s3://BUCKET at ENDPOINT`, as errors name it.
    public var target: String { "s3://\(bucket) at \(endpoint)" }

    static func isValidBucketName(_ name: String) -> Bool {
        (3...63).contains(name.utf8.count) && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }
            && name.first != "-" && name.first != "."
    }

    /// An answer: status, headers and (for small answers) the body.
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: String
    }

    /// How many times a request is tried when the connection drops before the answer, or the
    /// server answers 500 or 503, waiting 0.5, 1 … s between tries: a restarted server or a
    /// dropped connection costs seconds, not the operation. (A server that refuses connections
    /// is not tried again: the HTTP client has already tried for its connect timeout, 5 s.) Every request DFC makes can be sent twice without harm (keys
    /// are named by their bytes); a download restarts only before its first byte reached the sink.
    static let attempts = 3

    /// Sends one signed request, again after a transient failure (`attempts`).
    func send(
        _ method: HTTPMethod, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: ByteBuffer? = nil, operation: String, accepting: Set<Int> = [], sink: (@Sendable (ByteBuffer) throws -> Void)? = nil
    ) throws(S3Error) -> Answer {
        var attempt = 1
        while true {
            let started = StartFlag()
            var guarded: (@Sendable (ByteBuffer) throws -> Void)?
            if let sink {
                guarded = { @Sendable (buffer: ByteBuffer) throws -> Void in
                    started.set()
                    try sink(buffer)
                }
            }
            do {
                return try sendOnce(method, key: key, query: query, headers: headers, body: body, operation: operation,
                                    accepting: accepting, sink: guarded)
            } catch {
                // A dropped connection is tried again; a server that refused it, or that took it and
                // kept silent past the timeouts, is not (it would only cost the same wait again).
                let transient = error.status == nil
                    ? error.code == "Unreachable" && !error.message.contains("Connection refused") && !error.message.contains("connectTimeout")
                    : [500, 503].contains(error.status ?? 0)
                guard transient, attempt < Self.attempts, !started.isSet else { throw error }
                usleep(useconds_t(500_000 << (attempt - 1)))
                attempt += 1
            }
        }
    }

    /// Whether a download's sink has been given bytes (after which it cannot be restarted).
    final class StartFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// Sends one signed request. `sink` receives the body of a successful answer as it arrives
    /// (a download); otherwise the body is collected, up to `maxAnswerBytes`. An answer outside
    /// 2xx throws, unless its status is in `accepting`.
    private func sendOnce(
        _ method: HTTPMethod, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: ByteBuffer? = nil, operation: String, accepting: Set<Int> = [], sink: (@Sendable (ByteBuffer) throws -> Void)? = nil
    ) throws(S3Error) -> Answer {
        let path = "/" + bucket + (key.map { "/" + $0 } ?? "")
        let payloadHash = body.map { SigV4.hex(SHA256.hash(data: Data($0.readableBytesView))) } ?? SigV4.emptyPayloadHash
        var all = headers + [("host", host)]
        if let body { all.append(("content-length", String(body.readableBytes))) }
        all += signer.sign(method: method.rawValue, path: path, query: query, headers: all, payloadHash: payloadHash, date: Date())
        let queryString = SigV4.canonicalQuery(query)
        let url = endpoint + SigV4.encodePath(path) + (queryString.isEmpty ? "" : "?" + queryString)
        let collector = AnswerCollector(sink: sink, limit: Self.maxAnswerBytes)
        do {
            let request = try HTTPClient.Request(url: url, method: method, headers: HTTPHeaders(all.filter { $0.0 != "content-length" }),
                                                 body: body.map { .byteBuffer($0) })
            let answer = try http.execute(request: request, delegate: collector, deadline: .now() + timeout).wait()
            guard (200..<300).contains(answer.status) || accepting.contains(answer.status) else {
                throw S3Error(status: answer.status, code: XMLFields.value("Code", in: answer.body) ?? "HTTP\(answer.status)",
                              message: XMLFields.value("Message", in: answer.body) ?? "", operation: operation, target: target)
            }
            return answer
        } catch let error as S3Error {
            throw error
        } catch let error as SinkError {
            throw S3Error(status: nil, code: "Interrupted", message: String(describing: error.error), operation: operation, target: target,
                          underlying: error.error)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw S3Error(status: nil, code: "NoAnswer", message: "the server took the connection but did not answer within "
                + "\(error == .readTimeout ? Self.silence : timeout.nanoseconds / 1_000_000_000) s", operation: operation, target: target)
        } catch let error as NIOSSLError {
            throw S3Error(status: nil, code: "TLSFailed", message: "TLS with the server failed: \(error)", operation: operation, target: target)
        } catch {
            throw S3Error(status: nil, code: "Unreachable", message: String(describing: error), operation: operation, target: target)
        }
    }

    /// What a sink threw, carried through the HTTP client.
    struct SinkError: Error {
        var error: any Error
    }

    /// Collects an answer; streams a successful body to a sink when there is one.
    final class AnswerCollector: HTTPClientResponseDelegate, @unchecked Sendable {
        typealias Response = Answer
        // Called on one event loop, one callback at a time; read after the request finished.
        private var status = 0
        private var headers = HTTPHeaders()
        private var body = ByteBuffer()
        let sink: (@Sendable (ByteBuffer) throws -> Void)?
        let limit: Int

        init(sink: (@Sendable (ByteBuffer) throws -> Void)?, limit: Int) {
            self.sink = sink
            self.limit = limit
        }

        func didReceiveHead(task: HTTPClient.Task<Answer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
            status = Int(head.status.code)
            headers = head.headers
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didReceiveBodyPart(task: HTTPClient.Task<Answer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
            if (200..<300).contains(status), let sink {
                do { try sink(buffer) } catch { return task.eventLoop.makeFailedFuture(SinkError(error: error)) }
            } else if body.readableBytes + buffer.readableBytes <= limit {
                var part = buffer
                body.writeBuffer(&part)
            } else {
                return task.eventLoop.makeFailedFuture(S3Error(status: status, code: "AnswerTooLarge",
                                                               message: "more than \(limit) bytes", operation: "read", target: ""))
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didFinishRequest(task: HTTPClient.Task<Answer>) throws -> Answer {
            Answer(status: status, headers: headers, body: String(buffer: body))
        }
    }
}
