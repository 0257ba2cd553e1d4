/// The few fields DFC reads from S3's XML answers (`<Key>`, `<UploadId>`, `<Code>`…), found
/// by tag. S3's answers are flat and DFC's keys are hex paths, so a scan is enough; the five
/// predefined entities are decoded. Bounded: an answer is capped before it gets here.
enum XMLFields {
    /// Every value of `<tag>…</tag>` in `xml`, in order.
    static func values(_ tag: String, in xml: String) -> [String] {
        blocks(tag, in: xml).map(decode)
    }

    /// The first value of `<tag>`.
    static func value(_ tag: String, in xml: String) -> String? { values(tag, in: xml).first }

    /// The raw contents of every `<tag>…</tag>` (nested elements kept).
    static func blocks(_ tag: String, in xml: String) -> [String] {
        var found: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(tag)>") {
            guard let close = rest[open.upperBound...].range(of: "</\(tag)>") else { break }
            found.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#34;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
