import Foundation

extension Intake {
    /// Analyses an exhibit again from its vault copy (after an FFmpeg upgrade, or when its
    /// analysis failed or stopped at a limit), keeping every earlier analysis as it was.
    ///
    /// The vault copy is copied to the staging area and hashed in one pass; only a copy with
    /// the registered size, SHA-256 and SHA-512 is analysed, so what is analysed is exactly
    /// what was seized. A vault copy that differs is not analysed: a `verified` event records
    /// the mismatch and the error says what is wrong. The analysis runs as an ingest's does
    /// (in `containment`'s confined worker, or in this process when nil) and is recorded
    /// beside the earlier ones, with a signed `reanalysed` event that commits to its rows, in
    /// one short transaction. It becomes the current analysis if it finished.
    ///
    /// Then it is compared with the analysis that was current before, picture by picture:
    /// `difference` is called with each picture on which they disagree, in (stream, index)
    /// order, and the result summarises the comparison.
    public func reanalyse(
        _ reference: String, reason: String, actor: String, limits: MediaLimits = .standard, containment: Containment? = nil,
        difference: (FrameDifference) throws -> Void = { _ in }
    ) throws -> Reanalysis {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a re-analysis needs a reason (--reason TEXT)") }
        let signer = try ledger.handler(for: actor, command: "analyse evidence again")
        try integrity.sweepLeftovers(signer)
        let record = try withCatalog { try catalog.read { try exhibits.resolve(reference, $0) } }
        let staged = try exhibits.stageVaultCopy(of: record, signer: signer)
        defer { vault.discard(staged) }
        let vaultFile = vault.location(record.vaultPath)
        let analysis = try workers.analyse(staged, file: vaultFile, limits: limits, containment: containment)
        defer { if let path = analysis.path { unlink(path) } }

        let (recorded, event, earlier) = try withCatalog {
            try catalog.write { db -> (StoredAnalysis, Int64, StoredAnalysis) in
                let earlier = try Catalog.currentAnalysis(of: record, db)
                let summary = analysis.summary
                var row = AnalysisRecord(
                    id: nil, exhibitID: record.id!, format: summary.container?.format,
                    containerJSON: try summary.container.map { try CanonicalJSON.string($0) }, libraries: summary.libraries,
                    packetCount: summary.packetCount, frameCount: summary.frameCount, analysedAt: Timestamp.now(),
                    analysedBy: signer.name, reason: reason)
                row.id = try row.insertNumbered(db)
                let location = AnalysisLocation.reanalysis(row.id!)
                var details = [
                    "command": "reanalyze", "reason": reason, "analysis_id": String(row.id!), "sha256": record.sha256,
                    "vault_path": record.vaultPath, "compared_with": String(earlier.info.number),
                    "libraries": summary.libraries, "packet_count": String(summary.packetCount),
                    "frame_count": String(summary.frameCount), "findings": String(summary.findings.count),
                    "analysed_at": row.analysedAt, "analysed_by": analysis.analysedBy, "digest_layout": RowDigest.layout,
                ]
                details["analysis"] = String(try AnalysisRecord.count(db, where: "exhibit_id", is: record.id) + 1)
                let produced = ProducedRows()
                let rows = RowInserter(db, produced: produced)
                if let digest = try exhibits.insertRows(of: analysis, into: location, limits: limits, rows) { details["analysis_sha256"] = digest }
                try rows.finish()
                guard try AnalysisRecord.fetchOne(db, key: location.key) == row else { throw StoredRowsDiffer(table: "analysis") }
                if let confinement = summary.confinement { details["confinement"] = confinement }
                details["pdq_seconds_per_hash"] = String(summary.pdqSecondsPerHash)
                details.merge(try RowDigest.compute(location, expecting: produced, db)) { $1 }
                let event = try CustodyLog.append(db, action: "reanalysed", signer: signer, exhibit: record.exhibitID, details: details)
                let analyses = try Catalog.analyses(of: record, db)   // as they stand now, the new one last
                return (analyses.last!, event.seq, analyses[earlier.info.number - 1])
            }
        }
        let comparison = try withCatalog {
            try catalog.read { db in try compare(earlier, recorded, exhibit: record.exhibitID, db, difference) }
        }
        return Reanalysis(event: event, comparison: comparison, findings: analysis.summary.findings)
    }

    /// Compares two analyses of an exhibit (numbers as `ExhibitReport.analyses` gives them,
    /// 1 the one made at ingest), picture by picture and packet by packet: `difference` is
    /// called with each picture on which they disagree. Records an `accessed` event.
    public func compareAnalyses(
        of reference: String, _ first: Int, _ second: Int, actor: String, difference: (FrameDifference) throws -> Void = { _ in }
    ) throws -> AnalysisComparison {
        let signer = try ledger.signer(for: actor)
        let (record, a, b) = try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                let pair = (try exhibits.analysis(first, of: record, db), try exhibits.analysis(second, of: record, db))
                try ledger.recordAccess(db, [record], signer: signer, command: "compare", extra: ["analyses": "\(first),\(second)"])
                return (record, pair.0, pair.1)
            }
        }
        return try withCatalog { try catalog.read { db in try compare(a, b, exhibit: record.exhibitID, db, difference) } }
    }

    private func compare(
        _ first: StoredAnalysis, _ second: StoredAnalysis, exhibit: ExhibitID, _ db: CatalogDB, _ difference: (FrameDifference) throws -> Void
    ) throws -> AnalysisComparison {
        var comparer = AnalysisComparer(comparison: AnalysisComparison(exhibit: exhibit, first: first.info, second: second.info))
        try comparer.compareFrames(first: try Catalog.frameCursor(of: first.location, db),
                                   second: try Catalog.frameCursor(of: second.location, db), difference)
        try comparer.comparePackets(first: try Catalog.packetCursor(of: first.location, db),
                                    second: try Catalog.packetCursor(of: second.location, db))
        comparer.comparison.sameFindings = Self.comparable(try Catalog.findings(of: first.location, db))
            == Self.comparable(try Catalog.findings(of: second.location, db))
        return comparer.comparison
    }

    /// Findings as two analyses can share them: an `analysis_failed` message names its
    /// worker's process id, which differs between any two runs.
    private static func comparable(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            var finding = finding
            if finding.kind == .analysisFailed { finding.message = "" }
            return finding
        }
    }

}
