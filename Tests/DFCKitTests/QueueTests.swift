import Crypto
import DFCKit
import Foundation
import Testing

/// The queue's edges, in one process against the test PostgreSQL server: worker hosts that all
/// fail at a job, vault copies that are gone or altered, a job row an insider edited, a batch
/// cancelled, and an insider who makes a job be recorded twice or drops one from the queue. The
/// real hosts, kills and cut links are `MultiHostTests`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DFC_TEST_PG"] != nil, "needs the test PostgreSQL server (DFC_TEST_PG)"))
struct QueueTests {
    /// A store on a new database, with the custodian and `hosts` registered as worker hosts.
    struct Fixture {
        let store: EvidenceStore
        let database: String
        let folder: String

        init(hosts: [String] = ["host-a"], files: [String] = ["cctv_h264.mp4", "still_exif.jpg"]) throws {
            let database = try TestSupport.Postgres.newDatabase()
            self.database = database.name
            store = try EvidenceStore.initialize(path: TestSupport.temporaryDirectory() + "/store", catalog: database.user, catalogAdmin: database.admin)
            _ = try store.ledger.registerActor(name: TestSupport.custodian, role: .custodian, by: nil)
            for host in hosts {
                _ = try store.ledger.registerActor(name: host, role: .host, by: TestSupport.custodian, publicKey: try store.ledger.hostKey(name: host))
            }
            folder = TestSupport.temporaryDirectory()
            for name in files {
                try FileManager.default.copyItem(atPath: TestSupport.fixture(name), toPath: folder + "/" + name)
            }
        }

        func queue(maxAttempts: Int = 3) throws -> BatchID {
            let report = try store.queue.queueBatch(BatchOptions(roots: [folder], caseID: "Q-1"), actor: TestSupport.custodian,
                                              leaseSeconds: 5, maxAttempts: maxAttempts)
            return report.batch
        }

        @discardableResult
        func serve(_ host: String = "host-a", containments: [Containment] = []) throws -> HostReport {
            try store.queue.serve(actor: host, containments: containments, options: HostOptions(pollSeconds: 0.2, exitWhenIdle: true))
        }

        func sql(_ text: String) throws -> String {
            try TestSupport.Postgres.psql(database, text).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The payloads of the events with `action`, in order.
        func payloads(_ action: String) throws -> [String] {
            try TestSupport.Postgres.psql(database, "SELECT payload FROM custody_event WHERE action = '\(action)' ORDER BY seq", zeroSeparated: true)
                .split(separator: "\0").map(String.init).filter { !$0.isEmpty }
        }

        func vaultFile(of fixture: String) throws -> String {
            let sha = try Fixture.sha256(fixture)
            return store.path + "/vault/\(sha.prefix(2))/\(sha)"
        }

        static func sha256(_ fixture: String) throws -> String {
            let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture(fixture)))
            return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }

