import Foundation

/// Runs analyses: in a confined worker process (or in this process when asked), which holds no
/// key, no catalog connection and no socket, with a deadline; what comes back is checked whole
/// before anything of it is recorded.
struct WorkerRunner: StoreService {
    package let context: StoreContext
}

extension WorkerRunner {
    /// Analyses a staged copy, in this process or in a worker, into a file in the store's
    /// staging area, and checks that file whole. Holds no lock of the catalog's. A worker
    /// that dies or hands over a file that fails the checks gives an analysis with only an
    /// `analysis_failed` finding; a worker that could not write its analysis (a full disk)
    /// is a store error, thrown.
    func analyse(_ staged: Vault.Staged, file: String, limits: MediaLimits, containment: Containment?) throws -> CheckedAnalysis {
        let output = try vault.stagingFile("analysis")
        var job = AnalysisJob(input: staged.temporaryPath, output: output, limits: limits, confine: containment != nil,
                              decoderThreads: containment?.decoderThreads ?? 0, pdqSecondsPerHash: pdqSecondsPerHash)
        job.trustAnchors = try ledger.trustAnchorsInForce()
        let analysedBy: String
        switch try Self.runWorker(job, file: file, containment: containment) {
        case .completed(let by):
            analysedBy = by
        case .failed(let description, let by):
            logger.warning("the analysis of a file did not finish; it is registered without packet or frame hashes", metadata: [
                "file": "\(file)", "worker": "\(by)", "ending": "\(description)"])
            return failed("the analysis did not finish: \(description); the original is preserved and registered, "
                + "without packet or frame hashes", by: by)
        }
        do {
            let checked = try AnalysisReader(path: output, limits: limits).read()
            return CheckedAnalysis(path: output, summary: checked.summary, digest: checked.digest, analysedBy: analysedBy)
        } catch {
            unlink(output)
            logger.warning("a worker's analysis failed the checks and was refused", metadata: ["file": "\(file)", "reason": "\(error)"])
            return failed("the analysis did not finish: the worker's analysis was refused (\(error)); the original is preserved "
                + "and registered, without packet or frame hashes", by: analysedBy)
        }
    }

    /// How a worker's job ended: its output complete, or not, and why.
    enum WorkerResult {
        case completed(by: String)
        case failed(String, by: String)
    }

    /// Runs `job` in `containment`'s confined worker (or in this process when nil), under its
    /// deadline and memory limit. A worker that could not write its output (a full disk) is a
    /// store error, thrown; one that died, overran or failed otherwise is `.failed`, saying how.
    /// The output is removed unless the job completed.
    static func runWorker(_ job: AnalysisJob, file: String, containment: Containment?) throws -> WorkerResult {
        guard let containment else {
            do {
                try AnalysisWorker.perform(job)
            } catch {
                unlink(job.output)
                throw DFCError.storeIO(path: job.output, reason: "\(error.description); nothing was recorded")
            }
            return .completed(by: "the recording process (no worker)")
        }
        // Swift's crash backtracer would hold a dying worker for seconds, and resumes one sent
        // a fault signal by another process; the worker dies at once, as a C program would.
        let limits = job.limits
        let outcome = try WorkerProcess(job: job, executable: containment.worker, environment: ["SWIFT_BACKTRACE": "enable=no"],
                                        deadline: limits.maxSeconds + min(containment.grace, limits.maxSeconds),
                                        memoryLimit: containment.memoryLimit, cancellation: containment.cancellation)
            .run(launcher: containment.launcher)
        let by = "worker process \(outcome.pid)"
        switch outcome.ending {
        case _ where containment.cancellation?.isCancelled == true:
            unlink(job.output)
            throw DFCError.cancelled
        case .exited(0):
            return .completed(by: by)
        case .exited(AnalysisWorker.outputFailed):
            unlink(job.output)
            throw DFCError.storeIO(path: job.output, reason: "the worker could not write its \(job.render != nil ? "redacted release" : job.detection != nil ? "face detections" : job.extraction == nil ? "analysis" : "pictures") of \(file) "
                + "(\(Self.lastLine(outcome.standardError))); nothing was recorded")
        default:
            unlink(job.output)
            return .failed(Self.describe(outcome), by: by)
        }
    }

    /// An analysis that did not finish: no rows, one `analysis_failed` finding saying why.
    func failed(_ message: String, by analysedBy: String) -> CheckedAnalysis {
        let finding = Finding(kind: .analysisFailed, severity: .error, message: message)
        return CheckedAnalysis(
            path: nil,
            summary: MediaAnalysis(container: nil, streams: [], framehashTimeBases: [:], findings: [finding],
                                   packetCount: 0, frameCount: 0, libraries: FFmpegLog.libraryVersions),
            digest: "", analysedBy: analysedBy)
    }

    private static func lastLine(_ data: Data) -> String {
        String(String(decoding: data, as: UTF8.self).split(separator: "\n").last ?? "no message")
    }

    private static func describe(_ outcome: WorkerProcess.Outcome) -> String {
        let how: String
        switch outcome.ending {
        case .signalled(let signal):
            how = "its worker process (pid \(outcome.pid)) died from signal \(signal) (\(String(cString: strsignal(signal))))"
        case .memoryExceeded(let bytes):
            how = "its worker process (pid \(outcome.pid)) used more than \(bytes >> 20) MiB of memory and was killed"
        case .timedOut(let seconds):
            how = "its worker process (pid \(outcome.pid)) was still running after \(String(format: "%g", seconds)) s and was killed"
        case .exited(let code):
            how = "its worker process (pid \(outcome.pid)) exited with status \(code) (\(lastLine(outcome.standardError)))"
        case .cancelled:
            how = "its worker process (pid \(outcome.pid)) was stopped: the work was cancelled"
        }
        return how
    }
}
