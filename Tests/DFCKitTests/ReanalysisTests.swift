@testable import DFCKit
import Foundation
import GRDB
import Testing

/// `reanalyse`: an exhibit analysed again from its vault copy keeps every earlier analysis,
/// records the new one with a signed event the audit checks, and reports frame by frame
/// how the two differ.
@Suite struct ReanalysisTests {
    let actor = TestSupport.custodian

    /// On an unchanged FFmpeg a second analysis agrees with the first on every picture,
    /// packet and finding, damaged footage included (its decode is deterministic); both are
    /// kept and readable, the new one is current, and the audit passes.
    @Test(arguments: ["cctv_h264.mp4", "damaged_truncated.mp4", "damaged_flipped.ts", "gap_5s.mp4", "res_change.ts"])
    func anUnchangedFFmpegReportsNoDifference(fixture: String) throws {
        let store = try TestSupport.newStore()
        let containment = Containment(worker: TestSupport.dfcBinary)
        let ingested = try store.intake.ingest(file: TestSupport.fixture(fixture), caseID: "C", actor: actor, containment: containment)
        let exhibit = ingested.exhibit!.description
        var differences: [FrameDifference] = []
        let result = try store.intake.reanalyse(exhibit, reason: "validation", actor: actor, containment: containment) { differences.append($0) }
        #expect(differences == [], "\(fixture): \(differences.prefix(3))")
        #expect(result.comparison.identical && result.comparison.sameFindings, "\(fixture): \(result.comparison)")
        #expect(result.comparison.framesCompared == ingested.frameCount && result.comparison.framesCompared > 0)
        #expect(result.comparison.first.number == 1 && result.comparison.second.number == 2 && result.comparison.second.current)

        let report = try store.reading.exhibit(exhibit, actor: actor)
        #expect(report.analyses.map(\.number) == [1, 2] && report.analyses.map(\.current) == [false, true])
        #expect(report.analyses[1].reason == "validation" && report.analyses[1].event == result.event)
        #expect(report.findings == ingested.findings)
        #expect(try store.reading.frames(of: exhibit, analysis: 1, actor: actor) == (try store.reading.frames(of: exhibit, analysis: 2, actor: actor)))
        #expect(try store.reading.packets(of: exhibit, analysis: 1, actor: actor) == (try store.reading.packets(of: exhibit, actor: actor)))
        #expect(try store.integrity.audit(actor: actor).problems == [])
    }

    /// A file whose worker was killed at its deadline is picked by `.failed`, analysed again
    /// with room to finish, and the comparison lists every picture only the new analysis has.
    /// A later analysis that does not finish is kept, but does not become current.
    @Test func aFailedAnalysisIsReplacedAndAFailedReanalysisIsNotCurrent() throws {
        let store = try TestSupport.newStore()
        let containment = Containment(worker: TestSupport.dfcBinary)
        var tight = MediaLimits.standard
        tight.maxSeconds = 0.001
        let failed = try store.intake.ingest(file: TestSupport.fixture("gap_5s.mp4"), caseID: "C", actor: actor, limits: tight, containment: containment)
        let clean = try store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "C", actor: actor, containment: containment)
        #expect(failed.findings.map(\.kind) == [.analysisFailed])
        #expect(try store.exhibits.exhibits(for: .failed) == [failed.exhibit!])
        #expect(try store.exhibits.exhibits(for: .all) == [failed.exhibit!, clean.exhibit!])

        var differences: [FrameDifference] = []
        let redone = try store.intake.reanalyse(failed.exhibit!.description, reason: "worker timed out", actor: actor, containment: containment) {
            differences.append($0)
        }
        #expect(redone.comparison.framesOnlyInSecond == 40 && redone.comparison.framesCompared == 0 && !redone.comparison.sameFindings)
        #expect(differences.map(\.kind) == Array(repeating: .onlyInSecond, count: 40))
        #expect(differences.map(\.index) == Array(0..<40) && differences.allSatisfy { $0.first == nil && $0.second?.sha256.count == 64 })
        #expect(try store.exhibits.exhibits(for: .failed) == [])
        let report = try store.reading.exhibit(failed.exhibit!.description, actor: actor)
        #expect(report.frameCount == 40 && report.findings.map(\.kind) == [.timelineGap])

