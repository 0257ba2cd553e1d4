import ArgumentParser
import DFCKit
import Foundation

/// The options every command that touches evidence takes: which store, and who is acting.
struct StoreOptions: ParsableArguments {
    @OptionGroup var location: StoreLocation

    @Option(name: .long, help: "Who is acting: a registered actor, recorded and signing in the custody log (default: $DFC_ACTOR). Required.")
    var actor: String?

    var actorName: String {
        actor ?? ProcessInfo.processInfo.environment["DFC_ACTOR"] ?? ""
    }

    func validate() throws {
        if actorName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(DFCError.actorMissing.description)
        }
    }

    func open(create: Bool = false) throws -> EvidenceStore {
        try location.open(create: create)
    }
}
