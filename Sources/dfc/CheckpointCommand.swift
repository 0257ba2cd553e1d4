import ArgumentParser
import DFCKit
import Foundation

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign and print a tree head over the whole custody log, or cosign one. Keep it outside the store.",
        discussion: """
            The checkpoint is a C2SP tlog-checkpoint signed note (Ed25519). Whoever holds it can later
            prove, with `dfc audit --checkpoint FILE` or `dfc proof consistency --from FILE`, that the log
            they are shown extends this one unchanged. With --cosign FILE the acting actor adds their
            signature to a checkpoint of this log (after checking it and that the log extends it).
            `dfc actor list --verifier-keys` prints the keys that verify it.
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: "Also write the checkpoint to this file (it must not exist).")
    var output: String?

    @Option(help: "Cosign this checkpoint file instead of signing a new one.")
    var cosign: String?

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let destination = try output.map { try store.disclosure.checkNewFile(at: $0) }   // refused before anything is signed
            let checkpoint = try cosign.map { try store.ledger.cosign(readCheckpoint($0), source: $0, actor: options.actorName) }
                ?? store.ledger.checkpoint(actor: options.actorName)
            if let destination { try store.disclosure.writeNewFile(Data(checkpoint.text.utf8), at: destination) }
            Output.write(checkpoint.text)
        }
    }
}

/// Reads a checkpoint file for the commands that take one.
func readCheckpoint(_ path: String) throws -> Checkpoint {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw DFCError.checkpoint(source: path, reason: "cannot be read")
    }
    return try Checkpoint(parsing: String(decoding: data, as: UTF8.self), source: path)
}
