import Crypto
import Foundation
import GRDB

/// Appends custody events to the hash chain, and walks it to check every link.
enum CustodyLog {
    /// Appends one event inside the caller's write transaction, so it commits (or not)
    /// together with whatever it records.
    @discardableResult
    static func append(
        _ db: Database, action: String, actor: String, exhibit: ExhibitID?, details: [String: String]
    ) throws -> CustodyEventRecord {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let prev: String = last?["hash"] ?? CustodyPayload.genesis
        let payload = CustodyPayload(
            seq: seq, prev: prev, action: action, actor: actor, at: Timestamp.now(),
            exhibit: exhibit?.description, details: details)
        let bytes = try CanonicalJSON.data(payload)
        let record = CustodyEventRecord(
            seq: seq, exhibitID: exhibit?.rawValue, action: action, actor: actor, recordedAt: payload.at,
            payload: String(decoding: bytes, as: UTF8.self), prevHash: prev, hash: Hex.string(SHA256.hash(data: bytes)))
        try record.insert(db)
        return record
    }

    /// Walks the whole log in order and names every event whose hash, link, position
    /// or columns disagree with its payload.
    static func verifyChain(_ db: Database) throws -> (events: Int, problems: [String]) {
        var problems: [String] = []
        var expectedSeq: Int64 = 1
        var previousHash = CustodyPayload.genesis
        var count = 0
        let events = try CustodyEventRecord.order(Column("seq")).fetchCursor(db)
        while let event = try events.next() {
            count += 1
            let name = "custody event \(event.seq)"
            if event.seq != expectedSeq {
                problems.append("\(name): expected event \(expectedSeq) here: events are missing or out of order")
            }
            let computed = Hex.string(SHA256.hash(data: Data(event.payload.utf8)))
            if computed != event.hash {
                problems.append("\(name): its payload hashes to \(computed), not the recorded \(event.hash): the event was altered")
            }
            if event.prevHash != previousHash {
                problems.append("\(name): links to \(event.prevHash), but the event before it has hash \(previousHash): the chain is broken")
            }
            if let payload = try? JSONDecoder().decode(CustodyPayload.self, from: Data(event.payload.utf8)) {
                let exhibit = event.exhibitID.map { ExhibitID($0).description }
                if payload.seq != event.seq || payload.prev != event.prevHash || payload.action != event.action
                    || payload.actor != event.actor || payload.at != event.recordedAt || payload.exhibit != exhibit {
                    problems.append("\(name): its columns disagree with its hashed payload: the row was altered")
                }
            } else {
                problems.append("\(name): its payload is not a valid custody record")
            }
            previousHash = event.hash
            expectedSeq = event.seq + 1
        }
        return (count, problems)
    }
}
