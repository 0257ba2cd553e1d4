@testable import DFCKit
import Foundation
import Testing

/// What an operator, a submitter or a hostile file can put where DFC expects a line, a count or a
/// number: every answer is whole or says what it left out, every one-line field is one line,
/// every name printed is what it is, every value out of range is a finding or a refusal. Runs on
/// both engines (the second pass of Scripts/test).
@Suite struct BoundsTests {
    static let custodian = "Insp. L. Okafor"
    static let analyst = "R. Haddad"

    static func store() throws -> String {
        let store = try TestSupport.newStorePath()
        TestSupport.dfcSucceeding(["actor", "add", custodian, "--role", "custodian", "--store", store], actor: nil)
        TestSupport.dfcSucceeding(["actor", "add", analyst, "--role", "analyst", "--store", store], actor: custodian)
        return store
    }

    /// Three recordings of the same minute (one footage remuxed with another creation time and a
    /// comment, so that each is a file of its own), in cases A, A and TARGET, TARGET's the latest.
    static func sameMinute(in store: String) throws {
        let work = TestSupport.temporaryDirectory()
        for (index, (caseID, time)) in [("A", "2026-11-03T14:30:00Z"), ("A", "2026-11-03T14:30:01Z"), ("TARGET", "2026-11-03T14:30:02Z")].enumerated() {
            let file = work + "/cam\(index).mp4"
            let made = try TestSupport.run(TestSupport.ffmpeg, ["-v", "error", "-i", TestSupport.fixture("cctv_h264.mp4"), "-c", "copy",
                                                                "-metadata", "creation_time=\(time)", "-metadata", "comment=\(index)", file])
            try #require(made.status == 0, "\(made.stderr)")
            TestSupport.dfcSucceeding(["ingest", file, "--case", caseID, "--store", store], actor: analyst)
        }
    }

    @Test func aLookupFiltersBeforeItCutsAndSaysWhatIsLeft() throws {
        let store = try Self.store()
        try Self.sameMinute(in: store)
        let range = ["lookup", "--from", "2026-11-03T14:30:00Z", "--to", "2026-11-03T14:30:05Z", "--store", store]
        // The case filter is applied before the page is cut: TARGET is found with a page of one.
        let target = try TestSupport.dfc(range + ["--case", "TARGET", "--limit", "1"], actor: Self.analyst)
        #expect(target.status == 0 && target.stdout.contains("EX-000003") && !target.stderr.contains("more not shown"), "\(target.stdout)\(target.stderr)")
        // Without filters a page of one says how many more and how to go on, in text and in JSON.
        let first = try TestSupport.dfc(range + ["--limit", "1"], actor: Self.analyst)
        #expect(first.stdout.contains("EX-000001") && !first.stdout.contains("EX-000002"))
        let note = try #require(first.stderr.split(separator: "\n").first { $0.contains("2 more not shown") }, "\(first.stderr)")
        let after = String(try #require(note.split(separator: " ").last))
        let second = try TestSupport.dfc(range + ["--limit", "1", "--after", after, "--json"], actor: Self.analyst)
        let lines = second.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains("EX-000002"), "\(second.stdout)")
        #expect(lines.last?.contains("\"more\":1") == true && lines.last?.contains("\"next\":") == true)
        // The library's page: every hit, and nothing more.
        let page = try EvidenceStore(path: store).reading.lookup(TimeQuery(from: "2026-11-03T14:30:00Z", to: "2026-11-03T14:30:05Z", limit: 2),
                                                         actor: Self.analyst)
        #expect(page.map(\.exhibit.description) == ["EX-000001", "EX-000002"] && page.more == 1 && page.next != nil)
        let rest = try EvidenceStore(path: store).reading.lookup(TimeQuery(from: "2026-11-03T14:30:00Z", to: "2026-11-03T14:30:05Z", limit: 2,
                                                                   after: page.next), actor: Self.analyst)
        #expect(rest.map(\.exhibit.description) == ["EX-000003"] && rest.more == 0 && rest.next == nil)
        #expect(try TestSupport.dfc(range + ["--after", "yesterday"], actor: Self.analyst).stderr.contains("not a continuation"))
    }

