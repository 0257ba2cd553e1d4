import Foundation
internal import CConfinement
import DFCCore
import DFCMedia

/// The worker's side of an ingest: it only analyses. It opens its input and its output,
/// confines itself, reads and decodes the footage, and writes every packet row, frame row
/// and finding to the output for the parent to check and record. It never opens the
/// catalog and never reads a key: a memory-corruption bug in a demuxer can spoil this one
/// file's analysis, which the parent checks, and can sign nothing.
///
/// Exit statuses: 0 the analysis is complete; `outputFailed` it could not be written
/// (disk full); `inputFailed` the input could not be opened; `confinementFailed` the
/// process could not be confined, so nothing was read. A crash is a signal.
package enum AnalysisWorker {
    /// The analysis could not be written (EX_IOERR).
    public static let outputFailed: Int32 = 74
    /// The input could not be opened (EX_NOINPUT).
    public static let inputFailed: Int32 = 66
    /// The process could not be confined (EX_OSERR).
    public static let confinementFailed: Int32 = 71

    /// Why a job did not produce an analysis: the exit status a worker reports it with, and a message.
    public struct Failure: Error, CustomStringConvertible {
        /// `outputFailed`, `inputFailed` or `confinementFailed`.
        public let status: Int32
        /// One line naming the file and the reason.
        public let description: String

        package init(status: Int32, description: String) {
            self.status = status
            self.description = description
        }
    }

    /// Runs `job` in this process and returns the exit status; the message of a failure
    /// goes to standard error. With `job.confine` this process is confined for the rest of
    /// its life: call it only in a process made for the job.
    public static func run(_ job: AnalysisJob) -> Int32 {
        if let parent = job.parent, !dieWithParent(parent) { return 70 }
        do {
            try perform(job)
            return 0
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return error.status
        }
    }

    /// Does the job, throwing instead of exiting.
    package static func perform(_ job: AnalysisJob) throws(Failure) {
        let input = open(job.input, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Failure(status: inputFailed, description: "\(job.input): cannot open: \(errnoDescription())") }
        let output = open(job.output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            close(input)
            throw Failure(status: outputFailed, description: "\(job.output): cannot create the analysis: \(errnoDescription())")
        }
        defer { close(output) }
        // The C2PA library is a file to open: loaded before the confinement forbids opening any.
        if job.extraction == nil && job.detection == nil && job.render == nil { ContentCredentialsReader.load() }
        // So is the face model, read whole before the worker may open nothing.
        var detector: FaceDetector?
        if let detection = job.detection {
            do {
                detector = try FaceDetector(model: detection.model)
            } catch {
                close(input)
                throw Failure(status: inputFailed, description: error.description)
            }
        }
        var confinement: Confinement?
        if job.confine {
            do {
                confinement = try Confinement.apply()
            } catch {
                close(input)
                throw Failure(status: confinementFailed, description: "cannot confine the worker, so it read nothing: \(error)")
            }
        }
        if let detection = job.detection, let detector {
            do {
                try FaceDetectionPass(descriptor: input, limits: job.limits, decoderThreads: job.decoderThreads, request: detection,
                                      detector: detector).run(into: output)
                return
            } catch {
                throw Failure(status: outputFailed, description: "\(job.output): \(error)")
            }
        }
        if let render = job.render {
            do {
                try RedactionRenderer(descriptor: input, limits: job.limits, decoderThreads: job.decoderThreads, request: render).run(into: output)
                return
            } catch {
                throw Failure(status: outputFailed, description: "the redacted release cannot be rendered: \(error)")
            }
        }
        if let extraction = job.extraction {
            do {
                try FrameExtractor(descriptor: input, limits: job.limits, decoderThreads: job.decoderThreads, request: extraction)
                    .run(into: output)
                return
            } catch {
                throw Failure(status: outputFailed, description: "\(job.output): \(error)")
            }
        }
        do {
            try analyse(input: input, output: output, limits: job.limits, decoderThreads: job.decoderThreads,
                        pdqSecondsPerHash: job.pdqSecondsPerHash, confinement: confinement?.summary, trustAnchors: job.trustAnchors)
        } catch {
            throw Failure(status: outputFailed, description: "\(job.output): \(error)")
        }
    }

    /// Analyses the open `input` (taken over and closed) into the open `output`.
    package static func analyse(
        input: Int32, output: Int32, limits: MediaLimits, decoderThreads: Int, pdqSecondsPerHash: Double, confinement: String?,
        trustAnchors: [TrustAnchor.Certificate] = []
    ) throws(AnalysisWriter.WriteError) {
        // Kept for a second pass: the first one's reader takes `input` over and closes it.
        let again = decoderThreads == 1 ? -1 : dup(input)
        defer { if again >= 0 { close(again) } }
        do {
            try pass(input: input, output: output, limits: limits, decoderThreads: decoderThreads, stopOnDamage: again >= 0,
                     preface: [], pdqSecondsPerHash: pdqSecondsPerHash, confinement: confinement, trustAnchors: trustAnchors)
        } catch let error as AnalysisWriter.WriteError {
            throw error
        } catch is MediaAnalyzer.DecoderDamage {
            // Frame threads conceal damage in an order that depends on timing: start again on one
            // thread, and every run gives the same hashes and findings.
            guard lseek(again, 0, SEEK_SET) == 0, ftruncate(output, 0) == 0, lseek(output, 0, SEEK_SET) == 0 else {
                throw AnalysisWriter.WriteError(description: "cannot start the analysis again: \(errnoDescription())")
            }
            let note = Finding(kind: .singleThreadedDecode, severity: .info, message:
                "the decoder reported damage, so the file was decoded again on one thread: its frame hashes and findings "
                + "come from that decode, the same on every run; stock ffmpeg reproduces them with -threads 1 before -i")
            do {
                try pass(input: dup(again), output: output, limits: limits, decoderThreads: 1, stopOnDamage: false,
                         preface: [note], pdqSecondsPerHash: pdqSecondsPerHash, confinement: confinement, trustAnchors: trustAnchors)
            } catch let error as AnalysisWriter.WriteError {
                throw error
            } catch {
                throw AnalysisWriter.WriteError(description: "\(error)")
            }
        } catch {
            throw AnalysisWriter.WriteError(description: "\(error)")
        }
    }

    /// One pass of the analyzer over `input` (taken over and closed), written to `output` from its
    /// start. Throws `MediaAnalyzer.DecoderDamage` (with `stopOnDamage`) or a `WriteError`.
    private static func pass(
        input: Int32, output: Int32, limits: MediaLimits, decoderThreads: Int, stopOnDamage: Bool, preface: [Finding],
        pdqSecondsPerHash: Double, confinement: String?, trustAnchors: [TrustAnchor.Certificate]
    ) throws {
        let writer = AnalysisWriter(descriptor: output)
        let exif = ExifReader.read(descriptor: input)   // before the analyzer takes the descriptor over
        let credentials = ContentCredentialsReader.read(descriptor: input, anchors: trustAnchors)
        var analyzer = MediaAnalyzer(descriptor: input)
        analyzer.limits = limits
        analyzer.decoderThreads = decoderThreads
        analyzer.stopOnDecoderDamage = stopOnDamage
        analyzer.preface = preface
        analyzer.pdqSecondsPerHash = pdqSecondsPerHash
        analyzer.trustAnchors = trustAnchors
        var analysis = try analyzer.run(packet: { try writer.append($0) }, frame: { try writer.append($0) })
        analysis.confinement = confinement
        if let credentials {
            analysis.container?.contentCredentials = credentials
            analysis.findings += credentials.findings
        }
        if let exif, analysis.container != nil {
            analysis.container!.tags.merge(exif.tags) { $1 }
            analysis.findings += exif.problems.prefix(FindingCollector.limitPerKind).map {
                Finding(kind: .metadataDamaged, severity: .warning, message: "EXIF: \($0)")
            }
        }
        try writer.finish(analysis)
    }
}

extension AnalysisWorker {
    /// Asks the kernel to kill this process when its parent ends, then checks that the parent
    /// is still `parent` (it may have died before the request): false when it is not.
    package static func dieWithParent(_ parent: pid_t) -> Bool {
        _ = dfc_set_parent_death_signal(SIGKILL)
        return getppid() == parent
    }
}
