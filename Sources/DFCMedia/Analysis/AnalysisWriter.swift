internal import Crypto
import Foundation
import DFCCore

/// Writes one analysis to an open file in the layout `AnalysisFile` describes, buffered,
/// hashing every byte it writes.
package final class AnalysisWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()

    /// Why the analysis could not be written (the disk is full, most often).
    package struct WriteError: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    package init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
        buffer += AnalysisFile.magic
    }

    package func append(_ row: PacketRow) throws(WriteError) {
        var flags: UInt8 = 0
        if row.pts != nil { flags |= 1 }
        if row.dts != nil { flags |= 2 }
        if row.duration != nil { flags |= 4 }
        if row.position != nil { flags |= 8 }
        if row.keyFrame { flags |= 16 }
        buffer.append(AnalysisFile.packetTag)
        put(Int64(row.index)); put(Int32(row.stream)); buffer.append(flags)
        put(row.pts ?? 0); put(row.dts ?? 0); put(row.duration ?? 0); put(row.position ?? 0); put(Int64(row.size))
        putHash(row.sha256)
        try flushIfFull()
    }

    package func append(_ row: FrameRow) throws(WriteError) {
        var flags: UInt8 = 0
        if row.pts != nil { flags |= 1 }
        if row.ptsSeconds != nil { flags |= 2 }
        if row.keyFrame { flags |= 4 }
        if !row.sha256.isEmpty { flags |= 8 }
        if row.pdq != nil { flags |= 16 }
        buffer.append(AnalysisFile.frameTag)
        put(Int32(row.stream)); put(Int64(row.index)); buffer.append(flags)
        put(row.pts ?? 0); put((row.ptsSeconds ?? 0).bitPattern)
        buffer.append(row.pictureType.utf8.first ?? UInt8(ascii: "?"))
        put(Int64(row.size))
        putHash(row.sha256)
        buffer.append(UInt8(clamping: row.pdq?.quality ?? 0))
        putHash(row.pdq.map { Data($0.bytes) } ?? Data())
        try flushIfFull()
    }

    /// Writes the summary and the closing digest, and flushes everything.
    package func finish(_ summary: MediaAnalysis) throws(WriteError) {
        let json: Data
        do { json = try CanonicalJSON.data(summary) } catch { throw WriteError(description: "cannot encode the summary: \(error)") }
        buffer.append(AnalysisFile.summaryTag)
        put(UInt32(json.count))
        buffer += json
        hasher.update(data: buffer)
        buffer.append(AnalysisFile.endTag)
        buffer += Array(hasher.finalize())
        try write()
    }

    private func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func putHash(_ hash: Data) {
        if hash.count == 32 { buffer += hash } else { buffer += repeatElement(0, count: 32) }
    }

    private func flushIfFull() throws(WriteError) {
        guard buffer.count >= 1 << 16 else { return }
        hasher.update(data: buffer)
        try write()
    }

    private func write() throws(WriteError) {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw WriteError(description: "cannot write the analysis: \(errnoDescription())") }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
