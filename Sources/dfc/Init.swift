import ArgumentParser
import DFCKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new store, choosing the engines that hold its catalog and its vault.",
        discussion: """
            With no engines named, the embedded store: catalog.sqlite and the vault folder (what ingest makes by itself). \
            With --catalog postgresql://USER@HOST:PORT/DATABASE, the catalog and custody log live in that PostgreSQL database, \
            which DFC works in as USER; with --catalog-admin postgresql://OWNER@HOST:PORT/DATABASE as well, the schema is made \
            as OWNER and USER may only read and append (no UPDATE, DELETE or TRUNCATE). Passwords come from PGPASSWORD or \
            ~/.pgpass. With --vault 's3://BUCKET?endpoint=URL[&region=R][&retention-days=N]', the originals go to that S3 \
            bucket, which must exist with Object Lock enabled; each is locked in compliance mode for N days (default 3650). \
            Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws/credentials), never from the store. \
            The choice is written to STORE/store.json once; every command then takes --store STORE as before.
            """)

    @Argument(help: "The new store's folder (it must not exist, or be empty).")
    var store: String

    @Option(help: ArgumentHelp("The vault: an S3 bucket with Object Lock.", valueName: "s3://BUCKET?endpoint=URL"))
    var vault: String?

    @Option(help: ArgumentHelp("The catalog: sqlite (catalog.sqlite), or a PostgreSQL database.", valueName: "sqlite|postgresql://USER@HOST:PORT/DB"))
    var catalog: String = "sqlite"

    @Option(help: ArgumentHelp("The PostgreSQL role that owns the schema, when it is not USER.", valueName: "postgresql://OWNER@HOST:PORT/DB"))
    var catalogAdmin: String?

    func run() throws {
        try reportingErrors {
            let made = try EvidenceStore.initialize(
                path: store, vault: vault, catalog: catalog == "sqlite" ? nil : catalog, catalogAdmin: catalogAdmin)
            print("STORE\t\(made.path)\tcatalog \(made.engines.catalog)\t\(made.engines.vault)")
            if let missing = try made.catalogSetupMissing() {
                Output.note("dfc audit cannot check the catalog's indexes against their tables until this is done: \(missing)")
            }
        }
    }
}
