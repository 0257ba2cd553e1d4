import Foundation

/// Batches shared by many hosts through the PostgreSQL catalog: `queueBatch` stages each
/// original into the vault and queues a job for it, with a signed `queued` event; any number of
/// worker hosts (`serve`) lease jobs with `SELECT … FOR UPDATE SKIP LOCKED`, analyse each in a
/// confined worker exactly as a local ingest does, and record it with a signed event in one
/// short transaction. PostgreSQL is the coordinator: there is no broker, runner or cluster of
/// DFC's own. A host that dies loses its leases when they run out, and another host takes the
/// jobs over; every file is recorded once, and a job that fails on `maxAttempts` hosts is
/// recorded with the reason from each, never retried for ever.
public struct Queue: StoreService {
    package let context: StoreContext
}
