import ArgumentParser
import DFCKit
import Foundation

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "The certificates the lab trusts to vouch for camera and C2PA signers: each added and revoked by a signed custody event.",
        discussion: """
            A signed stream's signer is trusted (provenance) when its certificate chain verifies up to an anchor held \
            for its framework when the exhibit is analysed; `dfc reanalyze` judges it again against the anchors of the \
            day, as a new signed event. The log itself holds each anchor's certificate, so what the lab trusted on any \
            date is provable from the log alone.
            """,
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trust the certificate(s) of a PEM file (a maker's root, a bundle, a trust list) for one framework (custodian or supervisor).")

        @OptionGroup var options: StoreOptions

        @Option(name: .customLong("for"), help: "onvif, axis or c2pa.")
        var framework: TrustAnchor.Framework

        @Argument(help: "A PEM file of one or more certificates.")
        var file: String

        @Option(help: "Why the lab trusts it (its origin, how it was obtained).")
        var reason: String

        @Flag(help: "Print one JSON object per anchor added.")
        var json = false

        func run() throws {
            try reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw DFCError.invalidArgument("\(file): cannot read it")
                }
                let certificates = try TrustAnchor.certificates(pem: String(decoding: data, as: UTF8.self), framework: framework, file: file)
                for anchor in try options.open().ledger.addTrustAnchors(certificates, reason: reason, by: options.actorName) {
                    print(json ? Output.json(anchor) : "TRUSTED\t\(anchor.certificate.framework.rawValue)\t\(anchor.certificate.sha256)\t"
                          + "\(anchor.certificate.subject)\tcustody event \(anchor.addedEvent)")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every trust anchor ever added, as the log records it, revoked ones marked.")

        @OptionGroup var options: StoreOptions

        @Flag(help: "Print one JSON object per anchor, each on its own line.")
        var json = false

        func run() throws {
            try reportingErrors {
                for anchor in try options.open().ledger.trustAnchors() {
                    let certificate = anchor.certificate
                    print(json ? Output.json(anchor) : "\(certificate.framework.rawValue)\t\(certificate.sha256)\t\(certificate.subject)\t"
                          + "valid \(certificate.notBefore) to \(certificate.notAfter)\tadded by \(anchor.addedBy), event \(anchor.addedEvent) at \(anchor.addedAt)"
                          + (anchor.revokedEvent.map { "\tREVOKED by \(anchor.revokedBy ?? "?"), event \($0) at \(anchor.revokedAt ?? "?"): \(anchor.revokeReason ?? "")" } ?? ""))
                }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop trusting an anchor (a maker's root withdrawn, a key compromised): a signed event; verdicts made before it stand as made.")

        @OptionGroup var options: StoreOptions

        @Argument(help: "The certificate's SHA-256, or 12 or more of its first hex digits (`dfc trust list`).")
        var sha256: String

        @Option(name: .customLong("for"), help: "Only for this framework (onvif, axis or c2pa); default: every one it is trusted for.")
        var framework: TrustAnchor.Framework?

        @Option(help: "Why.")
        var reason: String

        func run() throws {
            try reportingErrors {
                for seq in try options.open().ledger.revokeTrustAnchor(sha256: sha256, framework: framework, reason: reason, by: options.actorName) {
                    print("REVOKED\t\(sha256)\tcustody event \(seq)")
                }
            }
        }
    }
}

extension TrustAnchor.Framework: ExpressibleByArgument {}
