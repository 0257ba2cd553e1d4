import DFCCore

/// Gathers the findings of one analysis, listing at most `limitPerKind` of each kind
/// one by one and counting the rest, so a badly damaged file cannot flood the catalog.
package struct FindingCollector {
    package static let limitPerKind = 50

    package private(set) var findings: [Finding] = []
    private var counts: [Finding.Kind: Int] = [:]

    package mutating func add(_ finding: Finding) {
        let seen = counts[finding.kind, default: 0]
        counts[finding.kind] = seen + 1
        if seen < Self.limitPerKind { findings.append(finding) }
    }

    /// Whether a finding of this kind was added.
    package func contains(_ kind: Finding.Kind) -> Bool { counts[kind, default: 0] > 0 }

    /// Whether a finding of this kind that `matches` was added; one counted past the limit, which
    /// is not kept to be looked at, counts as matching.
    package func contains(_ kind: Finding.Kind, where matches: (Finding) -> Bool) -> Bool {
        counts[kind, default: 0] > Self.limitPerKind || findings.contains { $0.kind == kind && matches($0) }
    }

    /// The findings, with one summary for each kind that went over the limit.
    package func finished() -> [Finding] {
        var result = findings
        for kind in Finding.Kind.allCases {
            let count = counts[kind, default: 0]
            guard count > Self.limitPerKind else { continue }
            result.append(Finding(
                kind: .moreFindings, severity: .info,
                message: "\(count - Self.limitPerKind) more \(kind.rawValue) findings beyond the \(Self.limitPerKind) listed (\(count) in all)"))
        }
        return result
    }

    package init(findings: [Finding] = [], counts: [Finding.Kind: Int] = [:]) {
        self.findings = findings
        self.counts = counts
    }
}
