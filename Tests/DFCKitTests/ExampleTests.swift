import DFCKit
import Foundation
import Testing

/// The example other systems start from (`Examples/DESLookup`) builds with the tests, links the
/// DFCStore library alone, and works: found, nothing found and could not look are three exit codes,
/// never one.
@Suite struct ExampleTests {
    static var example: String {
        URL(fileURLWithPath: TestSupport.dfcBinary).deletingLastPathComponent().appendingPathComponent("des-lookup").path
    }

    @Test func theDESLookupExampleFindsSaysNoAndSaysWhenItCouldNotLook() throws {
        let store = try TestSupport.newStore()
        let exhibit = try #require(try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "DES-1", source: "cam-7",
                                                           actor: TestSupport.custodian).exhibit)
        let sha256 = try store.reading.exhibit(exhibit.description, actor: TestSupport.custodian).sha256
        let found = try TestSupport.run(Self.example, [store.path, TestSupport.custodian, "sha256", sha256])
        #expect(found.status == 0 && found.stdout.contains("\"exhibit\":\"\(exhibit)\"") && found.stdout.contains("\"DES-1\""),
                "\(found.stdout)\(found.stderr)")
        let bySource = try TestSupport.run(Self.example, [store.path, TestSupport.custodian, "source", "cam-7"])
        #expect(bySource.status == 0 && bySource.stdout.contains("\"exhibit\":\"\(exhibit)\""), "\(bySource.stdout)\(bySource.stderr)")
        let none = try TestSupport.run(Self.example, [store.path, TestSupport.custodian, "sha256", String(repeating: "0", count: 64)])
        #expect(none.status == 1 && none.stdout.isEmpty, "\(none.stdout)\(none.stderr)")
        let nowhere = try TestSupport.run(Self.example, [store.path + "-missing", TestSupport.custodian, "case", "DES-1"])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("could not look"), "\(nowhere.stderr)")

        // Custody, and the proof that the reading's own event is in the log's tree.
        let custody = try TestSupport.run(Self.example, [store.path, TestSupport.custodian, "custody", exhibit.description])
        let lines = custody.stdout.split(separator: "\n")
        #expect(custody.status == 0 && lines.first?.contains("\"action\":\"ingested\"") == true, "\(custody.stdout)\(custody.stderr)")
        #expect(lines.last?.contains("\"inclusion\":\"proved\"") == true, "\(custody.stdout)")
    }

    /// The DES links the store without FFmpeg or the workers: no FFmpeg library is loaded, and no code
    /// of the media or workers layers (their Swift-mangled module names) or of the confinement is in
    /// the binary, while the store's is.
    @Test func theStoreLibraryLinksNeitherFFmpegNorTheWorkers() throws {
        let binary = try Data(contentsOf: URL(fileURLWithPath: Self.example))
        func holds(_ text: String) -> Bool { binary.range(of: Data(text.utf8)) != nil }
        #expect(holds("8DFCStore"), "the check must see the store's own symbols")
        for absent in ["8DFCMedia", "10DFCWorkers", "dfc_set_no_new_privs", "avcodec_", "avformat_"] {
            #expect(!holds(absent), "des-lookup holds \(absent)")
        }
        let libraries = try TestSupport.run("/usr/bin/ldd", [Self.example])
        #expect(libraries.status == 0 && libraries.stdout.contains("libc.so") && !libraries.stdout.contains("libav"), "\(libraries.stdout)")
        // And the whole library's binary does hold them: the check can fail.
        let dfc = try Data(contentsOf: URL(fileURLWithPath: TestSupport.dfcBinary))
        #expect(dfc.range(of: Data("8DFCMedia".utf8)) != nil && dfc.range(of: Data("avcodec_".utf8)) != nil)
    }
}
