import DFCKit
import Foundation
import Testing

/// The two ways a contained ingest gets its worker. `dfc` forks each one from a launcher made
/// at its start (the fault tests and the CLI tests go that way); a program with threads of
/// its own, like a server linking DFCKit, cannot fork safely and starts `dfc` for each file.
@Suite struct WorkerLaunchTests {
    @Test func aProgramWithThreadsStartsItsWorkersFromTheExecutable() throws {
        // Swift Testing runs this test on one of several threads.
        #expect(WorkerLauncher.start() == nil, "a fork of a process with threads is not safe to use")

        let store = try TestSupport.newStore()
        let clip = TestSupport.fixture("hevc.mkv")
        let result = try store.intake.ingest(file: clip, caseID: "W-1", actor: TestSupport.custodian,
                                      containment: Containment(worker: TestSupport.dfcBinary))
        #expect(result.status == .ingested)
        let frames = try store.reading.frames(of: result.exhibit!.description, actor: TestSupport.custodian).map(\.sha256)
        let oracle = TestSupport.hashLines(try TestSupport.ffmpegFramehash(clip)).map {
            String($0.split(separator: ",").last!.trimmingCharacters(in: .whitespaces))
        }
        #expect(!frames.isEmpty && frames == oracle)
    }
}
