internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// The hashes the audit takes of each event of a chunk of the log, computed on every core before
/// the chunk is walked in order: the SHA-256 of its payload (its `hash` column must be it), its
/// RFC 9162 leaf hash, and the SHA-256 of its stored row (every column, length-prefixed: what
/// `LedgerCheck.eventsDigest` is made of).
struct EventDigests {
    private(set) var payload: [String]
    private(set) var leaf: [Merkle.Hash]
    private(set) var row: [[UInt8]]

    init(_ events: [CustodyEventRecord]) {
        payload = Array(repeating: "", count: events.count)
        leaf = Array(repeating: [], count: events.count)
        row = Array(repeating: [], count: events.count)
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, events.count / 256))
        payload.withUnsafeMutableBufferPointer { payload in
            leaf.withUnsafeMutableBufferPointer { leaf in
                row.withUnsafeMutableBufferPointer { row in
                    // Each slice writes only its own indices.
                    nonisolated(unsafe) let (payload, leaf, row) = (payload, leaf, row)
                    DispatchQueue.concurrentPerform(iterations: slices) { slice in
                        for index in (slice * events.count / slices)..<((slice + 1) * events.count / slices) {
                            let event = events[index]
                            var text = event.payload
                            text.withUTF8 { bytes in
                                payload[index] = Hex.string(SHA256.hash(data: UnsafeRawBufferPointer(bytes)))
                                leaf[index] = Merkle.leafHash(UnsafeRawBufferPointer(bytes))
                            }
                            row[index] = Self.rowDigest(event)
                        }
                    }
                }
            }
        }
    }

    /// SHA-256 of the event's stored row: its number and exhibit (8 bytes each, big-endian, -1 for
    /// none), then each text column (action, actor, recorded_at, payload, prev_hash, hash, signature,
    /// "" for none) as its UTF-8 length (8 bytes, big-endian) and bytes.
    static func rowDigest(_ event: CustodyEventRecord) -> [UInt8] {
        var hasher = SHA256()
        var seq = event.seq.bigEndian, exhibit = (event.exhibitID ?? -1).bigEndian
        withUnsafeBytes(of: &seq) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: &exhibit) { hasher.update(bufferPointer: $0) }
        func add(_ text: String) {
            var text = text
            var count = UInt64(text.utf8.count).bigEndian
            withUnsafeBytes(of: &count) { hasher.update(bufferPointer: $0) }
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        add(event.action)
        add(event.actor)
        add(event.recordedAt)
        add(event.payload)
        add(event.prevHash)
        add(event.hash)
        add(event.signature ?? "")
        return Array(hasher.finalize())
    }
}

/// One chunk's `EventDigests` being taken in the background while the audit reads and walks on.
final class PendingDigests: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written by the background work before it leaves `group`; read only after `wait()`.
    private var digests: EventDigests?

    init(_ events: [CustodyEventRecord]) {
        DispatchQueue.global().async(group: group) { self.digests = EventDigests(events) }
    }

    /// Waits for the chunk and returns its digests.
    func wait() -> EventDigests {
        group.wait()
        return digests ?? EventDigests([])
    }
}
