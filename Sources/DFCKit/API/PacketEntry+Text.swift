extension PacketEntry {
    /// The header line of `dfc packets`' text listing (and of a package's `packets.txt`).
    public static let textHeader = "#index, stream, dts, pts, duration, size, key, sha256\n"

    /// One packet's line of the text listing, ending in a newline.
    public var textLine: String {
        [String(index), String(stream), dts.map(String.init) ?? "NOPTS", pts.map(String.init) ?? "NOPTS",
         duration.map(String.init) ?? "0", String(size), keyFrame ? "K" : "_", sha256].joined(separator: ", ") + "\n"
    }
}
