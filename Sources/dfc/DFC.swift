import ArgumentParser
import Logging

/// `dfc`: the Digital Media Forensics Center's command line, a thin layer over DFCKit.
///
/// The root is async; most commands are synchronous and run on the main thread, which is no thread of
/// Swift's cooperative pool and, until a command starts one, the process's only thread: the commands
/// that fork worker launchers (`ingest`, `batch`, `worker-host`, …) need that (`WorkerLauncher`), and
/// `worker-host` enters async code only after forking (`Blocking`).
@main
struct DFC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfc",
        abstract: "Take video in as evidence: hash it, catalogue it, and keep its chain of custody.",
        version: DFCKitVersion.text,
        subcommands: [
            Init.self, Ingest.self, Batch.self, Reanalyze.self, Show.self, Authenticity.self, Amend.self, CompareAnalyses.self, PDQCommand.self, Match.self,
            Frames.self, Extract.self, Redact.self, Export.self, VerifyPackage.self, Report.self, Packets.self, Lookup.self, Clock.self, SourceCommand.self, TimelineCommand.self, Verify.self, Custody.self, Audit.self,
            ActorCommand.self, TrustCommand.self, CheckpointCommand.self, Proof.self, MigrateStore.self, UpgradeCatalog.self, Worker.self, WorkerHost.self,
        ])

    /// What the store tells an operator (a worker killed, a clean-up that failed) goes to
    /// standard error, never among a command's output (`--json` above all).
    static func main() async {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        do {
            var command = try parseAsRoot(nil)
            if var command = command as? AsyncParsableCommand { try await command.run() } else { try command.run() }
        } catch {
            exit(withError: error)
        }
    }
}
