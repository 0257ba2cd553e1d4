import DFCCore

/// Where a store keeps its originals, each once under `vault/ab/SHA256`: the store's own
/// folder (the embedded store) or an S3 bucket with Object Lock. `Vault` stages and checks
/// the bytes locally; a storage only puts, reads, lists and, where it can, withdraws them.
package protocol VaultStorage: Sendable {
    /// What errors and the audit call it: `vault folder /srv/store/vault`, `s3://bucket at http://…`.
    var name: String { get }
    /// Puts a staged copy (whole, checked, flushed) at `relative`; returns whether this call put
    /// it there (false when an object with the same bytes was there already).
    func place(_ staged: Vault.Staged, at relative: String) throws(DFCError) -> Bool
    /// Takes back what `place` put, for an ingest that did not commit. A locked object cannot
    /// be taken back: it stays, and the next ingest of the same file adopts it.
    func withdraw(_ relative: String)
    /// Whether the originals are files on this machine (placed by a rename, cheap under the
    /// catalog's write lock) or objects far away (uploaded before the transaction).
    var isLocal: Bool { get }
    /// The file itself, where the storage is a local folder; nil for a remote one.
    func localPath(_ relative: String) -> String?
    /// Writes the stored bytes to `fd` (a new file at `path`); throws `vaultObjectMissing` when
    /// there is nothing at `relative`.
    func fetch(_ relative: String, to fd: Int32, path: String) throws(DFCError)
    /// The size, SHA-256 and SHA-512 of what is stored at `relative`, read back whole; throws
    /// `vaultObjectMissing` when there is nothing there.
    func digest(_ relative: String) throws(DFCError) -> FileDigest
    /// Every stored key, `vault/…`.
    func list() throws(DFCError) -> [String]
    /// What is wrong with how `relative` is kept, apart from its bytes: for S3, an object that is
    /// not locked in compliance mode for as long as the store requires (`retentionDays`, the
    /// value signed when the store was made; nil: the descriptor's). Nil when nothing is.
    func keepingProblem(_ relative: String, registeredAt: String, retentionDays: Int?) throws(DFCError) -> String?
    /// Abandons uploads that a killed process began and never finished (S3 keeps their parts,
    /// and bills them, until then); returns how many. The folder has none: its staging files
    /// are swept with the rest of `tmp/`.
    func abortAbandonedUploads() -> Int
}
