import Foundation
import DFCCore

/// The embedded store's vault: the folder `STORE/vault`, each file written by a rename from
/// the staging area, then made read-only.
package struct FolderVault: VaultStorage {
    /// The store directory; keys are paths relative to it.
    package let storePath: String

    package var name: String { "vault folder \(storePath)/vault" }

    package var isLocal: Bool { true }

    package func localPath(_ relative: String) -> String? { storePath + "/" + relative }

    package func place(_ staged: Vault.Staged, at relative: String) throws(DFCError) -> Bool {
        let destination = storePath + "/" + relative
        let folder = (destination as NSString).deletingLastPathComponent
        try Vault.makeDirectory(folder)
        // A file already there with the right bytes is kept; one with the wrong bytes (damaged,
        // or left by a crash) is replaced.
        if FileManager.default.fileExists(atPath: destination),
           let existing = try? FileDigest.compute(path: destination), existing == staged.digest {
            unlink(staged.temporaryPath)
            return false
        }
        guard rename(staged.temporaryPath, destination) == 0 else {
            throw DFCError.storeIO(path: destination, reason: "cannot move into the vault: \(errnoDescription())")
        }
        Durability.syncDirectory(folder)
        return true
    }

    package func withdraw(_ relative: String) {
        let path = storePath + "/" + relative
        unlink(path)
        Durability.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    package func fetch(_ relative: String, to fd: Int32, path: String) throws(DFCError) {
        let source = storePath + "/" + relative
        guard FileManager.default.fileExists(atPath: source) else { throw DFCError.vaultObjectMissing(key: relative, vault: name) }
        _ = try FileDigest.compute(path: source, copyingTo: fd, destinationPath: path)
    }

    package func digest(_ relative: String) throws(DFCError) -> FileDigest {
        let path = storePath + "/" + relative
        guard FileManager.default.fileExists(atPath: path) else { throw DFCError.vaultObjectMissing(key: relative, vault: name) }
        return try FileDigest.compute(path: path)
    }

    package func list() throws(DFCError) -> [String] {
        FileWriting.regularFiles(under: storePath + "/vault").map { "vault/" + $0 }
    }

    package func abortAbandonedUploads() -> Int { 0 }

    package func keepingProblem(_ relative: String, registeredAt: String, retentionDays: Int?) throws(DFCError) -> String? { nil }

    package init(storePath: String) {
        self.storePath = storePath
    }
}
