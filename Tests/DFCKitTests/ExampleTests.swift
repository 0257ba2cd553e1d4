import DFCKit
import Foundation
import Testing

/// The example other systems start from (`Examples/DESLookup`) builds with the tests and works:
/// found, nothing found and could not look are three exit codes, never one.
@Suite struct ExampleTests {
    @Test func theDESLookupExampleFindsSaysNoAndSaysWhenItCouldNotLook() throws {
        let store = try TestSupport.newStore()
        let exhibit = try #require(try store.intake.ingest(file: TestSupport.fixture("mjpeg.avi"), caseID: "DES-1", actor: TestSupport.custodian).exhibit)
        let sha256 = try #require(try store.reading.exhibit(exhibit.description, actor: TestSupport.custodian).sha256)
        let example = URL(fileURLWithPath: TestSupport.dfcBinary).deletingLastPathComponent().appendingPathComponent("des-lookup").path
        let found = try TestSupport.run(example, [store.path, TestSupport.custodian, "sha256", sha256])
        #expect(found.status == 0 && found.stdout.contains("\"exhibit\":\"\(exhibit)\"") && found.stdout.contains("\"DES-1\""),
                "\(found.stdout)\(found.stderr)")
        let none = try TestSupport.run(example, [store.path, TestSupport.custodian, "sha256", String(repeating: "0", count: 64)])
        #expect(none.status == 1 && none.stdout.isEmpty, "\(none.stdout)\(none.stderr)")
        let nowhere = try TestSupport.run(example, [store.path + "-missing", TestSupport.custodian, "case", "DES-1"])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("could not look"), "\(nowhere.stderr)")
    }
}
