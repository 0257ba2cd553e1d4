import ArgumentParser
import DFCKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new store, choosing the engines that hold its vault.",
        discussion: """
            With no engines named, the embedded store: catalog.sqlite and the vault folder (what ingest makes by itself). \
            With --vault 's3://BUCKET?endpoint=URL[&region=R][&retention-days=N]', the originals go to that S3 bucket, which \
            must exist with Object Lock enabled; each is locked in compliance mode for N days (default 3650). Credentials come \
            from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws/credentials), never from the store. The choice is \
            written to STORE/store.json once; every command then takes --store STORE as before.
            """)

    @Argument(help: "The new store's folder (it must not exist, or be empty).")
    var store: String

    @Option(help: ArgumentHelp("The vault: an S3 bucket with Object Lock.", valueName: "s3://BUCKET?endpoint=URL"))
    var vault: String?

    @Option(help: ArgumentHelp("The catalog engine (this version keeps catalogs in SQLite: catalog.sqlite).", valueName: "sqlite"))
    var catalog: String = "sqlite"

    func validate() throws {
        guard catalog == "sqlite" else {
            throw ValidationError("--catalog \(catalog): this version of DFC keeps the catalog and custody log in SQLite only (--catalog sqlite)")
        }
    }

    func run() throws {
        try reportingErrors {
            let made = try EvidenceStore.initialize(path: store, vault: vault)
            print("STORE\t\(made.path)\tcatalog \(made.engines.catalog)\t\(made.engines.vault)")
        }
    }
}
