import ArgumentParser
import DFCKit

struct Proof: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print RFC 9162 Merkle proofs over the custody log.",
        subcommands: [Inclusion.self, Consistency.self])

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that a custody event is in the log's tree (the whole log, or a checkpoint's).")

        @OptionGroup var options: StoreOptions

        @Argument(help: "The custody event's number.")
        var event: Int64

        @Option(help: "Prove it against the tree this checkpoint signed (checked against the log first).")
        var checkpoint: String?

        @Option(name: .customLong("tree-size"), help: "Prove it against the log's first N events.")
        var treeSize: Int?

        func validate() throws {
            if checkpoint != nil && treeSize != nil { throw ValidationError("give --checkpoint or --tree-size, not both") }
        }

        func run() throws {
            try reportingErrors {
                let proof = try options.open().ledger.inclusionProof(
                    event: event, treeSize: treeSize, checkpoint: try checkpoint.map(readCheckpoint),
                    checkpointSource: checkpoint ?? "checkpoint", actor: options.actorName)
                Output.write(proof.text)
            }
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that the log as it stands extends a checkpoint unchanged. Exits 1 when it does not.")

        @OptionGroup var options: StoreOptions

        @Option(name: .customLong("checkpoint"), help: "The older checkpoint file.")
        var checkpoint: String?

        @Option(name: .customLong("later"), help: "A later checkpoint file to prove against (default: the log as it stands).")
        var later: String?

        /// The old spellings of --checkpoint and --later (one release).
        @Option(name: .customLong("from"), help: .hidden)
        var from: String?
        @Option(name: .customLong("to"), help: .hidden)
        var to: String?

        func validate() throws {
            _ = try RenamedFlag.value(checkpoint, "--checkpoint", old: from, "--from")
            _ = try RenamedFlag.value(later, "--later", old: to, "--to", required: false)
        }

        func run() throws {
            try reportingErrors {
                RenamedFlag.note(from, "--from", "--checkpoint", "--from and --to are for time ranges")
                RenamedFlag.note(to, "--to", "--later", "--from and --to are for time ranges")
                let older = checkpoint ?? from ?? "", newer = later ?? to
                let proof = try options.open().ledger.consistencyProof(
                    from: try readCheckpoint(older), source: older, to: try newer.map(readCheckpoint), laterSource: newer ?? "checkpoint",
                    actor: options.actorName)
                Output.write(proof.text)
            }
        }
    }
}