        let notFinished = try store.intake.reanalyse(clean.exhibit!.description, reason: "try", actor: actor, limits: tight, containment: containment)
        #expect(notFinished.comparison.framesOnlyInFirst == 50 && !notFinished.comparison.second.current)
        let cleanReport = try store.reading.exhibit(clean.exhibit!.description, actor: actor)
        #expect(cleanReport.analyses.map(\.current) == [true, false] && cleanReport.analyses.map(\.finished) == [true, false])
        #expect(cleanReport.frameCount == 50 && cleanReport.findings == [])
        #expect(try store.integrity.audit(actor: actor).problems == [])
    }

    /// Only the registered bytes are analysed: a vault copy that was changed is refused with
    /// a clear error, the mismatch is a `verified` event, and no analysis is recorded.
    @Test func aChangedVaultCopyIsNotAnalysed() throws {
        let store = try TestSupport.newStore()
        let ingested = try store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "C", actor: actor)
        let report = try store.reading.exhibit("1", actor: actor)
        let file = store.path + "/" + report.vaultPath
        chmod(file, 0o644)
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.seek(toOffset: 2000)
        handle.write(Data([0xFF]))
        try handle.close()
        #expect {
            _ = try store.intake.reanalyse(ingested.exhibit!.description, reason: "check", actor: actor)
        } throws: { error in
            "\(error)".contains("EX-000001: vault copy \(report.vaultPath) is not the registered file")
                && "\(error)".contains("it was not analysed")
        }
        let custody = try store.reading.custody(of: "1", actor: actor)
        #expect(custody.contains { $0.action == "verified" && $0.details["result"] == "MISMATCH" && $0.details["command"] == "reanalyze" })
        #expect(!custody.contains { $0.action == "reanalysed" })
        #expect(try store.reading.exhibit("1", actor: actor).analyses.count == 1)
    }

    @Test func anAnalysisThatDoesNotExistIsNamed() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("cctv_h264.mp4"), caseID: "C", actor: actor)
        #expect(throws: DFCError.analysisNotFound(exhibit: "EX-000001", number: 2, count: 1)) {
            _ = try store.reading.frames(of: "1", analysis: 2, actor: actor)
        }
        #expect(throws: DFCError.self) { _ = try store.intake.reanalyse("1", reason: "  ", actor: actor) }
    }

    /// The commands: `reanalyze` as JSON lines, `compare` and `show` as text, `frames --analysis`.
    @Test func theCommandsReportAndListEachAnalysis() throws {
        let store = TestSupport.temporaryDirectory() + "/store"
        func dfc(_ arguments: [String]) throws -> TestSupport.Run { try TestSupport.dfc(arguments + ["--store", store]) }
        #expect(try dfc(["ingest", TestSupport.fixture("vfr.mp4"), "--case", "C"]).status == 0)
        let none = try dfc(["reanalyze", "--failed", "--reason", "after the outage"])
        #expect(none.status == 0 && none.stdout.isEmpty, "\(none.stderr)")
        let both = try dfc(["reanalyze", "1", "--all", "--reason", "x"])
        #expect(both.status != 0 && both.stderr.contains("give exhibits, or --failed, or --all (one of them)"))

        let json = try dfc(["reanalyze", "--all", "--reason", "FFmpeg validation", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let line = try #require(json.stdout.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let comparison = try #require((object["reanalysis"] as? [String: Any])?["comparison"] as? [String: Any])
        #expect(comparison["frames_with_different_hash"] as? Int == 0 && (comparison["frames_compared"] as? Int ?? 0) > 0)

        let compare = try dfc(["compare", "EX-1", "1", "2"])
        #expect(compare.status == 0 && compare.stdout.contains("EX-000001\tanalysis 2 (current) against analysis 1: identical"), "\(compare.stdout)")
        let show = try dfc(["show", "EX-1"])
        #expect(show.stdout.contains("Analysis   2 (current)") && show.stdout.contains("reason: FFmpeg validation"), "\(show.stdout)")
        #expect(try dfc(["frames", "EX-1", "--analysis", "1"]).stdout == (try dfc(["frames", "EX-1", "--analysis", "2"])).stdout)
        let missing = try dfc(["frames", "EX-1", "--analysis", "3"])
        #expect(missing.status == 1 && missing.stderr.contains("EX-000001: has no analysis 3 (it has 2: 1 made at ingest, 2 by reanalyze)"))
    }

    /// The comparison itself, on picture lists that differ in every way it reports.
    @Test func theComparerReportsEachKindOfDifference() throws {
        func frame(_ stream: Int, _ index: Int, _ hash: String, pts: Int64? = nil) -> FrameEntry {
            FrameEntry(stream: stream, index: index, pts: pts ?? Int64(index), ptsSeconds: nil, keyFrame: index == 0,
                       pictureType: "P", size: 10, sha256: hash)
        }
        let first = [frame(0, 0, "a"), frame(0, 1, "b"), frame(0, 2, "c"), frame(0, 3, "d"), frame(2, 0, "x")]
        let second = [frame(0, 0, "a"), frame(0, 1, "B"), frame(0, 2, "c", pts: 7), frame(1, 0, "y"), frame(2, 0, "x"), frame(2, 1, "z")]
        var comparer = AnalysisComparer(comparison: AnalysisComparison(
            exhibit: ExhibitID(1), first: Self.info(1), second: Self.info(2)))
        var a = first.makeIterator()
        var b = second.makeIterator()
        var found: [FrameDifference] = []
        try comparer.compareFrames(first: { a.next() }, second: { b.next() }) { found.append($0) }
        #expect(found.map { "\($0.kind.rawValue) \($0.stream):\($0.index)" }
                == ["hash 0:1", "attributes 0:2", "only_in_first 0:3", "only_in_second 1:0", "only_in_second 2:1"])
        let c = comparer.comparison
        #expect((c.framesCompared, c.framesWithDifferentHash, c.framesWithDifferentAttributes, c.framesOnlyInFirst, c.framesOnlyInSecond)
                == (4, 1, 1, 1, 2))
        #expect(!c.identical)
    }

    private static func info(_ number: Int) -> AnalysisInfo {
        AnalysisInfo(number: number, event: nil, at: "", actor: "", reason: nil, libraries: "", container: nil, packetCount: 0,
                     frameCount: 0, findingCount: 0, finished: true, current: number == 2)
    }
}
