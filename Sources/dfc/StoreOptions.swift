import ArgumentParser
import DFCKit
import Foundation

/// The options every command takes: which store, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store directory (default: $DFC_STORE, else ./dfc-store).")
    var store: String?

    @Option(name: .long, help: "Who is acting: recorded in the custody log (default: $DFC_ACTOR). Required.")
    var actor: String?

    var storePath: String {
        store ?? ProcessInfo.processInfo.environment["DFC_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? EvidenceStore.defaultPath
    }

    var actorName: String {
        actor ?? ProcessInfo.processInfo.environment["DFC_ACTOR"] ?? ""
    }

    func validate() throws {
        if actorName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(DFCError.actorMissing.description)
        }
    }

    func open(create: Bool = false) throws -> EvidenceStore {
        try EvidenceStore(path: storePath, create: create)
    }
}
