import ArgumentParser
import DFCKit
import Foundation

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign and print a tree head over the whole custody log. Keep it outside the store.",
        discussion: """
            Whoever holds this text can later prove, with `dfc audit --checkpoint FILE` or
            `dfc proof consistency --from FILE`, that the log they are shown extends this one unchanged.
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: "Also write the checkpoint to this file (it must not exist).")
    var output: String?

    func run() throws {
        try reportingErrors {
            let checkpoint = try options.open().checkpoint(actor: options.actorName)
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(checkpoint.text.utf8)) else {
                    throw DFCError.storeIO(path: output, reason: "cannot write the checkpoint")
                }
            }
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
