/// A picture extracted as a PNG file and registered as derived evidence, with where it came
/// from and who made it: what a court clerk holding a printed frame needs to know.
public struct DerivedEvidence: Sendable, Codable, Equatable {
    /// The picture: its parent exhibit, analysis, stream, frame index and time, the decoded
    /// picture's SHA-256, the PNG's SHA-256 and how it was converted.
    public var picture: ExtractedFrame
    /// The parent exhibit's case now.
    public var caseID: String
    /// Who extracted it (the signer of the `extracted` event, `picture.event`).
    public var extractedBy: String
    /// When, RFC 3339 in UTC.
    public var extractedAt: String

    package enum CodingKeys: String, CodingKey { case picture, caseID = "case", extractedBy, extractedAt }

    /// One line for a person: parent, stream, frame, time, hashes, extraction event and actor.
    public var summary: String {
        let time = picture.ptsSeconds.map { " at \($0) s" } ?? ""
        return "a picture extracted from \(picture.exhibit) (case \(caseID)), stream \(picture.stream), frame \(picture.frame)\(time) "
            + "of analysis \(picture.analysis); the picture's SHA-256 \(picture.frameSHA256); extracted by \(extractedBy) at "
            + "\(extractedAt) (custody event \(picture.event))"
    }

    package init(picture: ExtractedFrame, caseID: String, extractedBy: String, extractedAt: String) {
        self.picture = picture
        self.caseID = caseID
        self.extractedBy = extractedBy
        self.extractedAt = extractedAt
    }
}
