import Foundation
import Logging
public import ServiceLifecycle

/// A worker host's health for its supervisor: writes the host's `HostStatus` as one JSON object to
/// `path` every `interval`, each time whole (a new file renamed over the old one), until the host
/// has stopped, then once more with its final state and report.
///
/// A supervisor (a systemd timer, a monitoring agent, a shell loop) reads `heartbeat`: older than a
/// few intervals means the process is hung or gone. `state` says whether it serves, drains or has
/// stopped; `catalog_error`, set, says it is alive but cannot read the queue; `last_queue_look`
/// says when a slot last read it. Put it before the host in the `ServiceGroup`: a group shuts its
/// services down last first, so this one goes on writing while the host drains.
public struct HostStatusFile: Service {
    /// Where the status goes.
    public let path: String
    /// The host's control, which carries its status.
    public let control: HostControl
    /// Time between writes.
    public let interval: Duration
    private let logger: Logger

    /// Writes `control`'s status to `path` every `interval`.
    public init(path: String, control: HostControl, interval: Duration = .seconds(5), logger: Logger = Logger(label: "dfc.host-status")) {
        self.path = path
        self.control = control
        self.interval = interval
        self.logger = logger
    }

    /// Writes until graceful shutdown or cancellation; then waits (up to a minute) for the host
    /// to stop, and writes its last status.
    public func run() async throws {
        try write()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            try write()
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while control.status.state != .stopped && ContinuousClock.now < deadline {
            // Not `Task.sleep`, which a cancelled task skips: the host's last status must still be written.
            await withCheckedContinuation { resume in DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { resume.resume() } }
        }
        try write()
    }

    /// Writes the status now. A status that cannot be written is a supervisor's problem to see
    /// (the heartbeat stops), not a reason to stop the host: logged, and `run` goes on.
    private func write() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        do {
            var data = try encoder.encode(control.status)
            data.append(0x0A)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            logger.warning("the host's status file cannot be written", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}
