// The layers below DFCKit. The core layer's public types (`DFCError`, `ActorRole`) are part of DFCKit's API: a caller
// imports DFCKit alone.
@_exported import DFCCore
// The ledger's SQL-free layer (signers, payloads, the Merkle tree, signed notes), used throughout.
@_exported import DFCLedger
