/// What an export wrote and recorded.
public struct ExportReport: Sendable, Codable, Equatable {
    /// The package's folder.
    public var directory: String
    /// The exhibits exported.
    public var exhibits: [ExhibitID]
    /// The `export_authorized` custody event, signed by the authorising actor.
    public var authorizationEvent: Int64
    /// The `exported` custody events, one per exhibit, signed by the actor who asked.
    public var exportEvents: [Int64]
    /// The tree size of the checkpoint shipped in the package.
    public var checkpointTreeSize: Int
    /// How many custody events the package ships, each with its inclusion proof.
    public var eventsShipped: Int
    /// How many payload files (originals and pictures), and their bytes.
    public var payloadFiles: Int
    /// Total bytes of the payload.
    public var payloadBytes: Int64

    package init(directory: String, exhibits: [ExhibitID], authorizationEvent: Int64, exportEvents: [Int64], checkpointTreeSize: Int, eventsShipped: Int, payloadFiles: Int, payloadBytes: Int64) {
        self.directory = directory
        self.exhibits = exhibits
        self.authorizationEvent = authorizationEvent
        self.exportEvents = exportEvents
        self.checkpointTreeSize = checkpointTreeSize
        self.eventsShipped = eventsShipped
        self.payloadFiles = payloadFiles
        self.payloadBytes = payloadBytes
    }
}
