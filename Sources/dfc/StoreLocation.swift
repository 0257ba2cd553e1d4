import ArgumentParser
import DFCKit
import Foundation

/// Which store a command works on: `--store`, else `$DFC_STORE`, else `./dfc-store`.
struct StoreLocation: ParsableArguments {
    @Option(name: .long, help: "The store directory (default: $DFC_STORE, else ./dfc-store).")
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait while another process holds the catalog's write lock.", valueName: "seconds"))
    var lockTimeout: Double = 60

    var path: String {
        store ?? ProcessInfo.processInfo.environment["DFC_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? EvidenceStore.defaultPath
    }

    func open(create: Bool = false) throws -> EvidenceStore {
        try EvidenceStore(path: path, create: create, lockTimeout: lockTimeout)
    }
}
