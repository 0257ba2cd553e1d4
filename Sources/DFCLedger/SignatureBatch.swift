internal import Crypto
import DFCCore
import Foundation

/// Verifies the Ed25519 signatures of many custody events at once, on every core: each
/// public key's hex is decoded once per batch, and the events are split into one slice per core.
/// The audit of a long log spends most of its time here.
package enum SignatureBatch {
    /// Whether each event's signature verifies against the key its payload names (false for
    /// an unsigned event, an unparsable key or signature). Same order as `events`.
    package static func verify(_ events: [(payload: String, signature: String?, key: String?)]) -> [Bool] {
        var decoded: [String: [UInt8]] = [:]
        for event in events {
            guard let hex = event.key, decoded[hex] == nil, let bytes = Hex.bytes(hex), bytes.count == 32 else { continue }
            decoded[hex] = bytes
        }
        let keys = decoded
        var results = [Bool](repeating: false, count: events.count)
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, events.count / 64))
        results.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output   // each slice writes only its own indices
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                var index = slice * events.count / slices
                let end = (slice + 1) * events.count / slices
                while index < end {
                    let event = events[index]
                    if let signature = event.signature.flatMap(Hex.bytes), signature.count == 64,
                       let key = event.key.flatMap({ keys[$0] }).flatMap({ try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }) {
                        output[index] = event.payload.utf8.withContiguousStorageIfAvailable {
                            key.isValidSignature(signature, for: UnsafeRawBufferPointer($0))
                        } ?? key.isValidSignature(signature, for: Data(event.payload.utf8))
                    }
                    index += 1
                }
            }
        }
        return results
    }
}

/// One batch's signatures being verified in the background while the audit reads on.
package final class PendingSignatures: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written by the background work before it leaves `group`; read only after `wait()`.
    private var verified: [Bool] = []

    package init(_ events: [(payload: String, signature: String?, key: String?)]) {
        DispatchQueue.global().async(group: group) { self.verified = SignatureBatch.verify(events) }
    }

    /// Waits for the batch and returns each event's result, in order.
    package func wait() -> [Bool] {
        group.wait()
        return verified
    }
}
