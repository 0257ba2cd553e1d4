import ArgumentParser
import DFCKit

struct MigrateStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy an embedded store into a new store on PostgreSQL, an S3 bucket with Object Lock, or both.",
        discussion: """
            Every original is checked against its registration and uploaded, locked (with --vault); a signed store_copied \
            event is appended to this store's log; the catalog is copied as one snapshot (into the PostgreSQL database \
            with --catalog, which must be empty), with the actors' keys and the extracted pictures; and the new store is \
            audited. It succeeds only when that audit is clean; otherwise nothing is left at --output. A custodian or \
            supervisor acts. Credentials as for dfc init.
            """)

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("output"), help: "The new store's folder (it must not exist, or be empty).")
    var output: String?

    /// The old spelling of --output (one release).
    @Option(name: .customLong("to"), help: .hidden)
    var to: String?

    /// Where to write: --output, or the old --to.
    var destination: String { output ?? to ?? "" }

    @Option(help: ArgumentHelp("The new store's vault: an S3 bucket with Object Lock.", valueName: "s3://BUCKET?endpoint=URL"))
    var vault: String?

    @Option(help: ArgumentHelp("The new store's catalog: a PostgreSQL database.", valueName: "postgresql://USER@HOST:PORT/DB"))
    var catalog: String?

    @Option(help: ArgumentHelp("The PostgreSQL role that owns the schema, when it is not USER.", valueName: "postgresql://OWNER@HOST:PORT/DB"))
    var catalogAdmin: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        _ = try RenamedFlag.value(output, "--output", old: to, "--to")
    }

    func run() throws {
        try reportingErrors {
            RenamedFlag.note(to, "--to", "--output", "--to is for the end of a time range")
            let result = try options.open().migrator.migrate(to: destination, vault: vault, catalog: catalog, catalogAdmin: catalogAdmin, actor: options.actorName)
            if json {
                print(Output.json(result))
            } else {
                print("MIGRATED\t\(result.destination)\t\(result.catalog)\t\(result.vault)\t\(result.exhibits) exhibits, \(result.bytes) bytes "
                    + "(\(result.uploaded) uploaded, \(result.adopted) already there)\tcustody event \(result.event)")
                print("CLEAN: the new store's audit checked \(result.audit.eventsChecked) custody events and \(result.audit.exhibitsChecked) exhibits")
            }
        }
    }
}
