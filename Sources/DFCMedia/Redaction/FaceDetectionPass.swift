internal import CFFmpeg
import Foundation
import DFCCore

/// The worker's side of `dfc redact --detect faces`: decodes one video stream of the staged
/// original, numbering pictures as the analysis did (`PictureLoop`), and on every `step`-th
/// picture converts it to RGB at no more than the detector's width, finds faces, and writes their
/// boxes (in pixels of the decoded picture) and a few thumbnails to `DetectionFile`'s layout.
/// What goes wrong in the footage ends the file with the reason; only a failure to write is thrown.
package struct FaceDetectionPass {
    package let descriptor: Int32
    package let limits: MediaLimits
    package let decoderThreads: Int
    package let request: DetectionRequest
    package let detector: FaceDetector

    package init(descriptor: Int32, limits: MediaLimits, decoderThreads: Int, request: DetectionRequest, detector: FaceDetector) {
        self.descriptor = descriptor
        self.limits = limits
        self.decoderThreads = decoderThreads
        self.request = request
        self.detector = detector
    }

    private struct Failure: Error {
        let reason: String
    }

    package func run(into output: Int32) throws(AnalysisWriter.WriteError) {
        let writer = LineWriter(descriptor: output)
        try writer.write(Data(DetectionFile.magic.utf8))
        var end = DetectionFile.Record(kind: "end", detector: detector.name)
        do {
            end.decoded = try detect(writer)
        } catch let failure as Failure {
            end.error = failure.reason
        } catch let error as AnalysisWriter.WriteError {
            throw error
        } catch {
            end.error = "\(error)"
        }
        try writer.write(record: end)
    }

    private func detect(_ writer: LineWriter) throws -> Int {
        let (input, decoder): (FormatInput, VideoDecoder)
        do {
            (input, decoder) = try FormatInput.openVideo(descriptor: descriptor, stream: request.stream, limits: limits, decoderThreads: decoderThreads)
        } catch {
            throw Failure(reason: error.description)
        }
        let converter = PictureConverter()
        let encoder = PNGEncoder()
        let pictures = PictureLoop(decoder)
        let packet = Packet()
        let started = ContinuousClock.now
        var crops = 0

        func look(_ frame: Frame, _ index: Int) throws -> Bool {
            guard index % request.step == 0 else { return true }
            let width = Int(frame.pointer.pointee.width)
            guard let small = converter.convert(frame.pointer, maxWidth: request.analysisWidth) else {
                throw Failure(reason: "picture \(index) cannot be converted to RGB")
            }
            let scale = Double(width) / Double(small.width)
            let found = try detector.detect(rgb: small.pixels, width: small.width, height: small.height, threshold: request.threshold)
            guard !found.isEmpty else { return true }
            let fullHeight = Double(frame.pointer.pointee.height)
            let boxes = found.map { box -> [Double] in
                let x = min(box.x * scale, Double(width) - 1), y = min(box.y * scale, fullHeight - 1)
                return [x, y, max(1, min(box.width * scale, Double(width) - x)), max(1, min(box.height * scale, fullHeight - y)), box.score]
            }
            try writer.write(record: DetectionFile.Record(kind: "faces", frame: index, boxes: boxes))
            for (number, box) in found.enumerated() where crops < request.maxCrops {
                // The face and as much again around it, from the detector's picture, at most 128 pixels a side.
                let side = min(128, Int(max(box.width, box.height) * 2))
                let left = max(0, min(small.width - side, Int(box.x + box.width / 2) - side / 2))
                let top = max(0, min(small.height - side, Int(box.y + box.height / 2) - side / 2))
                let cropWidth = min(side, small.width - left), cropHeight = min(side, small.height - top)
                guard cropWidth > 0, cropHeight > 0 else { continue }
                var pixels = [UInt8](repeating: 0, count: cropWidth * cropHeight * 3)
                for row in 0..<cropHeight {
                    let from = ((top + row) * small.width + left) * 3
                    pixels.replaceSubrange(row * cropWidth * 3..<(row + 1) * cropWidth * 3, with: small.pixels[from..<from + cropWidth * 3])
                }
                let png = try encoder.encode(rgb: pixels, width: cropWidth, height: cropHeight)
                try writer.write(record: DetectionFile.Record(kind: "crop", frame: index, png: Data(png).base64EncodedString(), box: number))
                crops += 1
            }
            return true
        }

        reading: while true {
            switch input.read(into: packet) {
            case .endOfFile, .failed: break reading
            case .packet: break
            }
            defer { packet.unref() }
            guard Int(packet.pointer.pointee.stream_index) == request.stream else { continue }
            if started.duration(to: .now) > .seconds(limits.maxSeconds * 20) {
                throw Failure(reason: "the detection took more than \(Int(limits.maxSeconds * 20)) s")
            }
            _ = decoder.send(packet)
            try pictures.drain(picture: look, failed: { _, _ in })
        }
        _ = decoder.send(nil)
        try pictures.drain(picture: look, failed: { _, _ in })
        return pictures.count
    }
}

/// Writes lines to a descriptor, every byte or an error.
package struct LineWriter {
    package let descriptor: Int32

    package init(descriptor: Int32) { self.descriptor = descriptor }

    package func write(record: some Encodable) throws(AnalysisWriter.WriteError) {
        do {
            try write(try JSONEncoder().encode(record))
        } catch let error as AnalysisWriter.WriteError {
            throw error
        } catch {
            throw AnalysisWriter.WriteError(description: "cannot encode a record: \(error)")
        }
    }

    package func write(_ line: Data) throws(AnalysisWriter.WriteError) {
        var bytes = [UInt8](line)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw AnalysisWriter.WriteError(description: "cannot write: \(errnoDescription())") }
            offset += written
        }
    }
}
