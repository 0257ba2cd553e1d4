/// One custody event as a package ships it (`events.jsonl`): the payload exactly as
/// stored (its bytes are what the hash, the signature and the Merkle leaf cover), and
/// the hash, link and signature the log keeps beside it.
struct PackagedEvent: Codable, Sendable {
    var seq: Int64
    var hash: String
    var prevHash: String
    var signature: String?
    var payload: String

    init(_ event: CustodyEventRecord) {
        seq = event.seq
        hash = event.hash
        prevHash = event.prevHash
        signature = event.signature
        payload = event.payload
    }
}
