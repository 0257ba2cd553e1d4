import DFCKit
import Foundation
import Testing

/// Still images are evidence like footage: hashed, decoded, and their picture hashed so
/// that stock ffmpeg reproduces it, with one PDQ hash equal to the reference's.
@Suite struct StillImageTests {
    static let formats = ["jpg", "png", "tiff", "bmp", "webp"]

    /// A still made by stock ffmpeg: a test pattern with noise, an odd size.
    static func still(_ format: String, in directory: String) throws -> String {
        let file = directory + "/still." + format
        let made = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i",
                                                            "testsrc2=size=333x222,noise=alls=20:allf=t", "-frames:v", "1", "-y", file])
        try #require(made.status == 0, "\(made.stderr)")
        return file
    }

    @Test(arguments: formats)
    func aStillIsAnalysedAndStockToolsReproduceItsHashes(format: String) throws {
        let directory = TestSupport.temporaryDirectory()
        let file = try Self.still(format, in: directory)
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: file, caseID: "C", actor: TestSupport.custodian, containment: Containment(worker: TestSupport.dfcBinary))
        #expect(result.status == .ingested && result.findings == [] && result.frameCount == 1, "\(format): \(result.findings)")
        let exhibit = result.exhibit!.description

        // The command, as a court expert would type it.
        let stock = try TestSupport.run(TestSupport.ffmpeg, ["-nostdin", "-v", "error", "-i", file, "-f", "framehash", "-hash", "sha256", "-"])
        let stockHash = try #require(TestSupport.hashLines(stock.stdout).first?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces))
        #expect(try store.reading.frames(of: exhibit, actor: TestSupport.custodian).map(\.sha256) == [stockHash], "\(format)")

        let reference = try TestSupport.run(TestSupport.oraclePython, [TestSupport.script("pdq-oracle"), "video", file])
        try #require(reference.status == 0, "\(reference.stderr)")
        let pdq = try store.reading.pdqHashes(of: exhibit, actor: TestSupport.custodian)
        #expect(pdq.map(\.vpdqLine) == reference.stdout.split(separator: "\n").map(String.init), "\(format)")
        #expect(pdq.count == 1 && pdq[0].hash.quality > 50)
    }

    /// A still named like an image-sequence pattern, beside files the pattern would match,
    /// is read alone: the single-image demuxers never open another file.
    @Test func aFileNamedLikeASequencePatternIsReadAlone() throws {
        let directory = TestSupport.temporaryDirectory()
        let still = try Self.still("jpg", in: directory)
        for number in 1...3 { try FileManager.default.copyItem(atPath: still, toPath: directory + String(format: "/frame%03d.jpg", number)) }
        let pattern = directory + "/frame%03d.jpg"
        try FileManager.default.copyItem(atPath: still, toPath: pattern)
        let store = try TestSupport.newStore()
        let result = try store.intake.ingest(file: pattern, caseID: "C", actor: TestSupport.custodian)
        #expect(result.status == .ingested && result.frameCount == 1, "\(result)")
    }
}
