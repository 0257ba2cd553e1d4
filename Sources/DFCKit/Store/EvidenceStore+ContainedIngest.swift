import Foundation

extension EvidenceStore {
    /// Takes one file in as evidence like `ingest(file:caseID:source:actor:limits:)`, with
    /// the reading and decoding done by a worker process (see `Containment`).
    ///
    /// If the worker crashes, runs out of memory or is killed at the deadline, its
    /// transaction never commits, and the file is then registered here without packet or
    /// frame rows, with an `analysis_failed` finding that says how the worker ended. A
    /// store error (disk full, catalog locked) is thrown as from the in-process ingest.
    /// The worker is killed `maxSeconds` plus `grace` (at most `maxSeconds` again) after it starts.
    public func ingest(
        file: String, caseID: String, source: String? = nil, actor: String,
        limits: MediaLimits = .standard, containment: Containment
    ) throws -> IngestResult {
        _ = try signerRegisteringFirst(actor, command: "ingest")
        var arguments = [
            containment.worker, "ingest", "--in-process", "--json", "--store", path, "--actor", actor, "--case", caseID,
            "--time-limit", String(limits.maxSeconds), "--lock-timeout", String(catalog.lockTimeout),
        ]
        if let source { arguments += ["--source", source] }
        arguments += ["--", file]
        // Swift's crash backtracer would hold a dying worker for seconds, and resumes one sent
        // a fault signal by another process; the worker dies at once, as a C program would.
        let outcome = try WorkerProcess(arguments: arguments, environment: ["SWIFT_BACKTRACE": "enable=no"],
                                        deadline: limits.maxSeconds + min(containment.grace, limits.maxSeconds),
                                        memoryLimit: containment.memoryLimit).run(launcher: containment.launcher)
        if let result = Self.workerResult(outcome.standardOutput) { return result }
        if case .exited = outcome.ending {
            // It ended by itself without a result: an error it reported (the store's, most
            // often), not a crash. Its transaction did not commit; the error is passed on.
            let message = String(decoding: outcome.standardError, as: UTF8.self).split(separator: "\n").last ?? ""
            throw DFCError.worker(path: file, message: message.hasPrefix("dfc: error: ") ? String(message.dropFirst(12)) : String(message))
        }
        let finding = Finding(kind: .analysisFailed, severity: .error, message: Self.describe(outcome))
        return try ingest(file: file, caseID: caseID, source: source, actor: actor, analysis: .failed(finding), limits: limits)
    }

    /// The worker's `IngestResult`: the last line it wrote, as `dfc ingest --json` prints it.
    private static func workerResult(_ output: Data) -> IngestResult? {
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        guard let last = lines.last else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(IngestResult.self, from: Data(last.utf8))
    }

    private static func describe(_ outcome: WorkerProcess.Outcome) -> String {
        let how: String
        switch outcome.ending {
        case .signalled(let signal):
            how = "its worker process (pid \(outcome.pid)) died from signal \(signal) (\(String(cString: strsignal(signal))))"
        case .memoryExceeded(let bytes):
            how = "its worker process (pid \(outcome.pid)) used more than \(bytes >> 20) MiB of memory and was killed"
        case .timedOut(let seconds):
            how = "its worker process (pid \(outcome.pid)) was still running after \(Int(seconds)) s and was killed"
        case .exited(let code):
            how = "its worker process (pid \(outcome.pid)) exited with status \(code)"
        }
        return "the analysis did not finish: \(how); the original is preserved and registered, "
            + "without packet or frame hashes"
    }
}
