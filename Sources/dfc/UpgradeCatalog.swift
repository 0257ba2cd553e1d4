import ArgumentParser
import DFCKit

struct UpgradeCatalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade-catalog",
        abstract: "Bring a store's PostgreSQL catalog up to this DFC's tables, as the database's owner.",
        discussion: """
            After installing a newer DFC: the role a store works as may only read and append, so it \
            cannot make the new version's tables itself (its commands then fail with "the role … may not \
            do that"). This makes them as --catalog-admin (the same server and database as the store's \
            catalog) and lets the store's role read and append them, nothing more. Records nothing; an \
            embedded store needs none of this.
            """)

    @OptionGroup var location: StoreLocation

    @Option(help: ArgumentHelp("The database's owner: postgresql://OWNER@HOST:PORT/DATABASE.", valueName: "url"))
    var catalogAdmin: String

    func run() throws {
        try reportingErrors {
            try EvidenceStore.upgradeCatalog(path: location.path, catalogAdmin: catalogAdmin)
            print("\(location.path): catalog up to date")
        }
    }
}
