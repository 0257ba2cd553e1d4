extension PacketEntry {
    /// The header line of `dfc packets`' text listing (and of a package's `packets.txt`).
    public static let textHeader = "#index, stream, dts, pts, duration, size, key, sha256\n"

    /// One packet's line of the text listing, ending in a newline.
    public var textLine: String {
        let dts: String = self.dts.map { String($0) } ?? "NOPTS"
        let pts: String = self.pts.map { String($0) } ?? "NOPTS"
        let duration: String = self.duration.map { String($0) } ?? "0"
        let fields: [String] = [String(index), String(stream), dts, pts, duration, String(size), keyFrame ? "K" : "_", sha256]
        return fields.joined(separator: ", ") + "\n"
    }
}
