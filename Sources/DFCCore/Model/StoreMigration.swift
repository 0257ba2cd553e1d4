/// What `dfc migrate-store` did: the new store, its vault, the originals it carries and the
/// audit of the copy.
public struct StoreMigration: Sendable, Codable, Equatable {
    /// The new store's folder.
    public var destination: String
    /// The new store's vault: `S3 vault s3://BUCKET at ENDPOINT`, or its folder.
    public var vault: String
    /// The new store's catalog: its `catalog.sqlite`, or `PostgreSQL catalog postgresql://…`.
    public var catalog: String
    /// Exhibits whose originals were checked against their registration and copied (for a vault
    /// folder copied as it is, the exhibits the copy's audit checked).
    public var exhibits: Int
    /// Originals uploaded by this migration, and originals already in the bucket with the same bytes (adopted).
    public var uploaded: Int
    public var adopted: Int
    /// Bytes of originals checked and carried.
    public var bytes: Int64
    /// The `store_copied` custody event, in the old store's log (and, as the copy's last event before its audit, in the new one's).
    public var event: Int64
    /// The audit of the new store, run before the migration reported success.
    public var audit: AuditReport

    package init(destination: String, vault: String, catalog: String, exhibits: Int, uploaded: Int, adopted: Int, bytes: Int64, event: Int64, audit: AuditReport) {
        self.destination = destination
        self.vault = vault
        self.catalog = catalog
        self.exhibits = exhibits
        self.uploaded = uploaded
        self.adopted = adopted
        self.bytes = bytes
        self.event = event
        self.audit = audit
    }
}
