import Foundation
import Synchronization

extension Queue {
    /// Runs this machine as worker host `actor` (registered with the `host` role, its key in this
    /// store folder only): leases jobs of every queued batch, `options.jobs` at a time, each in a
    /// worker of one of `containments` (in this process, one at a time, when empty), and records
    /// each as its own signed event naming the actor who started the batch. Leases are renewed
    /// while workers run; a lease that passes to another host stops its worker, and nothing of
    /// that job is recorded here.
    ///
    /// Runs until `control` drains it (the jobs in flight finish and are recorded) or abandons it
    /// (they stop and their leases go back to the queue), or, with `exitWhenIdle`, until no job
    /// is queued or leased anywhere. A catalog that cannot be reached is waited for: the host goes
    /// on once it is back. A revoked host stops at its next commit, with `actorRevoked`.
    /// `activity` is called after each job, from the thread that did it.
    public func serve(
        actor: String, containments: [Containment] = [], options: HostOptions = HostOptions(), control: HostControl = HostControl(),
        activity: @escaping @Sendable (HostActivity) -> Void = { _ in }
    ) throws -> HostReport {
        guard catalog.holdsQueues else { throw DFCError.invalidArgument(Catalog.queueNeedsPostgres) }
        let signer = try ledger.signer(for: actor, asHost: true)
        guard signer.role == .host else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "run a worker host: a host is an actor of its own, "
                + "registered with the host role (`dfc actor key NAME` on the host, then `dfc actor add NAME --role host --public-key KEY` by a custodian)")
        }
        control.updateStatus { $0.host = signer.name; $0.state = .serving }
        defer { control.updateStatus { $0.state = .stopped } }
        // A cut link costs seconds, not TCP's minutes: a query waits for a lock wait and a little more.
        catalog.giveUpQueries(afterLockWaitPlus: 15)
        let keeper = LeaseKeeper(catalog: catalog, logger: logger)
        keeper.start()
        defer { keeper.stop() }
        control.onAbandon { keeper.cancelAll() }
        let run = HostRun(control: control)
        let group = DispatchGroup()
        let slots: [Containment?] = containments.isEmpty ? [nil] : Array(containments.prefix(max(1, options.jobs)))
        for (index, slot) in slots.enumerated() {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                work(slot, signer: signer, options: options, control: control, keeper: keeper, run: run, activity: activity)
            }
            thread.name = "dfc.host-\(index)"
            thread.start()
        }
        group.wait()
        if let error = run.error { throw error }
        var report = run.report
        report.drained = control.isDraining
        control.updateStatus { [report] in $0.report = report }
        return report
    }

    /// One slot's loop: lease, analyse, record, until told to stop or (with `exitWhenIdle`) idle.
    private func work(
        _ slot: Containment?, signer: Signer, options: HostOptions, control: HostControl, keeper: LeaseKeeper, run: HostRun,
        activity: @Sendable (HostActivity) -> Void
    ) {
        while !control.isDraining && run.error == nil {
            let since = ContinuousClock.now
            let lease: JobLease?
            do {
                lease = try withCatalog { try catalog.coordinate { try Catalog.leaseJob(host: signer.name, token: UUID().uuidString, $0) } }
                control.updateStatus { $0.lastQueueLook = Timestamp.now(); $0.catalogError = nil }
            } catch {
                logger.warning("the queue cannot be read; trying again", metadata: ["error": "\(error)"])
                control.updateStatus { $0.catalogError = "\(error)" }
                Self.pause(options.pollSeconds, control)
                continue
            }
            guard let lease else {
                if options.exitWhenIdle, (try? withCatalog({ try catalog.coordinate { try Catalog.openJobs($0) } })) == 0 { return }
                Self.pause(options.pollSeconds, control)
                continue
            }
            let flag = CancellationFlag()
            var contained = slot
            contained?.cancellation = flag
            keeper.hold(lease, flag: flag, since: since)
            control.updateStatus { $0.jobsInFlight += 1 }
            defer {
                keeper.release(lease)
                control.updateStatus { $0.jobsInFlight -= 1 }
            }
            var note = HostActivity(batch: BatchID(lease.batch), path: lease.path, outcome: "", exhibit: nil, reason: nil, completedBatch: false)
            do {
                switch try perform(lease, host: signer, containment: contained, limits: options.limits) {
                case .recorded(let result, let completed):
                    note.outcome = result.map { $0.status == .duplicate ? "duplicate" : "ingested" } ?? "job_failed"
                    note.exhibit = result?.exhibit
                    note.completedBatch = completed
                    run.count(note)
                case .returned(let reason):
                    note.outcome = "returned"
                    note.reason = reason
                    run.count(note)
                case .alreadyRecorded(let event):
                    note.outcome = "already_recorded"
                    note.reason = "custody event \(event) recorded it already; its job row was edited to queue it again"
                    run.count(note)
                }
            } catch let error as DFCError where error.code == .actorRevoked {
                run.stop(error)
                try? returnLease(lease)
                control.abandon()
                return
            } catch where control.isAbandoning {
                try? returnLease(lease)
                note.outcome = "abandoned"
                run.count(note)
            } catch let error as DFCError where error.code == .leaseLost {
                note.outcome = "lost"
                note.reason = error.context["reason"]
                run.count(note)
            } catch let error as DFCError where error.code == .cancelled {
                note.outcome = "lost"
                note.reason = "its lease could not be kept (renewed by no one for its length, or taken by another host); its worker was stopped"
                run.count(note)
            } catch {
                // A store error (the catalog or vault away, a full disk): not the file's fault. The
                // lease runs out and the job is taken again; this host waits and goes on.
                logger.error("a job could not be recorded; its lease will run out and it will be taken again", metadata: [
                    "job": "\(lease.id)", "path": "\(lease.path)", "error": "\(error)"])
                note.outcome = "lost"
                note.reason = "\(error)"
                run.count(note)
                Self.pause(options.pollSeconds, control)
            }
            activity(note)
        }
    }

    /// Waits `seconds`, or less once the host is told to stop.
    private static func pause(_ seconds: Double, _ control: HostControl) {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end && !control.isDraining { Thread.sleep(forTimeInterval: min(0.1, seconds)) }
    }
}

/// What the slots of one host have done, and the error that stopped them.
private final class HostRun: Sendable {
    private let state = Mutex<(report: HostReport, error: (any Error)?)>((HostReport(), nil))
    private let control: HostControl

    init(control: HostControl) {
        self.control = control
    }

    var report: HostReport { state.withLock { $0.report } }
    var error: (any Error)? { state.withLock { $0.error } }

    func stop(_ error: any Error) { state.withLock { if $0.error == nil { $0.error = error } } }

    func count(_ note: HostActivity) {
        let report = state.withLock { state -> HostReport in
            switch note.outcome {
            case "ingested": state.report.ingested += 1
            case "duplicate": state.report.duplicates += 1
            case "job_failed": state.report.failedJobs += 1
            case "returned": state.report.returned += 1
            case "lost": state.report.leasesLost += 1
            case "already_recorded": state.report.alreadyRecorded += 1
            default: break
            }
            if note.completedBatch { state.report.batchesCompleted += 1 }
            return state.report
        }
        control.updateStatus { $0.report = report }
    }
}
