/// Where things are in an export package (a BagIt bag). The payload is `data/`; DFC's
/// tag files are under `dfc/`, covered by the bag's tag manifests.
enum PackageLayout {
    static let exhibits = "dfc/exhibits"
    static let events = "dfc/custody/events.jsonl"
    static let proofs = "dfc/custody/proofs.jsonl"
    static let checkpoint = "dfc/custody/checkpoint.txt"
    static let keys = "dfc/custody/keys.txt"
    static let actors = "dfc/custody/actors.jsonl"
    static let caseDescription = "dfc/case.jsonld"

    static func exhibitFolder(_ exhibit: String) -> String { exhibits + "/" + exhibit }
    static func description(_ exhibit: String) -> String { exhibitFolder(exhibit) + "/exhibit.json" }
    static func framehash(_ exhibit: String, stream: Int) -> String { exhibitFolder(exhibit) + "/framehash-s\(stream).txt" }
    static func vpdq(_ exhibit: String, stream: Int) -> String { exhibitFolder(exhibit) + "/vpdq-s\(stream).txt" }
    static func packets(_ exhibit: String) -> String { exhibitFolder(exhibit) + "/packets.txt" }
    static func extractedFrames(_ exhibit: String) -> String { exhibitFolder(exhibit) + "/extracted-frames.jsonl" }
    static func payloadFolder(_ exhibit: String) -> String { "data/" + exhibit }
    /// An extracted picture, in a folder per extraction (its `extracted` event).
    static func extractedFrame(_ exhibit: String, event: Int64, name: String) -> String {
        payloadFolder(exhibit) + "/frames/extraction-\(event)/" + name
    }

    /// The original's name in the package: letters, digits, `.`, `-` and `_` kept, anything
    /// else `_`, never starting with a dot.
    static func safeName(_ name: String) -> String {
        var safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        while safe.hasPrefix(".") { safe.removeFirst() }
        return safe.isEmpty ? "original" : String(safe.prefix(120))
    }

    /// The files the export authorisation commits to (`content_sha256`): everything under
    /// `data/` and `dfc/exhibits/`, written before the authorisation was signed.
    static let committedFolders = ["data", exhibits]
}
