import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// What a `HEAD` of an object tells.
public struct S3ObjectHead: Sendable {
    /// Its size in bytes.
    public var size: Int64
    /// The version this answer is about.
    public var versionID: String?
    /// `COMPLIANCE`, `GOVERNANCE`, or nil when the object is not locked.
    public var lockMode: String?
    /// Until when it is locked, as S3 wrote it (ISO 8601).
    public var retainUntil: String?
    /// The SHA-256 the server checked at upload, base64, for a single-part object (a multipart
    /// one's is a checksum of its parts' checksums, with a `-N` suffix).
    public var checksumSHA256: String?
}

/// Object Lock settings for an upload: compliance mode until a date.
public struct S3ObjectLock: Sendable {
    /// `COMPLIANCE` (nobody, root included, can delete or shorten it) or `GOVERNANCE`.
    public var mode: String
    /// The end of the retention.
    public var retainUntil: Date

    /// A compliance-mode lock until `retainUntil`.
    public init(mode: String = "COMPLIANCE", retainUntil: Date) {
        self.mode = mode
        self.retainUntil = retainUntil
    }

    var headers: [(String, String)] {
        [("x-amz-object-lock-mode", mode), ("x-amz-object-lock-retain-until-date", S3Client.iso8601(retainUntil))]
    }
}

/// An upload begun and not finished (a process killed mid-upload leaves one).
public struct S3Upload: Sendable {
    /// The object's key.
    public var key: String
    /// S3's id of the upload.
    public var uploadID: String
    /// When it began, as S3 wrote it.
    public var initiated: String
}

extension S3Client {
    /// Whether the bucket has Object Lock enabled; throws when the bucket cannot be read.
    public func objectLockEnabled() throws(S3Error) -> Bool {
        let answer = try send(.GET, key: nil, query: [("object-lock", "")], operation: "GetObjectLockConfiguration",
                              accepting: [404])
        if answer.status == 404 {
            if XMLFields.value("Code", in: answer.body) == "NoSuchBucket" {
                throw S3Error(status: 404, code: "NoSuchBucket", message: XMLFields.value("Message", in: answer.body) ?? "the bucket does not exist",
                              operation: "GetObjectLockConfiguration", target: target)
            }
            return false
        }
        return XMLFields.value("ObjectLockEnabled", in: answer.body) == "Enabled"
    }

    /// Creates the bucket, with Object Lock (and so versioning) when `objectLock` is true.
    public func createBucket(objectLock: Bool) throws(S3Error) {
        _ = try send(.PUT, key: nil, headers: objectLock ? [("x-amz-bucket-object-lock-enabled", "true")] : [], operation: "CreateBucket")
    }

    /// The object's head, or nil when there is no such key (or its newest version is a delete marker).
    public func head(_ key: String) throws(S3Error) -> S3ObjectHead? {
        let answer = try send(.HEAD, key: key, headers: [("x-amz-checksum-mode", "ENABLED")], operation: "HeadObject \(key)", accepting: [404])
        guard answer.status != 404 else { return nil }
        let h = answer.headers
        return S3ObjectHead(size: h.first(name: "content-length").flatMap { Int64($0) } ?? -1, versionID: h.first(name: "x-amz-version-id"),
                            lockMode: h.first(name: "x-amz-object-lock-mode"),
                            retainUntil: h.first(name: "x-amz-object-lock-retain-until-date"),
                            checksumSHA256: h.first(name: "x-amz-checksum-sha256"))
    }

    /// Puts one object in one request, the server checking its SHA-256; returns its version id.
    @discardableResult
    public func put(_ key: String, bytes: ByteBuffer, lock: S3ObjectLock?, metadata: [String: String] = [:]) throws(S3Error) -> String? {
        let digest = Data(SHA256.hash(data: Data(bytes.readableBytesView)))
        var headers = [("x-amz-checksum-sha256", digest.base64EncodedString())] + (lock?.headers ?? [])
        headers += metadata.map { ("x-amz-meta-" + $0.key, $0.value) }
        return try send(.PUT, key: key, headers: headers, body: bytes, operation: "PutObject \(key)").headers.first(name: "x-amz-version-id")
    }

    /// Streams `size` bytes read by `read` (called with a part's length, returning the part) into
    /// one object: a single PUT up to `partSize`, a multipart upload past it, each part's SHA-256
    /// sent for the server to check. Memory stays one part. An upload that fails is aborted.
    public func upload(
        _ key: String, size: Int64, partSize: Int = 16 << 20, lock: S3ObjectLock?, metadata: [String: String] = [:],
        read: (Int) throws -> ByteBuffer
    ) throws -> String? {
        if size <= Int64(partSize) {
            return try put(key, bytes: try read(Int(size)), lock: lock, metadata: metadata)
        }
        // S3 allows 10,000 parts: grow the part for very large files.
        let part = max(Int64(partSize), (size + 9_999) / 10_000)
        var headers = [("x-amz-checksum-algorithm", "SHA256")] + (lock?.headers ?? [])
        headers += metadata.map { ("x-amz-meta-" + $0.key, $0.value) }
        let created = try send(.POST, key: key, query: [("uploads", "")], headers: headers, operation: "CreateMultipartUpload \(key)")
        guard let uploadID = XMLFields.value("UploadId", in: created.body) else {
            throw S3Error(status: created.status, code: "NoUploadId", message: "the answer named no upload", operation: "CreateMultipartUpload \(key)",
                          target: target)
        }
        do {
            var parts: [(number: Int, etag: String, checksum: String)] = []
            var offset: Int64 = 0
            while offset < size {
                let length = Int(min(part, size - offset))
                let bytes = try read(length)
                let checksum = Data(SHA256.hash(data: Data(bytes.readableBytesView))).base64EncodedString()
                let number = parts.count + 1
                let answer = try send(.PUT, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                      headers: [("x-amz-checksum-sha256", checksum)], body: bytes, operation: "UploadPart \(number) of \(key)")
                parts.append((number, answer.headers.first(name: "etag") ?? "", checksum))
                offset += Int64(length)
            }
            let xml = "<CompleteMultipartUpload>" + parts.map {
                "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(XMLFields.escape($0.etag))</ETag><ChecksumSHA256>\($0.checksum)</ChecksumSHA256></Part>"
            }.joined() + "</CompleteMultipartUpload>"
            let done = try send(.POST, key: key, query: [("uploadId", uploadID)], body: ByteBuffer(string: xml),
                                operation: "CompleteMultipartUpload \(key)")
            // S3 may answer 200 and put the error in the body.
            if let code = XMLFields.value("Code", in: done.body), done.body.contains("<Error>") {
                throw S3Error(status: done.status, code: code, message: XMLFields.value("Message", in: done.body) ?? "",
                              operation: "CompleteMultipartUpload \(key)", target: target)
            }
            return done.headers.first(name: "x-amz-version-id")
        } catch {
            try? abortUpload(key, uploadID: uploadID)
            throw error
        }
    }

