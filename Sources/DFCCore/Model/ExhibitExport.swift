/// One export of an exhibit (`dfc export`), as its custody events record it: where it went,
/// for whom, on whose authority, and whether the package was delivered.
public struct ExhibitExport: Sendable, Codable, Equatable {
    /// The exhibit's `exported` event.
    public var event: Int64
    /// When, RFC 3339 in UTC.
    public var at: String
    /// Who asked for it.
    public var actor: String
    /// Who authorised it (the `export_authorized` event's signer).
    public var authorizedBy: String
    /// The `export_authorized` event.
    public var authorization: Int64
    /// The folder the package was written to.
    public var destination: String
    /// For whom.
    public var recipient: String
    /// The `export_undelivered` event, when the export was recorded but its process ended
    /// before the package was in place (nothing was left at the destination).
    public var undelivered: Int64?

    package init(event: Int64, at: String, actor: String, authorizedBy: String, authorization: Int64, destination: String, recipient: String, undelivered: Int64? = nil) {
        self.event = event
        self.at = at
        self.actor = actor
        self.authorizedBy = authorizedBy
        self.authorization = authorization
        self.destination = destination
        self.recipient = recipient
        self.undelivered = undelivered
    }
}
