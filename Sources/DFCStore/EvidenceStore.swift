import Foundation
import Logging
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// A DFC evidence store: a directory holding `catalog.sqlite` (the catalog and the
/// custody log) and `vault/` (each original, once, by SHA-256) — or, where its `store.json`
/// says so, an S3 bucket with Object Lock as the vault (`EvidenceStore.initialize`).
///
/// This is the library the CLI and other police systems link. Every operation names
/// its actor; every operation that reads or writes evidence appends a custody event.
/// Operations are synchronous and safe to call from any thread (the async ones run on
/// threads of the library's own); errors are `DFCError`.
///
/// The store opens the engines and holds the services that do the work, which are the API:
/// `ledger`, `exhibits`, `intake`, `reading`, `search`, `disclosure`, `integrity`, `queue` and
/// `migrator` (`EvidenceStore+Services.swift`): `store.intake.ingest(…)`, `store.reading.lookup(…)`.
public struct EvidenceStore: StoreService {
    /// What the services share: the path, the two engines, the key folder, the logger.
    package var context: StoreContext
    /// The store directory.
    public var path: String { context.path }
    /// Seconds of video per PDQ hash for what this handle ingests or analyses again (one a
    /// second by default, as vPDQ; see `PDQSelection`). Each `ingested` and `reanalysed`
    /// event records the value used.
    public var pdqSecondsPerHash: Double {
        get { context.pdqSecondsPerHash }
        set { context.pdqSecondsPerHash = newValue }
    }

    /// The default store path: `./dfc-store`.
    public static let defaultPath = "dfc-store"

    /// Opens the store at `path`; with `create`, makes it first if it does not exist.
    /// `lockTimeout` is how many seconds a write waits while another process holds the
    /// catalog's write lock before it gives up with an error. `logger` receives what an
    /// operator must know (a worker killed, an analysis refused, a clean-up that failed).
    public init(path: String, create: Bool = false, lockTimeout: Double = 60, logger: Logger = Logger(label: "dfc")) throws {
        let absolute = Self.absolute(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw DFCError.storeIsNotDirectory(path: path) }
        } else if create {
            do {
                try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
            } catch {
                throw DFCError.storeIO(path: path, reason: "cannot create the store: \(error.localizedDescription)")
            }
        } else {
            throw DFCError.storeMissing(path: path)
        }
        let catalogPath = absolute + "/catalog.sqlite"
        if !create && !FileManager.default.fileExists(atPath: catalogPath)
            && !FileManager.default.fileExists(atPath: absolute + "/" + StoreDescriptor.fileName) {
            throw DFCError.storeMissing(path: path)
        }
        // Every access appends a custody event, a read too: a store that cannot be written
        // cannot be used at all, and is better refused now than at the first event.
        if access(absolute, W_OK) != 0 {
            throw DFCError.storeIO(path: path, reason: "the store is read-only (\(errnoDescription())): DFC records a custody "
                + "event for every access, a read included, so it cannot work on it")
        }
        let descriptor = try StoreDescriptor.read(storePath: absolute)
        if descriptor.vault == "folder" && !FileManager.default.fileExists(atPath: absolute + "/vault") {
            do {
                try FileManager.default.createDirectory(atPath: absolute + "/vault", withIntermediateDirectories: true)
            } catch {
                throw DFCError.storeIO(path: path, reason: "cannot create the vault folder: \(error.localizedDescription)")
            }
        }
        let vault = Vault(storePath: absolute, storage: try descriptor.openVault(storePath: absolute))
        let catalog = try descriptor.openCatalog(storePath: absolute, lockTimeout: lockTimeout, logger: logger)
        context = StoreContext(path: absolute, catalog: catalog, vault: vault, keys: KeyFolder(storePath: absolute), logger: logger)
    }

    package static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
