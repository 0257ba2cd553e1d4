import Foundation
import DFCCore

/// The file a worker writes its extracted pictures to, and the parent reads back with
/// every bound checked: a first line `DFC-FRAMES-1`, then per picture one JSON line
/// (`Record`, kind "frame") followed by exactly `pngSize` bytes of PNG, and last one JSON
/// line of kind "end" saying how many pictures were decoded, or why it stopped.
package enum ExtractionFile {
    package static let magic = "DFC-FRAMES-1"
    /// The longest JSON line the reader accepts.
    package static let maxLine = 4096

    /// One JSON line.
    package struct Record: Codable {
        package var kind: String
        package var index: Int?
        package var pts: Int64?
        package var ptsSeconds: Double?
        package var frameSHA256: String?
        package var frameSize: Int?
        package var width: Int?
        package var height: Int?
        package var pngSize: Int?
        package var conversion: String?
        package var rotation: Int?
        package var displayRotation: Int?
        package var decoded: Int?
        package var error: String?

        package init(kind: String, index: Int? = nil, pts: Int64? = nil, ptsSeconds: Double? = nil, frameSHA256: String? = nil, frameSize: Int? = nil, width: Int? = nil, height: Int? = nil, pngSize: Int? = nil, conversion: String? = nil, rotation: Int? = nil, displayRotation: Int? = nil, decoded: Int? = nil, error: String? = nil) {
            self.kind = kind
            self.index = index
            self.pts = pts
            self.ptsSeconds = ptsSeconds
            self.frameSHA256 = frameSHA256
            self.frameSize = frameSize
            self.width = width
            self.height = height
            self.pngSize = pngSize
            self.conversion = conversion
            self.rotation = rotation
            self.displayRotation = displayRotation
            self.decoded = decoded
            self.error = error
        }
    }

    /// A picture as the parent read and checked it.
    package struct Picture: Sendable {
        package var index: Int
        package var pts: Int64?
        package var ptsSeconds: Double?
        package var frameSHA256: String
        package var width: Int
        package var height: Int
        package var png: [UInt8]
        package var conversion: String
        package var rotation: Int
        package var displayRotation: Int

        package init(index: Int, pts: Int64? = nil, ptsSeconds: Double? = nil, frameSHA256: String, width: Int, height: Int, png: [UInt8], conversion: String, rotation: Int, displayRotation: Int) {
            self.index = index
            self.pts = pts
            self.ptsSeconds = ptsSeconds
            self.frameSHA256 = frameSHA256
            self.width = width
            self.height = height
            self.png = png
            self.conversion = conversion
            self.rotation = rotation
            self.displayRotation = displayRotation
        }
    }

    package struct ReadError: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    /// Writes records to a descriptor.
    package struct Writer {
        package let descriptor: Int32
        private let encoder: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return encoder
        }()

        package init(descriptor: Int32) throws(AnalysisWriter.WriteError) {
            self.descriptor = descriptor
            try write(Array((ExtractionFile.magic + "\n").utf8))
        }

        package func append(_ record: Record, png: [UInt8] = []) throws(AnalysisWriter.WriteError) {
            guard let json = try? encoder.encode(record) else { throw AnalysisWriter.WriteError(description: "cannot encode a record") }
            try write(Array(json) + [0x0A] + png)
        }

        private func write(_ bytes: [UInt8]) throws(AnalysisWriter.WriteError) {
            guard FileWriting.writeAll(descriptor, bytes) else { throw AnalysisWriter.WriteError(description: "cannot write: \(errnoDescription())") }
        }
    }

    /// Reads and checks a worker's file against what was asked: only the pictures asked for,
    /// ascending, each a PNG whose header has the size the record states, no bigger than
    /// `maxPNGBytes`, and an end record.
    package static func read(path: String, request: ExtractionRequest, maxPixels: Int, maxPNGBytes: Int) throws(ReadError) -> [Picture] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReadError(description: "cannot open the worker's file") }
        defer { try? handle.close() }
        var reader = BoundedReader(handle: handle)
        guard try reader.line() == magic else { throw ReadError(description: "not a DFC frames file") }
        let wanted = Set(request.frames)
        var pictures: [Picture] = []
        let decoder = JSONDecoder()
        while true {
            guard let line = try reader.line(), let record = try? decoder.decode(Record.self, from: Data(line.utf8)) else {
                throw ReadError(description: "the worker's file ends without an end record (the worker stopped)")
            }
            if record.kind == "end" {
                if let error = record.error { throw ReadError(description: error) }
                let missing = request.frames.filter { index in !pictures.contains { $0.index == index } }
                guard missing.isEmpty else {
                    throw ReadError(description: "the worker decoded \(record.decoded ?? 0) pictures and did not reach picture \(missing[0]) of the \(request.frames.count) asked for")
                }
                return pictures
            }
            guard record.kind == "frame", let index = record.index, wanted.contains(index), index > (pictures.last?.index ?? -1),
                  let hash = record.frameSHA256, hash.count == 64, Hex.isHex(hash),
                  let width = record.width, let height = record.height, width > 0, height > 0, width * height <= maxPixels,
                  let size = record.pngSize, size > 0, size <= maxPNGBytes,
                  let rotation = record.rotation, let displayRotation = record.displayRotation,
                  [0, 90, 180, 270].contains(rotation), [0, 90, 180, 270].contains(displayRotation),
                  let conversion = record.conversion, conversion.count < 1000 else {
                throw ReadError(description: "the worker's record \"\(line.prefix(120))\" is not one that was asked for, or is out of bounds")
            }
            let png = try reader.bytes(size)
            guard PNGHeader.size(of: png).map({ $0 == (width, height) }) == true else {
                throw ReadError(description: "picture \(index): the worker's PNG is not a \(width)x\(height) PNG")
            }
            pictures.append(Picture(index: index, pts: record.pts, ptsSeconds: record.ptsSeconds, frameSHA256: hash.lowercased(),
                                    width: width, height: height, png: png, conversion: conversion, rotation: rotation,
                                    displayRotation: displayRotation))
        }
    }

    /// Reads lines and byte runs from a file with a bounded buffer.
    private struct BoundedReader {
        package let handle: FileHandle
        package var buffer: [UInt8] = []

        package mutating func fill(_ count: Int) throws(ReadError) -> Bool {
            while buffer.count < count {
                guard let data = try? handle.read(upToCount: max(65536, count - buffer.count)), !data.isEmpty else { return false }
                buffer += data
            }
            return true
        }

        package mutating func line() throws(ReadError) -> String? {
            var scanned = 0
            while true {
                if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    buffer.removeFirst(newline + 1)
                    return line
                }
                scanned = buffer.count
                guard scanned <= ExtractionFile.maxLine else { throw ReadError(description: "a record line longer than \(ExtractionFile.maxLine) bytes") }
                guard try fill(buffer.count + 1) else { return nil }
            }
        }

        package mutating func bytes(_ count: Int) throws(ReadError) -> [UInt8] {
            guard try fill(count) else { throw ReadError(description: "the worker's file ends inside a PNG") }
            let out = Array(buffer[..<count])
            buffer.removeFirst(count)
            return out
        }
    }
}
