// The services above the store that a service of this layer reaches (see `StoreService`).
extension StoreService {
    var intake: Intake { Intake(context: context) }
    var workers: WorkerRunner { WorkerRunner(context: context) }
    var integrity: Integrity { Integrity(context: context) }
}
