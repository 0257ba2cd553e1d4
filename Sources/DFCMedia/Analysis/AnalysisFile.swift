import DFCCore

/// The file in which a worker hands its analysis of one input to the parent: every packet
/// row, every frame row, then a summary, then a SHA-256 over all of it. The parent checks
/// it whole (`AnalysisReader`) before a row of it reaches the catalog.
///
/// Layout, all integers little-endian:
/// - the magic `DFC-ANALYSIS-1\n`;
/// - packet records: `P`, index i64, stream i32, flags u8 (1 pts, 2 dts, 4 duration,
///   8 position, 16 key frame), pts i64, dts i64, duration i64, position i64, size i64,
///   SHA-256 (32 bytes); absent values are written as 0;
/// - frame records: `F`, stream i32, index i64, flags u8 (1 pts, 2 seconds, 4 key frame,
///   8 hashed, 16 PDQ), pts i64, seconds (IEEE-754 bits, u64), picture type (one ASCII byte),
///   size i64, SHA-256 (32 bytes, zeros when not hashed), PDQ quality u8 and PDQ hash
///   (32 bytes, most significant first; zeros without one);
/// - the summary: `S`, length u32, `MediaAnalysis` as JSON;
/// - the end: `E`, SHA-256 of every byte before the `E`.
package enum AnalysisFile {
    package static let magic: [UInt8] = Array("DFC-ANALYSIS-2\n".utf8)
    package static let packetTag = UInt8(ascii: "P")
    package static let frameTag = UInt8(ascii: "F")
    package static let summaryTag = UInt8(ascii: "S")
    package static let endTag = UInt8(ascii: "E")
    /// Bytes after the tag.
    package static let packetBody = 8 + 4 + 1 + 8 * 5 + 32
    package static let frameBody = 4 + 8 + 1 + 8 + 8 + 1 + 8 + 32 + 1 + 32
    /// The largest summary a parent accepts.
    package static let maxSummaryBytes = 64 << 20
    /// The picture types FFmpeg's `av_get_picture_type_char` names.
    package static let pictureTypes = Set("IPBSipb?".utf8)

    /// Why an analysis file was refused.
    package struct Invalid: Error, CustomStringConvertible {
        package let description: String
        package init(_ description: String) { self.description = description }
    }
}
