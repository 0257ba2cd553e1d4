/// Narrows a lookup by what an exhibit's own camera signatures say (`dfc lookup --signed-only`,
/// `--unsigned`): for triaging an archive. Signed or not is a property of the original's bytes, so
/// the analysis made at ingest answers it; an exhibit analysed before DFC checked signatures is
/// neither (`dfc reanalyze` checks it).
public enum SignatureFilter: String, Sendable, Codable, CaseIterable {
    /// Exhibits with at least one video stream carrying ONVIF Media Signing or Axis Signed Video
    /// signatures, whatever their verdict.
    case signed
    /// Exhibits whose video streams were checked and carry no such signature.
    case unsigned

    /// Whether an exhibit with `streams` passes.
    public func admits(_ streams: [StreamInfo]) -> Bool {
        let checked = streams.compactMap(\.signature)
        switch self {
        case .signed: return checked.contains { $0.framework != nil }
        case .unsigned: return !checked.isEmpty && checked.allSatisfy { $0.framework == nil }
        }
    }
}
