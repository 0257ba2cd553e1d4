import ArgumentParser
import DFCKit

/// What one file's analysis may cost, for the commands that analyse footage (`ingest`,
/// `batch`, `reanalyze`): each file's worker is killed past either limit, and the file is
/// registered with an `analysis_failed` finding.
struct WorkerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Resident memory one file's worker may use, in bytes or with K, M or G; past it the worker is killed.",
                               valueName: "size"),
            transform: WorkerOptions.parseSize)
    var memoryLimit: Int = Containment.defaultMemoryLimit

    @Option(help: ArgumentHelp("Seconds one file's reading and decoding may take.", valueName: "seconds"))
    var timeLimit: Double = MediaLimits.standard.maxSeconds

    @Option(help: ArgumentHelp("Seconds of video per PDQ hash (vPDQ's rule; 1 as vPDQ by default).", valueName: "seconds"))
    var pdqInterval: Double = PDQSelection.defaultSecondsPerHash

    func validate() throws {
        if !(timeLimit > 0) { throw ValidationError("--time-limit must be more than 0 seconds") }
        if !(pdqInterval > 0) || !pdqInterval.isFinite { throw ValidationError("--pdq-interval must be more than 0 seconds") }
    }

    /// The store, opened as `options` says, set to hash at this PDQ interval.
    func open(_ options: StoreOptions, create: Bool = false) throws -> EvidenceStore {
        var store = try options.open(create: create)
        store.pdqSecondsPerHash = pdqInterval
        return store
    }

    /// The standard limits, with the time limit given.
    var limits: MediaLimits {
        var limits = MediaLimits.standard
        limits.maxSeconds = timeLimit
        return limits
    }

    /// A confined worker per file, this executable's `dfc worker`, forked by `launcher`.
    func containment(_ launcher: WorkerLauncher?) -> Containment {
        Containment(worker: Containment.currentExecutable, launcher: launcher, memoryLimit: memoryLimit)
    }

    /// `4096`, `512K`, `300M`, `8G`.
    static func parseSize(_ text: String) throws -> Int {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let unit = text.last.flatMap { units[Character($0.uppercased())] }
        guard let number = Int(unit == nil ? text : String(text.dropLast())), number > 0 else {
            throw ValidationError("\(text): not a size (bytes, or a number with K, M or G)")
        }
        return number * (unit ?? 1)
    }
}
