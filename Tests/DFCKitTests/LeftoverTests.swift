import Foundation
import GRDB
import Testing

/// Exports and extractions killed with SIGKILL at random moments, again and again: nothing they
/// had begun is left outside the store, no process of theirs runs on, nothing stays in the
/// store's `tmp/` once the next command has run, and an export recorded but never delivered is
/// a visible state, not silence.
@Suite(.serialized) struct LeftoverTests {
    static let custodian = FaultTests.custodian

    /// A store holding the 40 s clip (EX-1) and a small one (EX-2): built once, each test works on a copy.
    static let base: String = {
        let dir = TestSupport.temporaryDirectory()
        TestSupport.dfcSucceeding(["actor", "add", custodian, "--role", "custodian", "--store", dir + "/store"], actor: nil)
        TestSupport.dfcSucceeding(["ingest", FaultTests.longClip, TestSupport.fixture("mjpeg.avi"), "--case", "K-1",
                                   "--store", dir + "/store"], actor: custodian)
        return dir + "/store"
    }()

    static func copy() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/copy"
        try #require(try TestSupport.run("/bin/cp", ["-a", base, dir]).status == 0)
        return dir
    }

    /// A fixed seed, so that a failing run can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Whether `pid` still runs (a zombie waiting to be reaped does not).
    static func running(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    /// The process's name (`/proc/PID/comm`).
    static func name(_ pid: pid_t) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What is left in the store's `tmp/` (which every store has: a store without it fails the test, not passes it).
    static func staged(_ store: String) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: store + "/tmp").sorted()
        } catch {
            return ["(the store's tmp/ cannot be read: \(error))"]
        }
    }

    @Test func killedExportsLeaveNoCopyAndAnUndeliveredOneIsSaidSo() throws {
        let store = try Self.copy()
        let outside = TestSupport.temporaryDirectory()
        let db = try DatabasePool(path: store + "/catalog.sqlite")
        func authorisations() throws -> Int {
            try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM custody_event WHERE action = 'export_authorized'") ?? 0 }
        }
        var random = SplitMix(state: 19)
        var killed = 0
        for run in 0..<15 {
            let before = try authorisations()
            let process = try FaultTests.start(["export", "EX-1", "EX-2", "--output", outside + "/pkg-\(run)", "--authorized-by", Self.custodian,
                                                "--reason", "trial", "--recipient", "Crown Court"], store)
            if run < 12 {
                usleep(UInt32.random(in: 0...400_000, using: &random))   // anywhere in its run
            } else {
                // Just after the export is recorded, while the package is being finished.
                var polls = 0
                while try authorisations() == before, process.isRunning, polls < 20_000 {
                    usleep(200)
                    polls += 1
                }
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
        }
        #expect(killed >= 6, "most runs are killed mid-way (\(killed) of 15)")
        let audit = try FaultTests.dfc(["audit"], store)
        #expect(audit.status == 0, "\(audit.stdout)")
        let left = try FileManager.default.contentsOfDirectory(atPath: outside)
        #expect(!left.contains { $0.contains(".dfc-export-") }, "no hidden copy of the evidence is left: \(left)")
        #expect(Self.staged(store).isEmpty, "\(Self.staged(store))")

        // Every export the log authorised is either delivered, whole, or recorded as undelivered.
        var undeliveredCount = 0
        let authorised = try db.read { try Row.fetchAll($0, sql: "SELECT seq, payload FROM custody_event WHERE action = 'export_authorized'") }
        let undelivered = try db.read { try String.fetchAll($0, sql: "SELECT payload FROM custody_event WHERE action = 'export_undelivered'") }
        for row in authorised {
            let seq: Int64 = row[0]
            let payload: String = row[1]
            let content = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
            let destination = try #require((content?["details"] as? [String: String])?["destination"])
            if FileManager.default.fileExists(atPath: destination + "/tagmanifest-sha256.txt") {
                #expect(try TestSupport.dfc(["verify-package", destination], actor: nil).status == 0, "\(destination) is whole")
            } else {
                #expect(!FileManager.default.fileExists(atPath: destination), "nothing half-made at \(destination)")
                undeliveredCount += 1
                #expect(undelivered.filter { $0.contains("\"authorization\":\"\(seq)\"") }.count == 2, "both exhibits say export \(seq) was not delivered")
                #expect(audit.stdout.contains("NOTICE") && audit.stdout.contains("authorised by custody event \(seq)"), "\(audit.stdout)")
                let show = try FaultTests.dfc(["show", "EX-2"], store)
                #expect(show.stdout.contains("NOT DELIVERED"), "\(show.stdout)")
            }
        }
        #expect(undeliveredCount >= 1, "a kill just after the commit leaves an export recorded and not delivered")
    }

    @Test func aKilledExtractionTakesItsWorkerWithItAndLeavesNothing() throws {
        let store = try Self.copy()
        let outside = TestSupport.temporaryDirectory()
        var random = SplitMix(state: 7)
        var caught = 0
        for run in 0..<12 {
            let process = try FaultTests.start(["extract", "EX-1", "--frames", "998", "999", "--output", outside + "/frames-\(run)"], store)
            var below: [pid_t] = []
            if run < 6 {
                // Caught while its worker decodes: the worker is stopped there, so that it cannot finish first.
                var polls = 0
                while process.isRunning, polls < 20_000 {
                    below = TestSupport.descendants(process.processIdentifier)
                    if let worker = below.first(where: { Self.name($0) == "dfc-worker" }) {
                        kill(worker, SIGSTOP)
                        break
                    }
                    usleep(200)
                    polls += 1
                }
            } else {
                usleep(UInt32.random(in: 0...500_000, using: &random))   // anywhere in its run
                below = TestSupport.descendants(process.processIdentifier)
            }
            guard process.isRunning else { continue }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if below.contains(where: { Self.name($0) == "dfc-worker" }) { caught += 1 }
            var waited = 0
            while below.contains(where: Self.running), waited < 40 {
                usleep(50_000)
                waited += 1
            }
            #expect(!below.contains(where: Self.running), "run \(run): the launcher and worker \(below) die with the extraction")
        }
        #expect(caught >= 5, "runs killed while their worker decodes: \(caught)")
        #expect(try FaultTests.dfc(["audit"], store).status == 0)
        #expect(Self.staged(store).isEmpty, "the staged copies and analyses are removed: \(Self.staged(store))")
        for run in 0..<12 {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: outside + "/frames-\(run)")) ?? []
            #expect(files.allSatisfy { !$0.contains(".partial-") }, "no unfinished picture is left: \(files)")
        }
    }
}
