/// Which exhibits `dfc reanalyze` analyses again.
public enum ReanalysisSelection: Sendable, Equatable {
    /// These, by exhibit number or SHA-256 (prefix).
    case exhibits([String])
    /// Those whose current analysis did not finish (`analysis_failed`) or stopped at a limit
    /// (`limit_exceeded`).
    case failed
    /// Every exhibit.
    case all
}
