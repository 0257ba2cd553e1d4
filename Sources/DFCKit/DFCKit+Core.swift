// The layers below DFCKit. Their public types (`DFCError`, `ActorRole`, the value types of the API, checkpoints
// and proofs) are part of DFCKit's API: a caller imports DFCKit alone.
@_exported import DFCCore
@_exported import DFCLedger

// The store without footage (opening a store, the ledger, exhibits, lookups): DFCKit adds the rest.
@_exported import DFCStore

// The layers the services are built on. Their `package` declarations are the services' own; nothing in them
// is public API.
@_exported import DFCCatalog
@_exported import DFCVault
@_exported import DFCMedia
@_exported import DFCWorkers
