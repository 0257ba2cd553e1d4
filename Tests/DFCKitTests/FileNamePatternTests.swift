@testable import DFCKit
import Testing

/// A camera's file-name pattern read on names a recorder writes: the literal text around a
/// time says which of two it is, a `*` gives back what the rest needs, and digits that are no
/// date and time (or a name that does not fit) give nothing, never a guess.
@Suite struct FileNamePatternTests {
    @Test func aPatternReadsTheTimeItsLiteralTextPointsAt() throws {
        let name = "NVR_ch2_main_20261025015958_20261025010202.dav"
        let start = try FileNamePattern("*_YYYYMMDDhhmmss_*").time(in: name)
        #expect(start?.text == "20261025015958" && start?.time == CivilTime(year: 2026, month: 10, day: 25, hour: 1, minute: 59, second: 58))
        let end = try FileNamePattern("*_YYYYMMDDhhmmss.dav").time(in: name)
        #expect(end?.text == "20261025010202" && end?.time.minute == 2 && end?.time.second == 2, "\(String(describing: end))")
        let european = try FileNamePattern("ch?? DD.MM.YYYY hh-mm-ss.fff *").time(in: "ch03 03.11.2026 14-32-00.250 main.mp4")
        #expect(european?.time == CivilTime(year: 2026, month: 11, day: 3, hour: 14, minute: 32, second: 0, nanoseconds: 250_000_000))
        // Seconds left out read as :00; an escaped token letter is a letter.
        #expect(try FileNamePattern("\\D\\DYYYYMMDD_hhmm.*").time(in: "DD20261103_1432.avi")?.time.second == 0)
        #expect(try FileNamePattern("\\D\\DYYYYMMDD_hhmm.*").time(in: "XX20261103_1432.avi") == nil)
        // Digits that are no date and time, a name that does not fit, a name past the bound.
        #expect(try FileNamePattern("ch??_DD-MM-YYYY_hh.mm.ss.*").time(in: "ch01_11-13-2026_14.32.00.mp4") == nil)
        #expect(try FileNamePattern("ch??_DD-MM-YYYY_hh.mm.ss.*").time(in: "ch01_03-11-2026_14.32.mp4") == nil)
        #expect(try FileNamePattern("*YYYYMMDDhhmm*").time(in: String(repeating: "1", count: 5000)) == nil)
        #expect(try FileNamePattern("*YYYYMMDDhhmm*").time(in: "clip-202611031432-ü.mp4")?.text == "202611031432")
    }

    @Test func aPatternThatCannotBeReadIsRefusedSayingWhy() {
        for (pattern, words) in [("DD-MM-YYYY", "no hh, mm"), ("YYYYMMDDhhmmYYYY", "YYYY appears twice"), ("YYYYMMDDhhmm\\", "at the end"),
                                 ("", "one line"), (String(repeating: "*", count: 201) + "YYYYMMDDhhmm", "at most 200")] {
            let error = #expect(throws: DFCError.self, "\(pattern)") { _ = try FileNamePattern(pattern) }
            #expect(error.map { "\($0)".contains(words) } == true, "\(String(describing: error))")
        }
    }
}
