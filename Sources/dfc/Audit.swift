import ArgumentParser
import DFCKit
import Foundation

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the whole store: custody chain, signatures, Merkle tree and checkpoints, vault files, catalog rows.",
        discussion: """
            Exits 1 on any problem, each named on its own PROBLEM line. A clean audit can write the tree head it \
            checked as a checkpoint signed by its actor (--write-checkpoint FILE): keep it outside the store, cosign \
            it where the store's checkpoints are cosigned, and give it to the next audit as --since FILE. That audit \
            still re-hashes every event and recomputes the tree (an edited old event is caught), but verifies \
            signatures, payloads and rows only for what came after the checkpoint, and re-hashes the rows and vault \
            copies of older exhibits in the share --rows (all, or 1/7: a seventh the checkpoint picks). It prints \
            what it did not verify again. A checkpoint no clean audit signed is refused (exit 65).
            """)

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("checkpoint"), help: "A checkpoint held outside the store: the log must extend it unchanged. Repeatable.")
    var checkpoints: [String] = []

    @Option(help: ArgumentHelp("Audit incrementally from this checkpoint, which a clean audit signed (--write-checkpoint).", valueName: "file"))
    var since: String?

    @Option(help: ArgumentHelp("With --since: re-hash the rows and vault copies of all older exhibits, or a share of them (1/7).", valueName: "all|K/N"))
    var rows: String = "all"

    @Option(help: ArgumentHelp("When clean, also write the checked tree head, signed, as a checkpoint to this file (it must not exist).", valueName: "file"))
    var writeCheckpoint: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard RowShare(parsing: rows) != nil else { throw ValidationError("--rows \(rows): give all, or a share K/N such as 1/7") }
        guard since != nil || rows == "all" else { throw ValidationError("--rows goes with --since") }
    }

    func run() throws {
        try reportingErrors {
            let report: AuditReport
            let store = try options.open()
            let destination = try writeCheckpoint.map { try store.disclosure.checkNewFile(at: $0) }   // refused before anything is read
            do {
                report = try store.integrity.audit(actor: options.actorName, checkpoints: try checkpoints.map(readCheckpoint),
                                                   since: try since.map(readCheckpoint), sinceSource: since ?? "checkpoint",
                                                   rows: RowShare(parsing: rows) ?? .all)
            } catch let error as DFCError where error.code == .catalogDamaged {
                // The catalog holds what DFC did not write, so badly that the audit could not go on: that is
                // the audit's answer (the store is not intact), not a failure to look.
                if json { Output.failure(error) } else { print("PROBLEM\t\(error.description)\nFAILED: the audit could not go on past it") }
                throw ExitCode.failure
            }
            if let destination, let checkpoint = report.checkpoint {
                try store.disclosure.writeNewFile(Data(checkpoint.utf8), at: destination)
            }
            if json {
                print(Output.json(report))
            } else {
                for problem in report.problems { print("PROBLEM\t\(problem)") }
                for notice in report.notices { print("NOTICE\t\(notice)") }
                if let covered = report.incremental {
                    print("INCREMENTAL\tsince tree size \(covered.sinceTreeSize) (checkpoint signed by \(covered.checkpointSigners.joined(separator: ", ")); "
                          + "clean audit: custody event \(covered.sinceAuditEvent)): \(covered.eventsVerified) later events verified in full; rows and vault "
                          + "copies of \(covered.olderExhibitsChecked) of \(covered.olderExhibits) older exhibits re-hashed (share \(covered.rows))")
                    for item in covered.notReverified { print("NOT REVERIFIED\t\(item)") }
                }
                if writeCheckpoint != nil, report.checkpoint == nil { print("NOTICE\tno checkpoint was written: the audit was not clean") }
                print("\(report.ok ? "CLEAN" : "FAILED"): \(report.eventsChecked) custody events (\(report.signaturesValid) valid signatures), "
                      + "\(report.checkpointsChecked) checkpoints, \(report.exhibitsChecked) exhibits checked, \(report.problems.count) problems; "
                      + "tree size \(report.treeSize), root \(report.rootHash)")
            }
            if !report.ok { throw ExitCode.failure }
        }
    }
}
