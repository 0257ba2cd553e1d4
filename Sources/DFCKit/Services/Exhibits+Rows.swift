import Foundation

extension Exhibits {
    /// Adds to `rows` an analysis's stream rows, its packet and frame rows (read from its file a
    /// second time, which must give the digest the check gave) and its findings. Returns the
    /// analysis file's SHA-256, or nil when the analysis has no rows (it did not finish).
    func insertRows(of analysis: CheckedAnalysis, into location: AnalysisLocation, limits: MediaLimits, _ rows: RowInserter) throws -> String? {
        let summary = analysis.summary
        for stream in summary.streams {
            try Catalog.insert(stream, framehashTimeBase: summary.framehashTimeBases[stream.index], into: location, rows)
        }
        if let path = analysis.path {
            let again = try AnalysisReader(path: path, limits: limits).read(
                packet: { try Catalog.insert($0, into: location, rows) }, frame: { try Catalog.insert($0, into: location, rows) })
            guard again.digest == analysis.digest else {
                throw DFCError.storeIO(path: path, reason: "the analysis changed between its check and its recording; nothing was recorded")
            }
        }
        for finding in summary.findings { try Catalog.insert(finding, into: location, rows) }
        return analysis.path == nil ? nil : analysis.digest
    }
}
