import DFCCore

/// What the vault needs to know of a registered original to copy or check it: where it lies
/// and the hashes and size it was registered with. The catalog's exhibit row is one.
package protocol VaultEntry: Sendable {
    /// The exhibit, for messages.
    var exhibitID: ExhibitID { get }
    /// Where the vault holds it, relative to the vault.
    var vaultPath: String { get }
    /// The registered size in bytes.
    var size: Int64 { get }
    /// The registered SHA-256, hex.
    var sha256: String { get }
    /// The registered SHA-512, hex.
    var sha512: String { get }
}