    /// An insider hides an exhibit from lookups by time without touching a row or the schema: on
    /// SQLite its R*Tree cell moved into a node no walk from the root reaches (the row-number
    /// table still points at it), on PostgreSQL the GiST index's file swapped for one built
    /// without it. The audit walks each index as a lookup does and names the exhibit.
    @Test func aTimeIndexThatHidesAnExhibitIsNamedByTheAudit() throws {
        let store = try Self.store()
        try Self.sameMinute(in: store)
        let insider = try Insider(path: store)
        if let database = insider.database {
            try TestSupport.Postgres.psql(database, """
                CREATE INDEX zz_forged ON exhibit_span USING gist (int8range(start_ms, end_ms, '[]')) WHERE exhibit_id <> 3;
                WITH a AS (SELECT relfilenode AS f FROM pg_class WHERE relname = 'exhibit_span_range'),
                     b AS (SELECT relfilenode AS f FROM pg_class WHERE relname = 'zz_forged')
                UPDATE pg_class SET relfilenode = CASE relname WHEN 'exhibit_span_range' THEN (SELECT f FROM b) ELSE (SELECT f FROM a) END
                WHERE relname IN ('exhibit_span_range', 'zz_forged');
                DROP INDEX zz_forged;
                """)
        } else {
            let script = """
                import sqlite3, struct, sys
                c = sqlite3.connect(sys.argv[1])
                data = c.execute("SELECT data FROM exhibit_span_index_node WHERE nodeno = 1").fetchone()[0]
                count = struct.unpack('>H', data[2:4])[0]
                cells = [data[4 + i * 16:20 + i * 16] for i in range(count)]
                hidden = [x for x in cells if struct.unpack('>q', x[:8])[0] == 3][0]
                rest = [x for x in cells if x != hidden]
                root = data[:2] + struct.pack('>H', len(rest)) + b''.join(rest)
                orphan = b'\\0\\0' + struct.pack('>H', 1) + hidden
                c.execute("UPDATE exhibit_span_index_node SET data = ? WHERE nodeno = 1", (root + bytes(len(data) - len(root)),))
                c.execute("INSERT INTO exhibit_span_index_node (nodeno, data) VALUES (2, ?)", (orphan + bytes(len(data) - len(orphan)),))
                c.execute("UPDATE exhibit_span_index_rowid SET nodeno = 2 WHERE rowid = 3")
                c.execute("INSERT INTO exhibit_span_index_parent VALUES (2, 1)")
                c.commit()
                """
            let moved = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, store + "/catalog.sqlite"])
            try #require(moved.status == 0, "\(moved.stderr)")
        }
        // The lookup no longer finds it (the forgery works; on PostgreSQL the planner reads three
        // rows without the index, so it shows only on a catalog of many) ...
        let lookup = try TestSupport.dfc(["lookup", "--from", "2026-11-03T14:30:00Z", "--to", "2026-11-03T14:30:05Z", "--store", store], actor: Self.analyst)
        #expect(lookup.stdout.contains("EX-000001") && (insider.database != nil || !lookup.stdout.contains("EX-000003")), "\(lookup.stdout)")
        // ... and the audit, walking the index as the lookup does, names it.
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 1)
        #expect(audit.stdout.split(separator: "\n").contains { $0.contains("EX-000003") && $0.contains("missing from the") }, "\(audit.stdout)")
        #expect(!audit.stdout.contains("catalog schema"), "no row and no schema object was touched")
    }

    @Test func oneLineFieldsRefuseWhatWouldBreakOrHideTheLine() throws {
        let store = try Self.store()
        for (field, value) in [("--case", "C-1\nSHA-256: 0000"), ("--case", "C-1\u{202E}"), ("--source", "CAM\u{1B}[2J"), ("--source", "CAM\u{200B}3")] {
            let ingest = try TestSupport.dfc(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", field == "--case" ? value : "C-1",
                                              "--source", field == "--source" ? value : "CAM 3", "--store", store], actor: Self.analyst)
            #expect(ingest.status != 0 && ingest.stderr.contains("a one-line field may hold none"), "\(field) \(ingest.stderr)")
        }
        #expect(try Insider(path: store).count("SELECT count(*) FROM exhibit") == 0)
        // A name with a zero-width non-joiner would print as another actor's.
        let add = try TestSupport.dfc(["actor", "add", "Sup\u{200C}", "--role", "supervisor", "--store", store], actor: Self.custodian)
        #expect(add.status != 0 && add.stderr.contains("U+200C"), "\(add.stderr)")
    }

    @Test func namesFromFilesReachTheTerminalEscaped() throws {
        let store = try Self.store()
        let work = TestSupport.temporaryDirectory()
        let name = work + "/clip\u{1B}[2J\u{202E}4pm.avi"
        try FileManager.default.copyItem(atPath: TestSupport.fixture("mjpeg.avi"), toPath: name)
        TestSupport.dfcSucceeding(["ingest", name, "--case", "C-1", "--store", store], actor: Self.analyst)
        for arguments in [["show", "EX-1"], ["lookup", "--case", "C-1"]] {
            let run = try TestSupport.dfc(arguments + ["--store", store], actor: Self.analyst)
            #expect(run.status == 0, "\(arguments) \(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{202E}"), "\(arguments)")
            #expect(run.stdout.contains("clip\\u001B[2J\\u202E4pm.avi"), "\(arguments): \(run.stdout)")
        }
        // JSON keeps the same value: \u202E is JSON's own escape.
        let json = try TestSupport.dfc(["lookup", "--case", "C-1", "--json", "--store", store], actor: Self.analyst)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["original_name"] as? String == "clip\u{1B}[2J\u{202E}4pm.avi")
    }

    @Test func rolesAreRefusedWithTheirOwnReasons() throws {
        let store = try Self.store()
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "C-1", "--store", store], actor: Self.analyst)
        // A worker host's key works queued jobs and nothing else.
        let key = try TestSupport.dfc(["actor", "key", "host-7", "--store", store], actor: nil)
        try #require(key.status == 0, "\(key.stderr)")
        let publicKey = String(try #require(key.stdout.split(whereSeparator: \.isWhitespace).last { $0.count == 64 }))
        TestSupport.dfcSucceeding(["actor", "add", "host-7", "--role", "host", "--public-key", publicKey, "--store", store], actor: Self.custodian)
        for arguments in [["show", "EX-1"], ["frames", "EX-1"], ["verify", "--file", TestSupport.fixture("mjpeg.avi")], ["audit"], ["checkpoint"],
                          ["ingest", TestSupport.fixture("hevc.mkv"), "--case", "C-1"]] {
            let run = try TestSupport.dfc(arguments + ["--store", store], actor: "host-7")
            #expect(run.status != 0 && run.stderr.contains("a worker host only analyses and records the jobs of queued batches"), "\(arguments) \(run.stderr)")
        }
        // A revoked actor audits nothing: its audited event would make every later audit fail.
        TestSupport.dfcSucceeding(["actor", "revoke", Self.analyst, "--reason", "left the unit", "--store", store], actor: Self.custodian)
        let revoked = try TestSupport.dfc(["audit", "--store", store], actor: Self.analyst)
        #expect(revoked.status != 0 && revoked.stderr.contains("revoked"), "\(revoked.stderr)")
        let audit = try TestSupport.dfc(["audit", "--store", store], actor: Self.custodian)
        #expect(audit.status == 0, "\(audit.stdout)")
        let list = try TestSupport.dfc(["actor", "list", "--store", store], actor: Self.custodian)
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix(Self.analyst) && $0.contains("REVOKED by event") }, "\(list.stdout)")
        #expect(!list.stdout.split(separator: "\n").contains { $0.hasPrefix(Self.custodian) && $0.contains("REVOKED") })
    }

    /// A bind mount of the store spells it otherwise: a destination through one is still inside it
    /// (by device and inode), refused, nothing written.
    @Test func aDestinationThroughABindMountOfTheStoreIsRefused() throws {
        let store = try Self.store()
        TestSupport.dfcSucceeding(["ingest", TestSupport.fixture("mjpeg.avi"), "--case", "C-1", "--store", store], actor: Self.analyst)
        let alias = TestSupport.temporaryDirectory()
        let mounted = try TestSupport.run("/bin/mount", ["--bind", store, alias])
        try #require(mounted.status == 0, "the tests run as root (as CI does), so a bind mount can be made: \(mounted.stderr)")
        defer { _ = try? TestSupport.run("/bin/umount", [alias]) }
        let extract = try TestSupport.dfc(["extract", "EX-1", "--frames", "0", "--output", alias + "/vault/pictures", "--store", store], actor: Self.analyst)
        #expect(extract.status != 0 && extract.stderr.contains("is inside the evidence store"), "\(extract.stderr)")
        let checkpoint = try TestSupport.dfc(["checkpoint", "--output", alias + "/tmp/checkpoint.txt", "--store", store], actor: Self.custodian)
        #expect(checkpoint.status != 0 && checkpoint.stderr.contains("is inside the evidence store"), "\(checkpoint.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store + "/vault/pictures") && !FileManager.default.fileExists(atPath: store + "/tmp/checkpoint.txt"))
    }

    /// A clock correction that keeps a recording's start on the calendar but pushes its end past
    /// the year 9999 would leave it off the timeline unseen: it is not applied.
    @Test func aCorrectionThatPushesTheEndPastAnyCalendarIsNotApplied() {
        let last: Int64 = 253_402_300_799_999   // 9999-12-31T23:59:59.999Z
        let event = (seq: Int64(9), details: ["source": "CAM 3", "range_from_ms": "0", "range_to_ms": String(last), "offset_ms": "3600000"])
        let near = (start: last - 3_600_000 - 10_000, end: last - 3_600_000 + 10_000)
        #expect(Exhibits.reached(by: [event], source: "CAM 3", span: near, unplaced: false).apply.isEmpty)
        let inside = (start: last - 3_600_000 - 30_000, end: last - 3_600_000 - 10_000)
        #expect(Exhibits.reached(by: [event], source: "CAM 3", span: inside, unplaced: false).apply.map(\.seq) == [9])
    }

    /// Values a file carries that cannot be used are findings, never silently nothing.
    @Test func anUnreadableGPSValueAndAnImpossibleFileNameDateAreFindings() {
        // A TIFF block: IFD0 with a GPS pointer; the GPS IFD's latitude 31/1, 30/0, 0/1.
        var tiff: [UInt8] = Array("II".utf8) + [42, 0, 8, 0, 0, 0]
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        tiff += u16(1) + u16(0x8825) + u16(4) + u32(1) + u32(26) + u32(0)                  // IFD0 at 8, GPS IFD at 26
        tiff += u16(2) + u16(0x0001) + u16(2) + u32(2) + Array("N".utf8) + [0, 0, 0]        // LatitudeRef "N"
        tiff += u16(0x0002) + u16(5) + u32(3) + u32(56) + u32(0)                            // Latitude: 3 rationals at 56
        tiff += u32(31) + u32(1) + u32(30) + u32(0) + u32(0) + u32(1)
        let result = ExifReader.parse(tiff)
        #expect(result.tags["exif.gps_latitude"] == nil)
        #expect(result.problems.contains { $0.contains("latitude cannot be read") && $0.contains("zero denominator") }, "\(result.problems)")
        // A recorder whose clock was never set names its file 9999-12-31: a finding, not nothing.
        let unset = TimeLayers(tags: [:], durationSeconds: 10, fileName: "ch01_99991231235959.mp4", modified: nil)
        #expect(unset.findings.contains { $0.kind == .timeUnusable && $0.message.contains("99991231235959") }, "\(unset.findings)")
        #expect(unset.layers.isEmpty)
        // A plausible date later in the name is still the one read.
        let later = TimeLayers(tags: [:], durationSeconds: 10, fileName: "99991231235959_ch01_20261103143200.mp4", modified: nil)
        #expect(later.layers.first?.value == "20261103143200" && later.findings.isEmpty)
    }
}
