internal import Crypto
import Foundation
import DFCCore

/// Reads a worker's analysis file back, checking everything a parent can check without
/// parsing the footage itself: the magic, every record whole and of a known kind, packet
/// indices 0, 1, 2, … in order, each stream's frame indices 0, 1, 2, … in order, frames
/// only on video streams, counts that agree with the summary, values within bounds, and
/// the closing SHA-256 over every byte. Anything else is `AnalysisFile.Invalid`.
///
/// (The parent cannot check that the hashes are the footage's: that would mean decoding it.
/// What it can promise is that what it records is exactly and only what the worker handed over.)
package struct AnalysisReader {
    package let path: String
    package let limits: MediaLimits

    /// What a whole, valid file holds besides its rows.
    package struct Checked: Sendable {
        package let summary: MediaAnalysis
        package let digest: String

        package init(summary: MediaAnalysis, digest: String) {
            self.summary = summary
            self.digest = digest
        }
    }

    /// Reads the file once, calling `packet` and `frame` with each row in file order, and
    /// checks it. A row reaches a callback before the checks that need the summary run, so
    /// a caller that stores rows must do so in a transaction it rolls back on a throw.
    package func read(packet onPacket: (PacketRow) throws -> Void = { _ in },
              frame onFrame: (FrameRow) throws -> Void = { _ in }) throws -> Checked {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AnalysisFile.Invalid("cannot open \(path): \(errnoDescription())") }
        defer { close(descriptor) }
        var input = ByteInput(descriptor: descriptor)
        guard try input.take(AnalysisFile.magic.count).elementsEqual(AnalysisFile.magic) else {
            throw AnalysisFile.Invalid("not an analysis file (wrong magic)")
        }
        var packets = 0
        var highestPacketStream = -1
        var nextFrame: [Int: Int] = [:]
        var frames = 0
        var pdqFrames: [(stream: Int, index: Int)] = []
        while true {
            let tag = try input.take(1).first!
            switch tag {
            case AnalysisFile.packetTag:
                var body = Fields(try input.take(AnalysisFile.packetBody))
                let index = Int(body.int64()), stream = Int(body.int32()), flags = body.byte()
                let pts = body.int64(), dts = body.int64(), duration = body.int64(), position = body.int64(), size = body.int64()
                guard index == packets else { throw AnalysisFile.Invalid("packet \(index) where packet \(packets) was due") }
                guard stream >= 0, stream < limits.maxStreams * 2 else { throw AnalysisFile.Invalid("packet \(index): stream \(stream)") }
                guard size >= 0, size <= limits.maxPacketBytes, flags < 32 else {
                    throw AnalysisFile.Invalid("packet \(index): size \(size) or flags \(flags) out of range")
                }
                try onPacket(PacketRow(
                    index: index, stream: stream, pts: flags & 1 != 0 ? pts : nil, dts: flags & 2 != 0 ? dts : nil,
                    duration: flags & 4 != 0 ? duration : nil, size: Int(size), keyFrame: flags & 16 != 0,
                    position: flags & 8 != 0 ? position : nil, sha256: Data(body.hash())))
                packets += 1
                highestPacketStream = max(highestPacketStream, stream)
            case AnalysisFile.frameTag:
                var body = Fields(try input.take(AnalysisFile.frameBody))
                let stream = Int(body.int32()), index = Int(body.int64()), flags = body.byte()
                let pts = body.int64(), seconds = Double(bitPattern: body.uint64()), type = body.byte(), size = body.int64()
                let hash = body.hash()
                let quality = Int(body.byte()), pdq = body.hash()
                guard stream >= 0, stream < limits.maxStreams * 2, index == nextFrame[stream, default: 0] else {
                    throw AnalysisFile.Invalid("frame \(index) of stream \(stream) where frame \(nextFrame[stream, default: 0]) was due")
                }
                guard flags < 32, flags & 16 != 0 || (quality == 0 && pdq.allSatisfy { $0 == 0 }), quality <= 100,
                      AnalysisFile.pictureTypes.contains(type), size >= 0, size <= Int64(limits.maxPixels) * 16,
                      (flags & 8 != 0) == (size > 0), flags & 2 == 0 || seconds.isFinite else {
                    throw AnalysisFile.Invalid("frame \(index) of stream \(stream): a value out of range")
                }
                try onFrame(FrameRow(
                    stream: stream, index: index, pts: flags & 1 != 0 ? pts : nil, ptsSeconds: flags & 2 != 0 ? seconds : nil,
                    keyFrame: flags & 4 != 0, pictureType: String(UnicodeScalar(type)), size: Int(size),
                    sha256: flags & 8 != 0 ? Data(hash) : Data(), pdq: flags & 16 != 0 ? PDQHash(bytes: Array(pdq), quality: quality) : nil))
                if flags & 16 != 0 { pdqFrames.append((stream, index)) }
                nextFrame[stream] = index + 1
                frames += 1
            case AnalysisFile.summaryTag:
                var lengthField = Fields(try input.take(4))
                let length = Int(lengthField.uint32())
                guard length <= AnalysisFile.maxSummaryBytes else { throw AnalysisFile.Invalid("a summary of \(length) bytes") }
                let json = try input.take(length)
                let summary: MediaAnalysis
                do {
                    summary = try JSONDecoder().decode(MediaAnalysis.self, from: Data(json))
                } catch {
                    throw AnalysisFile.Invalid("the summary cannot be decoded: \(error)")
                }
                let digest = input.digest()
                guard try input.take(1).first! == AnalysisFile.endTag, try input.take(32).elementsEqual(digest) else {
                    throw AnalysisFile.Invalid("its closing SHA-256 does not match its contents (damaged or cut short)")
                }
                guard try input.atEnd() else { throw AnalysisFile.Invalid("bytes after its end") }
                guard highestPacketStream < summary.streams.count else {
                    throw AnalysisFile.Invalid("packets of stream \(highestPacketStream), which the summary does not list")
                }
                try check(summary, packets: packets, frames: frames, framesPerStream: nextFrame)
                for (stream, index) in pdqFrames {
                    guard let interval = summary.pdqIntervals[stream], interval > 0, index % interval == 0 else {
                        throw AnalysisFile.Invalid("frame \(index) of stream \(stream) has a PDQ hash, which the selection rule does not give it")
                    }
                }
                return Checked(summary: summary, digest: Hex.string(digest))
            default:
                throw AnalysisFile.Invalid("an unknown record \(tag) after \(packets) packets and \(frames) frames")
            }
        }
    }

    /// The summary against the rows: counts, streams, and bounds on what it may hold.
    private func check(_ summary: MediaAnalysis, packets: Int, frames: Int, framesPerStream: [Int: Int]) throws {
        guard summary.packetCount == packets, summary.frameCount == frames else {
            throw AnalysisFile.Invalid("the summary counts \(summary.packetCount) packets and \(summary.frameCount) frames; the file holds \(packets) and \(frames)")
        }
        guard summary.streams.count <= limits.maxStreams * 2,
              summary.streams.enumerated().allSatisfy({ $0.offset == $0.element.index }) else {
            throw AnalysisFile.Invalid("the summary's streams are not numbered 0, 1, 2, …")
        }
        for (stream, count) in framesPerStream {
            guard stream < summary.streams.count, summary.streams[stream].type == "video" else {
                throw AnalysisFile.Invalid("frames of stream \(stream), which is not a video stream")
            }
            guard summary.streams[stream].frameCount == count else {
                throw AnalysisFile.Invalid("stream \(stream): the summary counts \(summary.streams[stream].frameCount) frames; the file holds \(count)")
            }
        }
        guard summary.streams.reduce(0, { $0 + $1.packetCount }) == packets else {
            throw AnalysisFile.Invalid("the streams' packet counts do not add up to the \(packets) packets in the file")
        }
        guard summary.findings.count <= (FindingCollector.limitPerKind + 1) * Finding.Kind.allCases.count,
              summary.findings.allSatisfy({ $0.message.utf8.count <= 4096 }) else {
            throw AnalysisFile.Invalid("more findings, or longer ones, than an analysis makes")
        }
    }

    package init(path: String, limits: MediaLimits) {
        self.path = path
        self.limits = limits
    }
}

