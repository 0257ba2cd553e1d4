import Foundation
import DFCCore

/// The file a worker writes its face detections to, and the parent reads back with every bound
/// checked: a first line `DFC-DETECT-1`, then JSON lines: per picture looked at, its boxes
/// ("faces"); some thumbnails of faces ("crop", a small PNG in base64); and last an "end" line
/// saying how many pictures were decoded, or why the worker stopped.
package enum DetectionFile {
    package static let magic = "DFC-DETECT-1"
    /// The longest line the reader accepts (a crop's PNG is at most 128×128).
    package static let maxLine = 256 * 1024

    /// One line.
    package struct Record: Codable {
        package var kind: String
        package var frame: Int?
        /// x, y, width, height, score, in pixels of the decoded picture.
        package var boxes: [[Double]]?
        package var png: String?
        /// The box of the frame's "faces" line a crop shows.
        package var box: Int?
        package var decoded: Int?
        package var detector: String?
        package var error: String?

        package init(kind: String, frame: Int? = nil, boxes: [[Double]]? = nil, png: String? = nil, box: Int? = nil, decoded: Int? = nil,
                     detector: String? = nil, error: String? = nil) {
            self.kind = kind
            self.frame = frame
            self.boxes = boxes
            self.png = png
            self.box = box
            self.decoded = decoded
            self.detector = detector
            self.error = error
        }
    }

    /// What the parent takes from the file.
    package struct Result: Sendable {
        package var detections: [DetectionTracker.Detection] = []
        /// Thumbnails: the PNG of a box's surroundings, by the box's index in `detections`.
        package var crops: [Int: [UInt8]] = [:]
        /// Where each frame's boxes start in `detections`.
        fileprivate(set) var firstBox: [Int: Int] = [:]
        package var decoded = 0
        package var detector = ""
        package var error: String?
    }

    /// Reads the worker's file, checking every number: boxes inside `width`×`height`, frames inside
    /// `0..<frameCount`, finite scores in 0…1, PNGs that start as PNGs.
    package static func read(path: String, width: Int, height: Int, frameCount: Int) throws(DFCError) -> Result {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DFCError.storeIO(path: path, reason: "the worker's detections cannot be read") }
        defer { try? handle.close() }
        var result = Result()
        var sawEnd = false
        var buffer = Data()
        var first = true
        func take(_ line: Data) throws(DFCError) {
            if first {
                first = false
                guard String(decoding: line, as: UTF8.self) == magic else { throw bad("it does not start with \(magic)") }
                return
            }
            guard !sawEnd else { throw bad("a line after the end") }
            let record: Record
            do { record = try JSONDecoder().decode(Record.self, from: line) } catch { throw bad("a line is not a record") }
            switch record.kind {
            case "faces":
                guard let frame = record.frame, frame >= 0, frame < frameCount, let boxes = record.boxes, boxes.count <= 256,
                      result.firstBox[frame] == nil else {
                    throw bad("a picture's faces name no frame of the stream, or one named before")
                }
                result.firstBox[frame] = result.detections.count
                for box in boxes {
                    guard box.count == 5, box.allSatisfy(\.isFinite), box[0] >= 0, box[1] >= 0, box[2] > 0, box[3] > 0,
                          box[0] + box[2] <= Double(width) + 1, box[1] + box[3] <= Double(height) + 1, box[4] >= 0, box[4] <= 1 else {
                        throw bad("frame \(frame): a box outside the picture")
                    }
                    result.detections.append(.init(frame: frame, x: box[0], y: box[1], width: min(box[2], Double(width) - box[0]),
                                                   height: min(box[3], Double(height) - box[1]), score: box[4]))
                }
            case "crop":
                guard let frame = record.frame, let first = result.firstBox[frame], let box = record.box, box >= 0,
                      first + box < result.detections.count, result.detections[first + box].frame == frame else {
                    throw bad("a thumbnail of no box the worker reported")
                }
                guard let text = record.png, let png = Data(base64Encoded: text), png.starts(with: PNGHeader.signature) else {
                    throw bad("a thumbnail that is not a PNG")
                }
                result.crops[first + box] = [UInt8](png)
            case "end":
                sawEnd = true
                result.decoded = record.decoded ?? 0
                result.detector = record.detector ?? ""
                result.error = record.error
            default:
                throw bad("a line of an unknown kind")
            }
        }
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw DFCError.storeIO(path: path, reason: "\(error)") }
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                try take(buffer[buffer.startIndex..<newline])
                buffer.removeSubrange(buffer.startIndex...newline)
            }
            if buffer.count > maxLine { throw bad("a line longer than \(maxLine) bytes") }
        }
        guard sawEnd else { throw bad("it ends before its end line (the worker stopped)") }
        return result
    }

    private static func bad(_ reason: String) -> DFCError {
        DFCError.extractionFailed(exhibit: "detections", reason: "the worker's detection file is refused: \(reason)")
    }
}