    /// Abandons an unfinished multipart upload (its parts are dropped).
    public func abortUpload(_ key: String, uploadID: String) throws(S3Error) {
        _ = try send(.DELETE, key: key, query: [("uploadId", uploadID)], operation: "AbortMultipartUpload \(key)", accepting: [404])
    }

    /// The multipart uploads begun under `prefix` and not finished.
    public func unfinishedUploads(prefix: String) throws(S3Error) -> [S3Upload] {
        var uploads: [S3Upload] = []
        var markers: [(String, String)] = []
        while true {
            let answer = try send(.GET, key: nil, query: [("uploads", ""), ("prefix", prefix)] + markers, operation: "ListMultipartUploads")
            for block in XMLFields.blocks("Upload", in: answer.body) {
                guard let key = XMLFields.value("Key", in: block), let id = XMLFields.value("UploadId", in: block) else { continue }
                uploads.append(S3Upload(key: key, uploadID: id, initiated: XMLFields.value("Initiated", in: block) ?? ""))
            }
            guard XMLFields.value("IsTruncated", in: answer.body) == "true",
                  let key = XMLFields.value("NextKeyMarker", in: answer.body), let id = XMLFields.value("NextUploadIdMarker", in: answer.body),
                  markers.first?.1 != key || markers.last?.1 != id else { return uploads }
            markers = [("key-marker", key), ("upload-id-marker", id)]
        }
    }

    /// Streams the object's bytes to `sink`; throws `NoSuchKey` (status 404) when it is not there.
    public func get(_ key: String, versionID: String? = nil, sink: @escaping @Sendable (ByteBuffer) throws -> Void) throws(S3Error) {
        _ = try send(.GET, key: key, query: versionID.map { [("versionId", $0)] } ?? [], operation: "GetObject \(key)", sink: sink)
    }

    /// Every key under `prefix`, in S3's (byte) order.
    public func keys(prefix: String) throws(S3Error) -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            let query = [("list-type", "2"), ("prefix", prefix)] + (token.map { [("continuation-token", $0)] } ?? [])
            let answer = try send(.GET, key: nil, query: query, operation: "ListObjectsV2")
            keys += XMLFields.blocks("Contents", in: answer.body).compactMap { XMLFields.value("Key", in: $0) }
            let next = XMLFields.value("IsTruncated", in: answer.body) == "true" ? XMLFields.value("NextContinuationToken", in: answer.body) : nil
            guard next != token else { break }
            token = next
        } while token != nil
        return keys
    }

    /// The versions of `key`: each one's id, whether it is a delete marker, and whether it is the latest.
    public func versions(of key: String) throws(S3Error) -> [(versionID: String, isDeleteMarker: Bool, isLatest: Bool)] {
        let answer = try send(.GET, key: nil, query: [("versions", ""), ("prefix", key)], operation: "ListObjectVersions \(key)")
        var found: [(String, Bool, Bool)] = []
        for (tag, marker) in [("Version", false), ("DeleteMarker", true)] {
            for block in XMLFields.blocks(tag, in: answer.body) where XMLFields.value("Key", in: block) == key {
                if let id = XMLFields.value("VersionId", in: block) { found.append((id, marker, XMLFields.value("IsLatest", in: block) == "true")) }
            }
        }
        return found
    }

    /// Deletes a key (a delete marker, in a versioned bucket) or one version of it.
    public func delete(_ key: String, versionID: String? = nil) throws(S3Error) {
        _ = try send(.DELETE, key: key, query: versionID.map { [("versionId", $0)] } ?? [], operation: "DeleteObject \(key)")
    }

    /// Sets a version's retention (S3 refuses to shorten a compliance-mode one).
    public func setRetention(_ key: String, versionID: String?, _ lock: S3ObjectLock) throws(S3Error) {
        let xml = "<Retention><Mode>\(lock.mode)</Mode><RetainUntilDate>\(Self.iso8601(lock.retainUntil))</RetainUntilDate></Retention>"
        let body = ByteBuffer(string: xml)
        let md5 = Data(Insecure.MD5.hash(data: Data(body.readableBytesView))).base64EncodedString()
        _ = try send(.PUT, key: key, query: [("retention", "")] + (versionID.map { [("versionId", $0)] } ?? []),
                     headers: [("content-md5", md5)], body: body, operation: "PutObjectRetention \(key)")
    }

    /// `2026-12-01T22:33:00Z`.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
