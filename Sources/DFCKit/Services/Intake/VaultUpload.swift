import Foundation
import Synchronization

/// A staged original's upload to a vault in a bucket, begun as soon as the copy is staged and
/// hashed, so that it goes on while the worker analyses the same bytes (the S3 round trips and
/// the transfer then cost an ingest nothing it was not already waiting for). Never under the
/// catalog's write lock. `result()` waits for it; the staged copy must outlive it, so a caller
/// that stops early still waits (`finish()`) before discarding the copy.
///
/// One thread of its own per upload, not a pool's: an ingest running on the library's offload
/// pool must never wait for work queued behind itself on the same pool.
final class VaultUpload: Sendable {
    private let outcome = Mutex<Result<(path: String, placed: Bool), DFCError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts uploading `staged` into `vault`.
    init(_ staged: Vault.Staged, into vault: Vault) {
        let thread = Thread { [self] in
            let result: Result<(path: String, placed: Bool), DFCError>
            do throws(DFCError) { result = .success(try vault.commit(staged)) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.name = "dfc.vault-upload"
        thread.start()
    }

    /// The vault path and whether this upload placed it, once it has finished.
    func result() throws(DFCError) -> (path: String, placed: Bool) {
        finish()
        guard let result = outcome.withLock({ $0 }) else { throw DFCError.storeIO(path: "vault", reason: "the upload ended without a result") }
        return try result.get()
    }

    /// Waits for the upload to end, whatever its result.
    func finish() {
        if outcome.withLock({ $0 }) != nil { return }
        done.wait()
        done.signal()   // a later `finish()` or `result()` does not wait again
    }
}
