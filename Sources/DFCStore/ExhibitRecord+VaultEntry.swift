import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

// The catalog's exhibit row is what the vault copies and checks.
extension ExhibitRecord: VaultEntry {}
