internal import Crypto
import DFCCore
import Foundation

/// The hashes of RFC 9162 (Certificate Transparency v2), section 2.1, over which DFC
/// builds its custody log's Merkle tree. Every custody event is one leaf; its leaf data
/// is the event's payload bytes exactly as stored.
public enum Merkle {
    /// A 32-byte SHA-256 value.
    public typealias Hash = [UInt8]

    /// The root of the empty tree: SHA-256 of no bytes.
    public static let emptyRoot: Hash = Array(SHA256.hash(data: Data()))

    /// `SHA-256(0x00 || data)`.
    public static func leafHash<Bytes: DataProtocol>(_ data: Bytes) -> Hash {
        var hasher = SHA256()
        var prefix: UInt8 = 0x00
        withUnsafeBytes(of: &prefix) { hasher.update(bufferPointer: $0) }
        hasher.update(data: data)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        var hasher = SHA256()
        var prefix: UInt8 = 0x01
        withUnsafeBytes(of: &prefix) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize())
    }

    /// The largest power of two smaller than `n` (n > 1): where RFC 9162 splits a tree.
    package static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}
