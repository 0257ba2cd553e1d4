internal import Crypto
import Foundation

extension Search {
    /// The largest hash list read, and the longest line.
    static let maxHashListBytes = 256 << 20
    static let maxHashListLine = 4096

    /// Every exhibit and picture a list of hashes names, as agencies exchange them: one hash
    /// a line, each a file SHA-256, a framehash SHA-256 or a PDQ hash (64 hex digits for all
    /// three, so a bare one is tried as each), or prefixed `sha256:`, `frame:` or `pdq:` to
    /// say which; vPDQ lines (`frame,quality,hex,timestamp`) are PDQ hashes. Blank lines and
    /// `#` comments are skipped. A PDQ hash matches pictures within `options.maxDistance`
    /// (hashes below `options.minQuality` are ignored on both sides). Hits come in list order.
    ///
    /// A line that is none of these is an error naming the file and line, and nothing is
    /// recorded. Records a `searched` event and an `accessed` event on each exhibit found.
    public func match(hashList file: String, options: MatchOptions = MatchOptions(), actor: String) throws -> [HashListHit] {
        let signer = try ledger.signer(for: actor)
        let (entries, sha256) = try Self.readHashList(file)
        let index = entries.contains { $0.kinds.contains(.pdq) } ? try loadPDQIndex(minQuality: options.minQuality) : nil
        let hits = try withCatalog {
            try catalog.read { db -> [HashListHit] in
                var exhibits = ExhibitCache()
                var hits: [HashListHit] = []
                func hit(_ entry: HashListEntry, _ kind: HashListHit.Kind, _ exhibit: Int64, stream: Int? = nil, frame: Int? = nil,
                         seconds: Double? = nil, distance: Int? = nil) throws {
                    guard let (record, now) = try exhibits.get(exhibit, self.exhibits, db) else { return }
                    hits.append(HashListHit(line: entry.line, value: entry.value, kind: kind, exhibit: record.exhibitID, caseID: now.caseID,
                                            originalName: record.originalName, stream: stream, frame: frame, ptsSeconds: seconds,
                                            distance: distance))
                }
                for entry in entries {
                    if entry.kinds.contains(.fileSHA256),
                       let record = try Catalog.exhibit(sha256: entry.value, scanning: false, db) {
                        try hit(entry, .fileSHA256, record.id!)
                    }
                    if entry.kinds.contains(.frameSHA256), let bytes = Hex.bytes(entry.value) {
                        for frame in try Catalog.frames(withSHA256: Data(bytes), db) {
                            try hit(entry, .frameSHA256, frame.exhibit, stream: frame.stream, frame: frame.index, seconds: frame.seconds)
                        }
                    }
                    if entry.kinds.contains(.pdq), let index, let hash = PDQHash(hex: entry.value, quality: entry.quality ?? 100),
                       hash.quality >= options.minQuality {
                        for found in index.index.search(hash, within: options.maxDistance).sorted(by: { ($0.distance, $0.entry) < ($1.distance, $1.entry) }) {
                            let picture = index.pictures[found.entry]
                            try hit(entry, .pdq, picture.exhibit, stream: picture.stream, frame: picture.frame, seconds: picture.seconds,
                                    distance: found.distance)
                        }
                    }
                }
                return hits
            }
        }
        try recordSearch(kind: "hash-list", file: file, sha256: sha256, hits: hits.map(\.exhibit),
                         extra: ["hashes": String(entries.count), "hits": String(hits.count), "max_distance": String(options.maxDistance)],
                         signer: signer)
        return hits
    }

    /// One hash of a list: its line, its value (lower-case hex), the kinds it may be, and a
    /// PDQ quality when the line gave one.
    struct HashListEntry {
        let line: Int
        let value: String
        let kinds: Set<HashListHit.Kind>
        let quality: Int?
    }

    /// Reads and checks a hash list whole, before anything is looked up; with the SHA-256 of
    /// the very bytes read (what the `searched` event names).
    static func readHashList(_ file: String) throws -> (entries: [HashListEntry], sha256: String) {
        try InputFile.check(file)
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxHashListBytes + 1) ?? Data()
        } catch {
            throw DFCError.inputUnreadable(path: file, reason: error.localizedDescription)
        }
        guard data.count <= maxHashListBytes else {
            throw DFCError.invalidArgument("\(file): a hash list of more than \(maxHashListBytes >> 20) MiB; split it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DFCError.invalidArgument("\(file): not a text file (not UTF-8)")
        }
        var entries: [HashListEntry] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            guard raw.utf8.count <= maxHashListLine else { throw DFCError.invalidArgument("\(file):\(number): a line of more than \(maxHashListLine) bytes") }
            var line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            line = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            func isHash(_ text: String) -> Bool { text.utf8.count == 64 && Hex.isHex(text) }
            let lower = line.lowercased()
            if let colon = lower.firstIndex(of: ":"), !lower.contains(",") {
                let kind = lower[..<colon].trimmingCharacters(in: .whitespaces)
                let value = lower[lower.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                let kinds: [String: HashListHit.Kind] = ["sha256": .fileSHA256, "file": .fileSHA256, "frame": .frameSHA256,
                                                         "framehash": .frameSHA256, "pdq": .pdq]
                guard let known = kinds[kind], isHash(value) else {
                    throw DFCError.invalidArgument("\(file):\(number): \"\(line.prefix(80))\" is not KIND:HASH with KIND sha256, frame or pdq and 64 hex digits")
                }
                entries.append(HashListEntry(line: number, value: value, kinds: [known], quality: nil))
            } else if lower.contains(",") {
                let fields = lower.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard fields.count == 4, Int(fields[0]) != nil, let quality = Int(fields[1]), (0...100).contains(quality), isHash(fields[2]) else {
                    throw DFCError.invalidArgument("\(file):\(number): \"\(line.prefix(80))\" is not a vPDQ line (frame,quality,hex,timestamp)")
                }
                entries.append(HashListEntry(line: number, value: fields[2], kinds: [.pdq], quality: quality))
            } else {
                guard isHash(lower) else {
                    throw DFCError.invalidArgument("\(file):\(number): \"\(line.prefix(80))\" is not a hash (64 hex digits, optionally sha256:, frame: or pdq:)")
                }
                entries.append(HashListEntry(line: number, value: lower, kinds: [.fileSHA256, .frameSHA256, .pdq], quality: nil))
            }
        }
        return (entries, Hex.string(SHA256.hash(data: data)))
    }
}
