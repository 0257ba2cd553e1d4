import ArgumentParser
import DFCKit
import Foundation

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Register the people who may act on evidence, each with an Ed25519 key pair.",
        subcommands: [Add.self, List.self, Key.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an actor: a key pair, the private key in the store's keys/ (0600), the public key in the catalog.",
            discussion: """
                A store's first actor registers itself and must be a custodian or a supervisor;
                after that, --actor (or $DFC_ACTOR) names the custodian or supervisor registering NAME.
                The store is created if it does not exist.
                """)

        @OptionGroup var location: StoreLocation

        @Option(name: .long, help: "The registered custodian or supervisor doing it (default: $DFC_ACTOR; not needed for a store's first actor).")
        var actor: String?

        @Argument(help: "The new actor's name, as it will appear in every custody event.")
        var name: String

        @Option(help: "analyst, supervisor, custodian, auditor or host.")
        var role: ActorRole

        @Option(help: ArgumentHelp("Register this public key (as `dfc actor key` printed it where the key was made) instead of making a key pair here.",
                                   valueName: "hex"))
        var publicKey: String?

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try reportingErrors {
                let registrar = actor ?? ProcessInfo.processInfo.environment["DFC_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
                let info = try location.open(create: true).ledger.registerActor(name: name, role: role, by: registrar, publicKey: publicKey)
                if json {
                    print(Output.json(info))
                } else {
                    print("\(info.name)\t\(info.role.rawValue)\tkey \(info.publicKey)\tregistered by custody event \(info.registeredBy)")
                }
            }
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make this machine's key pair for NAME (once) and print its public key, for a custodian to register.",
            discussion: """
                On a worker host: the private key stays in this store folder's keys/ (0600) and never leaves the host; \
                a custodian registers the printed key with `dfc actor add NAME --role host --public-key KEY`. Records nothing.
                """)

        @OptionGroup var location: StoreLocation

        @Argument(help: "The actor's name, as it will be registered.")
        var name: String

        func run() throws {
            try reportingErrors { print(try location.open().ledger.hostKey(name: name)) }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an actor (a host that left the lab, a key that leaked): a signed event; it signs nothing more.")

        @OptionGroup var options: StoreOptions

        @Argument(help: "The actor to revoke.")
        var name: String

        @Option(help: "Why.")
        var reason: String

        func run() throws {
            try reportingErrors {
                let seq = try options.open().ledger.revokeActor(name: name, reason: reason, by: options.actorName)
                print("REVOKED\t\(name)\tcustody event \(seq)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered actors, their roles and public keys.")

        @OptionGroup var location: StoreLocation

        @Flag(help: "Print one JSON object per actor, each on its own line.")
        var json = false

        @Flag(help: ArgumentHelp("Print each actor's C2SP note verifier key (name+id+key), for checking checkpoints with transparency-log tools.",
                                 discussion: "A revoked actor's key is followed by a tab and \"revoked by custody event N at TIME\": "
                                    + "verify-package --keys and Scripts/court-verify refuse what it signed after that event."))
        var verifierKeys = false

        func run() throws {
            try reportingErrors {
                for info in try location.open().ledger.actors() {
                    print(verifierKeys ? info.verifierKeyLine : json ? Output.json(info)
                          : "\(info.name)\t\(info.role.rawValue)\t\(info.publicKey)\tevent \(info.registeredBy)\t\(info.registeredAt)"
                            + (info.revokedBy.map { "\tREVOKED by event \($0) at \(info.revokedAt ?? "?")" } ?? ""))
                }
            }
        }
    }
}

extension ActorRole: ExpressibleByArgument {}
