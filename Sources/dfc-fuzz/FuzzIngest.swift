import DFCKit
import Foundation

/// The fuzz target: each input is ingested, in process, into a scratch store on /dev/shm,
/// the whole public path (probe, demux, decode, hash, catalog, custody). Whatever the bytes,
/// `ingest` must register or reject the file; a crash, a sanitizer report or a thrown error
/// is a bug. Built with `Scripts/fuzz` (libFuzzer and AddressSanitizer); built normally, it
/// replays the files given on the command line, to reproduce what the fuzzer found.
enum FuzzIngest {
    nonisolated(unsafe) static var store: EvidenceStore?
    nonisolated(unsafe) static var inputs = 0
    static let actor = "Fuzz Custodian"
    static let folder = "/dev/shm/dfc-fuzz-\(getpid())"

    /// Ingests one input; fails loudly on anything but a registration or a rejection.
    static func run(_ bytes: UnsafeRawBufferPointer) {
        // A fresh store every 500 inputs, so the scratch space stays small.
        if store == nil || inputs % 500 == 0 {
            try? FileManager.default.removeItem(atPath: folder)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let fresh = try EvidenceStore(path: folder + "/store", create: true)
                _ = try fresh.ledger.registerActor(name: actor, role: .custodian, by: nil)
                store = fresh
            } catch {
                fatalError("cannot make the scratch store: \(error)")
            }
        }
        inputs += 1
        let input = folder + "/input.bin"
        guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else { fatalError("cannot write \(input)") }
        var limits = MediaLimits.standard
        limits.maxSeconds = 20
        do {
            let result = try store!.intake.ingest(file: input, caseID: "FUZZ", actor: actor, limits: limits)
            precondition(result.status != .rejected || bytes.isEmpty, "rejected: \(result.error ?? "")")
        } catch {
            fatalError("ingest threw on fuzzed input: \(error)")
        }
    }
}

#if FUZZING
/// libFuzzer's entry point for programs that keep their own `main` (SwiftPM renames an
/// executable's `main`, so libFuzzer's own cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            FuzzIngest.run(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
    }
}
#else
/// Replays the files given on the command line through the fuzz target.
@main
struct Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            data.withUnsafeBytes { FuzzIngest.run($0) }
            print("\(path): registered")
        }
        try? FileManager.default.removeItem(atPath: FuzzIngest.folder)
    }
}
#endif
