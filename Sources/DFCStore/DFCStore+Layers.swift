// The layers below the store whose public types are the store's API (`DFCError`, the value types of
// lookups and reports, actors, checkpoints, proofs): a caller imports DFCStore (or DFCKit) alone.
@_exported import DFCCore
@_exported import DFCLedger
