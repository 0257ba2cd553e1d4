import ArgumentParser
import DFCKit
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

struct WorkerHost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker-host",
        abstract: "Work through queued batches on this host: lease jobs, analyse each in a confined worker, record it signed.",
        discussion: """
            The store's catalog must be on PostgreSQL (the hosts share it) and --actor must be this host's own actor, \
            registered with the host role: run `dfc actor key NAME --store STORE` here, and have a custodian run \
            `dfc actor add NAME --role host --public-key KEY`. Each job's lease is renewed while its worker runs; a host \
            that dies loses its jobs to another when their leases run out. SIGTERM or SIGINT drains: no new job, those in \
            flight finish and are recorded; a second signal stops them and hands their leases back, and another host takes \
            them at its next look. It runs as a swift-service-lifecycle service; with --status-file it writes its health \
            for a supervisor. One line per job goes to standard output (JSON with --json).
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: "Jobs in flight at once, each in its own worker (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Seconds between looks at the queue when it has nothing.", valueName: "seconds"))
    var pollSeconds: Double = 2

    @Flag(help: "Stop once no job is queued or leased anywhere.")
    var exitWhenIdle = false

    @OptionGroup var worker: WorkerOptions

    @Option(help: ArgumentHelp("Write this host's health (state, heartbeat, jobs in flight, the last look at the queue, "
                               + "what it has done) to this file as one JSON object, every --status-seconds, for a supervisor.",
                               valueName: "path"))
    var statusFile: String?

    @Option(help: ArgumentHelp("Seconds between writes of --status-file.", valueName: "seconds"))
    var statusSeconds: Double = 5

    @Flag(help: "One JSON object per job.")
    var json = false

    func validate() throws {
        if !(1...64).contains(jobs) { throw ValidationError("--jobs must be from 1 to 64") }
        if !(pollSeconds > 0) || !pollSeconds.isFinite { throw ValidationError("--poll-seconds must be more than 0") }
        if !(statusSeconds >= 0.1) || !(statusSeconds <= 3600) { throw ValidationError("--status-seconds must be from 0.1 to 3600") }
    }

    func run() throws {
        // First, while this process has one thread and no store open: see `WorkerLauncher`.
        let launchers = (0..<jobs).map { _ in WorkerLauncher.start() }
        try reportingErrors {
            let store = try worker.open(options)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let containments = launchers.map { launcher in
                var containment = worker.containment(launcher)
                containment.decoderThreads = jobs > 1 ? max(1, cores / jobs) : 0
                return containment
            }
            let json = self.json
            let host = WorkerHostService(
                queue: store.queue, actor: options.actorName, containments: containments,
                options: HostOptions(jobs: jobs, pollSeconds: pollSeconds, exitWhenIdle: exitWhenIdle, limits: worker.limits)
            ) { activity in
                let line = json ? Output.json(activity)
                    : "\(activity.batch)\t\(activity.outcome)\t\(activity.exhibit?.description ?? "-")\t\(activity.path)"
                        + (activity.reason.map { "\t\($0)" } ?? "") + (activity.completedBatch ? "\tbatch completed" : "")
                Output.write(line + "\n")   // a file's path and a reason, escaped like every line dfc prints
            }
            var logger = Logger(label: "dfc.worker-host")
            logger.logLevel = .warning
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
            if let statusFile {
                services.append(.init(service: HostStatusFile(path: statusFile, control: host.control,
                                                              interval: .milliseconds(Int(statusSeconds * 1000)), logger: logger)))
            }
            // The host last: a group shuts its services down last first, so the status goes on while the host drains.
            services.append(.init(service: host, successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup))
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: logger))
            try Blocking.run {
                // The first SIGTERM or SIGINT drains the group; a second cancels it, which abandons the host's jobs.
                let running = Task { try await group.run() }
                let signals = Task {
                    var caught = 0
                    for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                        caught += 1
                        if caught == 1 { await group.triggerGracefulShutdown() } else { running.cancel() }
                    }
                }
                defer { signals.cancel() }
                try await running.value
            }
            guard let report = host.report else { return }
            print(json ? Output.json(report) : "HOST\t\(options.actorName)\t\(report.ingested) ingested, \(report.duplicates) duplicates, "
                  + "\(report.failedJobs) failed, \(report.returned) returned, \(report.leasesLost) lost\(report.alreadyRecorded > 0 ? ", \(report.alreadyRecorded) already recorded" : "")\(report.drained ? " (drained)" : "")")
        }
    }
}
