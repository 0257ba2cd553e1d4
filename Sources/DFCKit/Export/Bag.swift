internal import Crypto
import Foundation

/// A BagIt bag (RFC 8493, version 1.0) on disk: the payload under `data/`, tag files
/// beside it, SHA-256 and SHA-512 manifests of the payload and of the tag files. Writes
/// the bag's own files and checks a bag as `bagit.py --validate` does.
struct Bag {
    /// The bag's folder.
    let root: String

    static let declaration = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    static let algorithms = ["sha256", "sha512"]

    /// Every regular file under `folder` (relative to the bag, `/`-separated), sorted.
    func files(under folder: String) -> [String] {
        FileWriting.regularFiles(under: root + "/" + folder).map { folder + "/" + $0 }
    }

    /// The SHA-256 and SHA-512 of a file of the bag, hex.
    func digests(_ relative: String) throws(DFCError) -> (sha256: String, sha512: String, size: Int64) {
        let digest = try FileDigest.compute(path: root + "/" + relative)
        return (digest.sha256, digest.sha512, digest.size)
    }

    /// A manifest line's path, with CR, LF and `%` percent-encoded as RFC 8493 §2.1.3 says.
    static func encode(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func decode(_ path: String) -> String {
        path.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }

    /// Writes `bagit.txt`, `bag-info.txt` (the fields in order, then Payload-Oxum), the payload
    /// manifests, and last the tag manifests over every other file outside `data/`.
    func seal(info: [(String, String)]) throws {
        try write("bagit.txt", Self.declaration)
        let payload = files(under: "data")
        var lines: [String: String] = ["sha256": "", "sha512": ""]
        var octets: Int64 = 0
        for file in payload {
            let digest = try digests(file)
            octets += digest.size
            lines["sha256"]! += "\(digest.sha256)  \(Self.encode(file))\n"
            lines["sha512"]! += "\(digest.sha512)  \(Self.encode(file))\n"
        }
        var bagInfo = ""
        for (label, value) in info + [("Payload-Oxum", "\(octets).\(payload.count)")] {
            bagInfo += "\(label): \(value.replacingOccurrences(of: "\n", with: "\n  "))\n"
        }
        try write("bag-info.txt", bagInfo)
        for algorithm in Self.algorithms { try write("manifest-\(algorithm).txt", lines[algorithm]!) }
        var tags: [String: String] = ["sha256": "", "sha512": ""]
        let tagFiles = try FileManager.default.contentsOfDirectory(atPath: root).sorted().flatMap { name -> [String] in
            if name == "data" || name.hasPrefix("tagmanifest-") { return [] }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? files(under: name) : [name]
        }
        for file in tagFiles {
            let digest = try digests(file)
            tags["sha256"]! += "\(digest.sha256)  \(Self.encode(file))\n"
            tags["sha512"]! += "\(digest.sha512)  \(Self.encode(file))\n"
        }
        for algorithm in Self.algorithms { try write("tagmanifest-\(algorithm).txt", tags[algorithm]!) }
    }

    /// Writes a new file of the bag (its folders made as needed).
    func write(_ relative: String, _ text: String) throws {
        try write(relative, Array(text.utf8))
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let path = root + "/" + relative
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DFCError.storeIO(path: folder, reason: "cannot create folder: \(error.localizedDescription)")
        }
        try FileWriting.createReadOnly(path, bytes)
    }

    /// Writes a new file of the bag from text handed over a piece at a time (a listing of
    /// every picture of a long recording), holding at most about 1 MiB of it in memory.
    func writeLines(_ relative: String, _ body: ((String) throws -> Void) throws -> Void) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DFCError.storeIO(path: path, reason: "cannot create: \(errnoDescription())") }
        defer { close(fd) }
        var buffer: [UInt8] = []
        func flush() throws {
            guard FileWriting.writeAll(fd, buffer) else { throw DFCError.storeIO(path: path, reason: "cannot write: \(errnoDescription())") }
            buffer.removeAll(keepingCapacity: true)
        }
        try body { text in
            buffer += text.utf8
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        guard fsync(fd) == 0, fchmod(fd, 0o444) == 0 else { throw DFCError.storeIO(path: path, reason: "cannot flush: \(errnoDescription())") }
    }

    /// What is wrong with the bag, as `bagit.py --validate` would find it: a missing or
    /// unreadable declaration, a manifest entry whose file is missing or whose digest
    /// differs, a payload file no manifest lists, a wrong Payload-Oxum, a tag file whose
    /// tag-manifest digest differs. Empty when the bag is valid.
    func problems() -> [String] {
        var problems: [String] = []
        guard let declaration = try? String(contentsOfFile: root + "/bagit.txt", encoding: .utf8) else {
            return ["bagit.txt is missing: not a bag"]
        }
        if !declaration.contains("BagIt-Version: 1.0") { problems.append("bagit.txt does not declare BagIt 1.0") }
        let payload = Set(files(under: "data"))
        var listed = Set<String>()
        var digestCache: [String: (sha256: String, sha512: String, size: Int64)] = [:]
        func digest(_ file: String) -> (sha256: String, sha512: String, size: Int64)? {
            if let cached = digestCache[file] { return cached }
            let computed = try? digests(file)
            digestCache[file] = computed
            return computed
        }
        for kind in ["manifest", "tagmanifest"] {
            for algorithm in Self.algorithms {
                let name = "\(kind)-\(algorithm).txt"
                guard let text = try? String(contentsOfFile: root + "/" + name, encoding: .utf8) else {
                    problems.append("\(name) is missing")
                    continue
                }
                for line in text.split(separator: "\n") {
                    guard let space = line.firstIndex(of: " ") else { problems.append("\(name): a line is not \"digest  path\""); continue }
                    let expected = String(line[..<space]).lowercased()
                    let file = Self.decode(String(line[space...].drop { $0 == " " }))
                    guard !file.contains("..") else { problems.append("\(name): \(file) points outside the bag"); continue }
                    if kind == "manifest" { listed.insert(file) }
                    guard let actual = digest(file) else { problems.append("\(file): listed in \(name), but missing"); continue }
                    if (algorithm == "sha256" ? actual.sha256 : actual.sha512) != expected {
                        problems.append("\(file): its \(algorithm.uppercased()) is not the one \(name) lists: the file was changed")
                    }
                }
            }
        }
        for file in payload.subtracting(listed).sorted() { problems.append("\(file): in the payload but in no manifest: the file was added") }
        if let info = try? String(contentsOfFile: root + "/bag-info.txt", encoding: .utf8),
           let oxum = info.split(separator: "\n").first(where: { $0.hasPrefix("Payload-Oxum: ") })?.dropFirst(14) {
            let octets = payload.reduce(Int64(0)) { $0 + (digest($1)?.size ?? 0) }
            if oxum != "\(octets).\(payload.count)" { problems.append("bag-info.txt: Payload-Oxum \(oxum) is not the payload's \(octets).\(payload.count)") }
        } else {
            problems.append("bag-info.txt is missing or has no Payload-Oxum")
        }
        return problems
    }
}