/// Buffered reading of exact byte counts from a descriptor, hashing what it hands out.
private struct ByteInput {
    package let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var hasher = SHA256()

    package init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next `count` bytes; throws at the end of the file.
    package mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - start < count {
            guard try fill() else { throw AnalysisFile.Invalid("it ends in the middle of a record (cut short)") }
        }
        defer { start += count }
        let bytes = buffer[start..<start + count]
        hasher.update(data: bytes)
        return bytes
    }

    /// SHA-256 of everything taken so far.
    package func digest() -> [UInt8] { Array(hasher.finalize()) }

    package mutating func atEnd() throws -> Bool {
        if start < buffer.count { return false }
        return try !fill()
    }

    private mutating func fill() throws -> Bool {
        buffer.removeFirst(start)
        start = 0
        let chunk = 1 << 20
        let old = buffer.count
        buffer += repeatElement(0, count: chunk)
        var count = 0
        repeat {
            count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + old, chunk) }
        } while count < 0 && errno == EINTR
        buffer.removeLast(chunk - max(count, 0))
        guard count >= 0 else { throw AnalysisFile.Invalid("cannot read it: \(errnoDescription())") }
        return count > 0
    }
}

/// Little-endian fields out of one record.
private struct Fields {
    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    package init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    package mutating func byte() -> UInt8 {
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func uint64() -> UInt64 { integer(UInt64.self) }
    package mutating func int64() -> Int64 { integer(Int64.self) }
    package mutating func int32() -> Int32 { integer(Int32.self) }
    package mutating func uint32() -> UInt32 { integer(UInt32.self) }

    package mutating func hash() -> ArraySlice<UInt8> {
        defer { offset += 32 }
        return bytes[offset..<offset + 32]
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T {
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<offset + MemoryLayout<T>.size]) }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }
}
