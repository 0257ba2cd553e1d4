import DFCKit
import Foundation
import Testing

/// `dfc report`: one self-contained HTML file that headless Chromium prints to a readable
/// PDF with the hashes, findings, thumbnails and custody timeline; writing it is recorded.
@Suite struct ReportTests {
    let actor = TestSupport.custodian

    @Test func theReportPrintsToAPDFWithThumbnailsFindingsAndTheCustodyTimeline() throws {
        let work = TestSupport.temporaryDirectory()
        let store = work + "/store"
        for file in ["bodycam.mp4", "gap_5s.mp4", "cctv_h264.mp4"] {
            #expect(try TestSupport.dfc(["ingest", TestSupport.fixture(file), "--case", "LHR-7", "--source", "Cam <7> & \"gate\"",
                                         "--store", store], actor: actor).status == 0)
        }
        let made = try TestSupport.dfc(["report", "EX-1", "EX-2", "EX-3", "--output", work + "/report.html", "--store", store], actor: actor)
        #expect(made.status == 0, "\(made.stderr)")
        let html = try String(contentsOfFile: work + "/report.html", encoding: .utf8)
        // Self-contained: nothing to fetch, nothing to run, every picture inline; text escaped.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http") && !html.contains("url("))
        let pictures = html.components(separatedBy: "src=\"data:image/png;base64,").dropFirst()
        #expect(pictures.count == 36 && !html.contains("could not be shown"))
        // Pictures wider than a thumbnail (EX-3 is 352x288) are scaled to 320 wide, keeping their shape.
        let widths = pictures.compactMap { Data(base64Encoded: String($0.prefix { $0 != "\"" })) }.map { png in
            png.subdata(in: 16..<20).reduce(0) { $0 << 8 | Int($1) }
        }
        #expect(Set(widths) == [180, 320], "\(Set(widths))")
        #expect(html.contains("Cam &lt;7&gt; &amp; &quot;gate&quot;"))

        let pdf = work + "/report.pdf"
        let chromium = try TestSupport.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(work)/profile",
            "--print-to-pdf=\(pdf)", "file://\(work)/report.html"])
        #expect(chromium.status == 0 && FileManager.default.fileExists(atPath: pdf), "\(chromium.stderr)")
        let info = try TestSupport.run("/usr/bin/pdfinfo", [pdf]).stdout
        let pages = Int(info.firstMatch(of: /Pages:\s+(\d+)/)?.1 ?? "0") ?? 0
        #expect(pages >= 3 && pages <= 12, "\(info)")
        let images = try TestSupport.run("/usr/bin/pdfimages", ["-list", pdf]).stdout.split(separator: "\n").count - 2
        #expect(images >= 36, "\(images) images")
        let text = try TestSupport.run("/usr/bin/pdftotext", ["-layout", pdf, "-"]).stdout
        let sha256 = try #require(try EvidenceStore(path: store).reading.exhibit("EX-2", actor: actor).sha256)
        for expected in ["Evidence report", "Exhibit EX-000001", "Exhibit EX-000002", "Chain of custody", "Contact sheet",
                         "timeline_gap", "ingested", "accessed", "command: report", "valid", "T. Tester (custodian)",
                         "00:00:00.000", "picture 0", String(sha256.prefix(32)), "How to check"] {
            #expect(text.contains(expected), "the PDF lacks \(expected)")
        }

        // The report is a recorded access, naming the pictures it shows.
        let custody = try EvidenceStore(path: store).reading.custody(of: "EX-1", actor: actor)
        let access = try #require(custody.first { $0.action == "accessed" && $0.details["command"] == "report" })
        #expect(access.details["thumbnails"]?.split(separator: ",").count == 12 && access.signatureStatus == "valid")
        let again = try TestSupport.dfc(["report", "EX-1", "--output", work + "/report.html", "--store", store], actor: actor)
        #expect(again.status == 73 && again.stderr.contains("already exists"))
    }

    @Test func anExhibitWithoutPicturesStillGetsItsReport() throws {
        let store = try TestSupport.newStore()
        _ = try store.intake.ingest(file: TestSupport.fixture("not_video.mp4"), caseID: "C", actor: actor)
        let html = try store.disclosure.report(["EX-1"], actor: actor, containment: Containment(worker: TestSupport.dfcBinary))
        #expect(html.contains("The exhibit has no decoded pictures to show.") && html.contains("Chain of custody"))
    }
}
