import ArgumentParser
import DFCKit

struct Clock: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct an exhibit's clock, or a camera's over a time range, against a reference, as signed custody events.",
        discussion: """
            The offset is added to the time the exhibit's best layer gives (see `dfc show`); the file's \
            own times are never changed. Corrections stack; `show`, `lookup` and the rest name every one \
            they applied. The reason says what the clock was checked against (a photographed clock, a GPS \
            fix, a known event). With --source NAME --from T --to T instead of an exhibit, the camera's clock \
            is corrected over the range by one event that stands for it, and every exhibit of that camera on \
            the timeline over the range by its own event naming that one; footage of the camera over the \
            range ingested later gets its own event following it as it is ingested. With --zone Area/City, the clock is said to \
            show local time there (a DVR's or action camera's local time labelled UTC): each exhibit's reading \
            is read in the zone at its own date, summer or winter, and --offset, when given, is added.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix); or give --source, --from and --to.")
    var reference: String?

    @Option(help: ArgumentHelp("Every exhibit of this source (exactly, as amended) over --from ... --to.", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("With --source: the range, ISO 8601 with its zone.", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("With --source: the end of the range.", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Added to the exhibit's clock: ±HH:MM:SS[.fff] (a negative one as --offset=-01:00:00).", valueName: "offset"))
    var offset: String?

    @Option(help: ArgumentHelp("The zone the clock shows local time of (IANA, Area/City); its offset at the reading is applied.", valueName: "zone"))
    var zone: String?

    @Option(help: "Why: the reference the clock was checked against (recorded in the custody log).")
    var reason: String

    @Flag(help: "Print the exhibit as JSON.")
    var json = false

    func validate() throws {
        guard offset != nil || zone != nil else { throw ValidationError("give --offset, --zone, or both") }
        if reference != nil {
            guard source == nil, from == nil, to == nil else { throw ValidationError("give an exhibit, or --source with --from and --to, not both") }
        } else {
            guard source != nil, from != nil, to != nil else { throw ValidationError("give an exhibit, or --source NAME --from T --to T") }
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let reports = if let reference {
                [try store.exhibits.correctClock(reference, offset: offset, zone: zone, reason: reason, actor: options.actorName)]
            } else {
                try store.exhibits.correctClock(source: source ?? "", from: from ?? "", to: to ?? "", offset: offset, zone: zone, reason: reason, actor: options.actorName)
            }
            if reports.isEmpty {
                print("\(source ?? "")\tno exhibit on the timeline over the range yet: the correction stands for its footage ingested later")
            }
            for report in reports {
                if json {
                    print(Output.json(report))
                } else if let last = report.clockCorrections.last {
                    print("\(report.exhibit)\tclock corrected by custody event \(last.event)\t\(last.offset)\tnow \(report.correctedStart ?? "-") to \(report.correctedEnd ?? "-")")
                }
            }
        }
    }
}
