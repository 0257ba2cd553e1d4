import ArgumentParser
import DFCKit

struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "The register of fixed cameras: where each stands and the zone its clock keeps.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a fixed camera, as a signed custody event (a custodian or a supervisor).",
            discussion: """
                Footage ingested afterwards with --source NAME gets the camera's position as a place (so \
                `dfc lookup --near` finds CCTV footage without GPS), and its zone-less clock readings (the \
                time in a DVR's file name) read in --zone as a layer of their own (source_zone), beside the \
                file's own. An hour the zone skips or repeats is a finding, never a guess. Registering a \
                camera again makes a new entry that applies from then on; nothing ingested before changes.

                --file-name-time says how the camera's exports carry the recording's time in their names, \
                where the usual patterns (ch01_20261103143200.mp4, VID_20261103_143200.mp4) do not fit or \
                would mislead: YYYY MM DD hh mm (required), ss and fff (milliseconds) stand for that many \
                digits, * for any run of characters, ? for any one, \\ takes the next character as itself, \
                and every other character stands for itself; the whole name must fit. A recorder that writes \
                03-11-2026_14.32.00 is registered with *_DD-MM-YYYY_hh.mm.ss.*, never read by a guess at the \
                order. A name that does not fit is a finding.
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: "The camera's name, exactly as its footage is ingested (--source).")
        var name: String

        @Option(help: ArgumentHelp("Where it stands: latitude,longitude in degrees (WGS 84).", valueName: "lat,lon"))
        var at: String

        @Option(help: ArgumentHelp("Which way it looks, degrees clockwise from true north.", valueName: "degrees"))
        var heading: Double?

        @Option(help: ArgumentHelp("The IANA zone its clock keeps (Asia/Karachi, Europe/London).", valueName: "Area/City"))
        var zone: String?

        @Option(help: ArgumentHelp("How its exports' file names carry the recording's time (*_DD-MM-YYYY_hh.mm.ss.*).", valueName: "pattern"))
        var fileNameTime: String?

        @Flag(help: "Print the entry as JSON.")
        var json = false

        func run() throws {
            try reportingErrors {
                let parts = at.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let latitude = parts[0], let longitude = parts[1] else {
                    throw ValidationError("--at \(at): give latitude,longitude in degrees (31.5497,74.3436)")
                }
                let entry = try options.open().exhibits.registerSource(name, latitude: latitude, longitude: longitude, heading: heading, zone: zone,
                                                              fileNameTime: fileNameTime, actor: options.actorName)
                if json {
                    print(Output.json(entry))
                } else {
                    print("\(entry.name)\tregistered by custody event \(entry.event)\t\(entry.latitude),\(entry.longitude)\t\(entry.zone ?? "zone not given")")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the register: every entry, oldest first (the latest of a name applies).")

        @OptionGroup var options: StoreOptions

        @Flag(help: "Print JSON lines.")
        var json = false

        func run() throws {
            try reportingErrors {
                for entry in try options.open().exhibits.sources() {
                    if json {
                        print(Output.json(entry))
                    } else {
                        print("\(entry.name)\t\(entry.latitude),\(entry.longitude)\theading \(entry.heading.map { String($0) } ?? "-")\t"
                              + "\(entry.zone ?? "zone not given")\t\(entry.fileNameTime.map { "file names \($0)" } ?? "file names by the usual patterns")\t"
                              + "custody event \(entry.event) by \(entry.actor) at \(entry.at)")
                    }
                }
            }
        }
    }
}