        func audit() throws -> AuditReport { try store.integrity.audit(actor: TestSupport.custodian) }
    }

    @Test func everyFileIsRecordedOnceByTheHostOnBehalfOfTheStarter() throws {
        let fixture = try Fixture()
        let batch = try fixture.queue()
        let report = try fixture.serve()
        #expect(report.ingested == 2 && report.batchesCompleted == 1)
        let status = try #require(try fixture.store.queue.queueStatus(batch, actor: TestSupport.custodian))
        #expect(status.done == 2 && status.queued == 0 && status.leased == 0 && status.failed == 0)
        let ingested = try fixture.sql("SELECT actor || ' ' || (payload::json->'details'->>'on_behalf_of') FROM custody_event WHERE action = 'ingested'")
        #expect(ingested.split(separator: "\n") == ["host-a T. Tester", "host-a T. Tester"])
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }

    /// A camera's standing clock correction follows its footage in when a host records it: the
    /// host signs the following correction on behalf of the starter, and the audit accepts it.
    @Test func aCamerasStandingClockCorrectionFollowsWhatAHostRecords() throws {
        let fixture = try Fixture(files: ["dvr_ch01_20261103143200.mp4"])
        let store = fixture.store
        _ = try store.exhibits.registerSource("CAM-Q", latitude: 31.5, longitude: 74.3, actor: TestSupport.custodian)
        #expect(try store.exhibits.correctClock(source: "CAM-Q", from: "2026-11-03T00:00:00Z", to: "2026-11-04T00:00:00Z", offset: "-01:00:07",
                                       reason: "overlay against the station clock", actor: TestSupport.custodian).isEmpty)
        _ = try store.queue.queueBatch(BatchOptions(roots: [fixture.folder], caseID: "Q-2", source: .fixed("CAM-Q")), actor: TestSupport.custodian,
                                 leaseSeconds: 5, maxAttempts: 3)
        #expect(try fixture.serve().ingested == 1)
        let followed = try fixture.sql("SELECT actor || ' ' || (payload::json->'details'->>'on_behalf_of') || ' ' || (payload::json->'details'->>'standing') "
                                       + "FROM custody_event WHERE action = 'clock_corrected'")
        let standing = try fixture.sql("SELECT seq FROM custody_event WHERE action = 'camera_clock_corrected'")
        #expect(followed == "host-a T. Tester \(standing)", "\(followed)")
        let exhibit = try #require(try store.reading.lookup(TimeQuery(from: "2026-11-03T09:32:01Z", to: "2026-11-03T09:32:02Z"), actor: TestSupport.custodian).first)
        #expect(exhibit.corrections.map(\.offset) == ["-01:00:07.000"], "\(exhibit)")
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }

    @Test func aJobThatFailsOnEveryAttemptIsRegisteredWithAnalysisFailedNamingEachAttempt() throws {
        let fixture = try Fixture(hosts: ["host-a", "host-b"], files: ["cctv_h264.mp4"])
        _ = try fixture.queue(maxAttempts: 2)
        // A worker that exits at once, without a word: every attempt at the job fails.
        let broken = Containment(worker: "/bin/false")
        let first = try fixture.serve("host-a", containments: [broken])
        #expect(first.returned >= 1)
        let ingested = try fixture.payloads("ingested")
        #expect(ingested.count == 1)
        let payload = try #require(ingested.first)
        #expect(payload.contains("earlier_attempts") && payload.contains("host-a"))
        // The failed attempt before the last is a signed event of its own, with its reason.
        let attempts = try fixture.payloads("attempt_failed")
        #expect(attempts.count == 1 && attempts.allSatisfy { $0.contains("\"actor\":\"host-a\"") && $0.contains("\"attempt\":\"1\"") }, "\(attempts)")
        let exhibits = try fixture.store.exhibits.exhibits(for: .all)
        let report = try fixture.store.reading.exhibit(try #require(exhibits.first).description, actor: TestSupport.custodian)
        let failed = report.findings.filter { $0.kind == .analysisFailed }
        #expect(failed.count == 1)
        #expect(failed.first?.message.contains("in 2 attempts") == true, "\(failed)")
        #expect(failed.first?.message.contains("on host-a") == true, "\(failed)")
        #expect(report.sha256 == (try Fixture.sha256("cctv_h264.mp4")))
        // Nothing is left for another host.
        #expect(try fixture.serve("host-b").ingested == 0)
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }

    /// A host that died holding a lease: the next host signs the lapse as an `attempt_failed` event
    /// (the holder and the lease's end as the queue showed them), and the event that records the
    /// job lists it among the earlier attempts. A lapse the queue shows for a name that is no
    /// registered host is not signed as anyone's attempt.
    @Test func aLapsedLeaseIsSignedByTheHostThatTakesTheJobOver() throws {
        let fixture = try Fixture(hosts: ["host-a", "host-b"], files: ["cctv_h264.mp4", "still_exif.jpg"])
        _ = try fixture.queue()
        _ = try fixture.sql("""
            UPDATE batch_job SET state = 'leased', lease_token = 'gone', leased_at = 1, lease_until = 2,
                host = CASE WHEN path LIKE '%.mp4' THEN 'host-a' ELSE 'ghost-host' END
            """)
        #expect(try fixture.serve("host-b").ingested == 2)
        let lapses = try fixture.payloads("attempt_failed")
        #expect(lapses.count == 1, "\(lapses)")
        let lapse = try #require(lapses.first)
        #expect(lapse.contains("\"failed_host\":\"host-a\"") && lapse.contains("\"actor\":\"host-b\"") && lapse.contains("its lease ran out"), "\(lapse)")
        let ingested = try fixture.payloads("ingested")
        let clip = try #require(ingested.first { $0.contains("cctv_h264.mp4") })
        #expect(clip.contains("earlier_attempts") && clip.contains("\"attempt\":\"2\""), "\(clip)")
        let still = try #require(ingested.first { $0.contains("still_exif.jpg") })
        #expect(!still.contains("earlier_attempts") && !still.contains("ghost-host"), "\(still)")
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }

    @Test func aMissingVaultCopyIsRecordedAsJobFailed() throws {
        let fixture = try Fixture(files: ["cctv_h264.mp4"])
        let batch = try fixture.queue(maxAttempts: 1)
        try FileManager.default.removeItem(atPath: try fixture.vaultFile(of: "cctv_h264.mp4"))
        let report = try fixture.serve()
        #expect(report.failedJobs == 1 && report.ingested == 0)
        let failed = try fixture.payloads("job_failed")
        #expect(failed.count == 1)
        #expect(failed.first?.contains("its vault copy cannot be read") == true, "\(failed)")
        let status = try #require(try fixture.store.queue.queueStatus(batch, actor: TestSupport.custodian))
        #expect(status.failed == 1 && status.report.completed)
        #expect(try fixture.store.exhibits.exhibits(for: .all).isEmpty)
    }

    @Test func anAlteredVaultCopyIsNeverRecordedAsTheQueuedFile() throws {
        let fixture = try Fixture(files: ["cctv_h264.mp4"])
        _ = try fixture.queue(maxAttempts: 2)
        let copy = try fixture.vaultFile(of: "cctv_h264.mp4")
        chmod(copy, 0o644)
        let handle = try #require(FileHandle(forWritingAtPath: copy))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data([0xFF, 0x00, 0xFF]))
        try handle.close()
        _ = try fixture.serve()
        let failed = try fixture.payloads("job_failed")
        #expect(failed.count == 1)
        #expect(failed.first?.contains("is not the file its queued event") == true, "\(failed)")
        #expect(failed.first?.contains("in 2 attempts") == true, "\(failed)")
        #expect(try fixture.store.exhibits.exhibits(for: .all).isEmpty)
    }

    @Test func aJobRowThatDisagreesWithItsSignedQueuedEventIsNotTakenAtItsWord() throws {
        let fixture = try Fixture(files: ["cctv_h264.mp4"])
        _ = try fixture.queue(maxAttempts: 1)
        // The insider points the job at another path: the host goes by the signed event, finds
        // they disagree, and records the job as failed rather than as what the row says.
        _ = try fixture.sql("UPDATE batch_job SET path = '/evidence/planted.mp4'")
        _ = try fixture.serve()
        let failed = try fixture.payloads("job_failed")
        #expect(failed.first?.contains("disagrees with its signed queued event") == true, "\(failed)")
        #expect(try fixture.store.exhibits.exhibits(for: .all).isEmpty)
        let audit = try fixture.audit()
        #expect(audit.problems.contains { $0.contains("/evidence/planted.mp4") }, "\(audit.problems)")
    }

    @Test func aCancelledBatchLeasesNothingMoreAndSaysWhy() throws {
        let fixture = try Fixture()
        let batch = try fixture.queue()
        let status = try fixture.store.queue.cancelBatch(batch, reason: "wrong case folder", actor: TestSupport.custodian)
        #expect(status.cancelled == 2 && status.queued == 0)
        #expect(try fixture.serve().ingested == 0)
        let cancelled = try fixture.payloads("batch_cancelled")
        #expect(cancelled.count == 1 && cancelled.first?.contains("wrong case folder") == true)
        #expect(try fixture.store.exhibits.exhibits(for: .all).isEmpty)
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }

    @Test func aRevokedHostCannotServe() throws {
        let fixture = try Fixture(files: ["cctv_h264.mp4"])
        _ = try fixture.queue()
        try fixture.store.ledger.revokeActor(name: "host-a", reason: "laptop stolen", by: TestSupport.custodian)
        #expect(throws: DFCError.self) { try fixture.serve() }
        #expect(try fixture.payloads("ingested").isEmpty)
    }

    @Test func anInsiderWhoDropsAJobIsCaughtWhenTheBatchCompletesWithoutIt() throws {
        let fixture = try Fixture()
        let batch = try fixture.queue()
        _ = try fixture.sql("DELETE FROM batch_job WHERE path LIKE '%still_exif.jpg'")
        _ = try fixture.serve()
        #expect(try fixture.store.queue.queueStatus(batch, actor: TestSupport.custodian)?.report.completed == true)
        let audit = try fixture.audit()
        #expect(audit.problems.contains { $0.contains("completed by custody event") && $0.contains("still_exif.jpg") }, "\(audit.problems)")
    }

    @Test func aDoneJobAnInsiderQueuesAgainIsClosedByItsEventNotRecordedTwice() throws {
        let fixture = try Fixture(files: ["cctv_h264.mp4"])
        let batch = try fixture.queue()
        #expect(try fixture.serve().ingested == 1)
        let recorded = try fixture.sql("SELECT event_seq FROM batch_job")
        // The insider sets the done job back to queued, as if never recorded: a host takes it,
        // finds the batch_file row of its event, and closes it by that event (before, it retried
        // for ever on the batch_file key and --exit-when-idle never returned).
        _ = try fixture.sql("UPDATE batch_job SET state = 'queued', host = NULL, lease_token = NULL, event_seq = NULL")
        let again = try fixture.serve()
        #expect(again.alreadyRecorded == 1 && again.ingested == 0 && again.duplicates == 0, "\(again)")
        #expect(try fixture.payloads("ingested").count == 1 && fixture.payloads("acquired").isEmpty)
        #expect(try fixture.sql("SELECT state || ' ' || event_seq FROM batch_job") == "done \(recorded)")
        #expect(try fixture.store.queue.queueStatus(batch, actor: TestSupport.custodian)?.done == 1)
        let audit = try fixture.audit()
        #expect(audit.ok, "\(audit.problems)")
    }

    /// Queue state is not evidence. The `dfc` role may no longer change a batch's terms; and the
    /// owner's edits (attempts 0, a lease of a second, another starter, a cancellation that names
    /// no cancellation, a failure history of as many attempts as the job may have, by a registered
    /// host and by one that does not exist) change nothing a host does or signs: the terms come from
    /// the signed `batch_started` event, a cancellation counts only as a genuine `batch_cancelled`
    /// event of the batch, and a job's failed attempts are its signed `attempt_failed` events.
    @Test func editedQueueRowsChangeNothingAHostDoesOrSigns() throws {
        let fixture = try Fixture()
        let batch = try fixture.queue()
        let address = try TestSupport.Postgres.address().split(separator: ":")
        let asDFC = try TestSupport.run("/usr/bin/psql", ["-h", String(address[0]), "-p", String(address[1]), "-U", "dfc", "-d", fixture.database,
                                                          "-qAtX", "-c", "UPDATE queue_batch SET max_attempts = 0"])
        #expect(asDFC.status != 0 && asDFC.stderr.contains("permission denied"), "\(asDFC.stderr)")
        _ = try fixture.sql("""
            UPDATE queue_batch SET max_attempts = 0, lease_seconds = 1, started_by = 'Mallory', cancelled_seq = batch_seq;
            UPDATE batch_job SET failures = '[\(String(repeating: #"{"at":"2026-01-01T00:00:00.000Z","host":"host-a","reason":"made up"},"#, count: 3))'
                || '{"at":"2026-01-01T00:00:00.000Z","host":"ghost-host","reason":"made up"}]', attempts = 5
            """)
        let status = try #require(try fixture.store.queue.queueStatus(batch, actor: TestSupport.custodian))
        #expect(!status.wasCancelled)
        let report = try fixture.serve()
        #expect(report.ingested == 2, "\(report)")
        let ingested = try fixture.payloads("ingested")
        #expect(ingested.count == 2 && ingested.allSatisfy { $0.contains("\"on_behalf_of\":\"T. Tester\"") && !$0.contains("earlier_attempts")
                    && $0.contains("\"attempt\":\"1\"") }, "\(ingested)")
        #expect(try fixture.sql("SELECT count(*) FROM finding WHERE kind = 'analysis_failed'") == "0")
        // The audit names the edited row, open or not.
        let problems = try fixture.audit().problems
        #expect(problems.contains { $0.hasPrefix("\(batch): its queue row says started by Mallory, a 1.0 s lease and 0 attempts") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(batch): its queue row's cancelled_seq names custody event") }, "\(problems)")
    }
}
