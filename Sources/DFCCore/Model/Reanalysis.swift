/// What `reanalyse` did with one exhibit: the analysis it recorded, and how it compares
/// with the analysis that was current before it.
public struct Reanalysis: Sendable, Codable, Equatable {
    /// The custody event (`reanalysed`) that recorded it.
    public var event: Int64
    /// The new analysis compared with the one that was current before (`comparison.second`
    /// is the new one, `comparison.first` the earlier one).
    public var comparison: AnalysisComparison
    /// What the new analysis found.
    public var findings: [Finding]

    /// The exhibit.
    public var exhibit: ExhibitID { comparison.exhibit }

    package init(event: Int64, comparison: AnalysisComparison, findings: [Finding]) {
        self.event = event
        self.comparison = comparison
        self.findings = findings
    }
}
