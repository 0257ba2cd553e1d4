import Foundation
import Testing

/// The `dfc` manual (`Scripts/man`): swift-argument-parser's generator, run on the built `dfc`, writes
/// a page for the command and one for every subcommand, each with its options.
@Suite struct ManualTests {
    @Test func everyCommandHasAManualPageWithItsOptions() throws {
        let bin = URL(fileURLWithPath: TestSupport.dfcBinary).deletingLastPathComponent()
        let generator = bin.appendingPathComponent("generate-manual").path
        try #require(FileManager.default.isExecutableFile(atPath: generator),
                     "\(generator) is not built: Scripts/test builds it (swift build --product generate-manual)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dfc-man-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try TestSupport.run(generator, [TestSupport.dfcBinary, "--multi-page", "--date", "2026-01-01", "--output-directory", out])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        // Every subcommand `dfc --help` lists has its page.
        let help = try TestSupport.run(TestSupport.dfcBinary, ["--help"])
        let commands = help.stdout.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .compactMap { $0.hasPrefix("  ") && !$0.hasPrefix("   ") ? $0.split(separator: " ").first.map(String.init) : nil }
            .filter { $0.allSatisfy { $0.isLowercase || $0 == "-" } } ?? []
        #expect(commands.count > 20 && commands.contains("ingest") && commands.contains("audit"), "\(help.stdout)")
        for command in ["dfc"] + commands.map({ "dfc.\($0)" }) {
            #expect(pages.contains(command + ".1"), "no page \(command).1 among \(pages.sorted())")
        }
        let ingest = try String(contentsOfFile: out + "/dfc.ingest.1", encoding: .utf8)
        #expect(ingest.contains(".Dt DFC.INGEST 1") && ingest.contains("case") && ingest.contains("confined worker"))
    }
}
