internal import CFFmpeg
import Foundation
import DFCCore

/// The worker's side of `dfc extract`: decodes one video stream of the staged original,
/// counting pictures as the analysis did, and for each picture asked for writes its
/// SHA-256 (as framehash computes it, so the parent can match it to the catalog's row),
/// its conversion to RGB (`PictureConverter`), turned if asked (`PictureRotation`), and
/// the PNG of that (`PNGEncoder`). It stops after the last picture asked for.
///
/// What goes wrong in the footage is not thrown: the end record says why the worker
/// stopped, and the parent names it. Only a failure to write is thrown.
package struct FrameExtractor {
    package let descriptor: Int32
    package let limits: MediaLimits
    package let decoderThreads: Int
    package let request: ExtractionRequest

    package func run(into output: Int32) throws(AnalysisWriter.WriteError) {
        let writer = try ExtractionFile.Writer(descriptor: output)
        var decoded = 0
        do {
            decoded = try extract(writer)
            try writer.append(ExtractionFile.Record(kind: "end", decoded: decoded))
        } catch let failure as Failure {
            try writer.append(ExtractionFile.Record(kind: "end", decoded: failure.decoded, error: failure.reason))
        } catch let error as AnalysisWriter.WriteError {
            throw error
        } catch {
            throw AnalysisWriter.WriteError(description: "\(error)")
        }
    }

    private struct Failure: Error {
        package let reason: String
        package var decoded = 0
    }

    private func extract(_ writer: ExtractionFile.Writer) throws -> Int {
        let (input, decoder): (FormatInput, VideoDecoder)
        do {
            (input, decoder) = try FormatInput.openVideo(descriptor: descriptor, stream: request.stream, limits: limits, decoderThreads: decoderThreads)
        } catch {
            throw Failure(reason: error.description)
        }
        let stream = input.stream(request.stream)
        let displayRotation = PictureRotation.clockwise(fromCounterClockwise: MediaProbe.rotation(of: stream))
        let timeBase = stream.pointee.time_base
        let wanted = Set(request.frames)
        guard let last = request.frames.last else { return 0 }
        let converter = PictureConverter()
        let encoder = PNGEncoder()
        var scratch: [UInt8] = []
        let packet = Packet()
        // Pictures numbered by the same loop as the analysis's, so index N is the catalog's frame N.
        let pictures = PictureLoop(decoder)
        let started = ContinuousClock.now

        func drain() throws -> Bool {
            try pictures.drain(picture: { frame, index in
                guard wanted.contains(index) else { return true }
                try write(frame, index: index)
                return index != last
            }, failed: { _, _ in }) == .stopped   // the analysis counted no picture for a failure either
        }

        func write(_ frame: Frame, index: Int) throws {
            let picture = frame.pointer.pointee
            guard let digest = FrameDigest.sha256(of: frame.pointer, scratch: &scratch) else {
                throw Failure(reason: "picture \(index) has no packed layout, so it has no framehash to match", decoded: index)
            }
            guard let converted = converter.convert(frame.pointer, maxWidth: request.thumbnailWidth) else {
                throw Failure(reason: "picture \(index) cannot be converted to RGB", decoded: index)
            }
            let rotation = request.applyRotation ? displayRotation : 0
            let turned = PictureRotation.rotate(converted.pixels, width: converted.width, height: converted.height, clockwise: rotation)
            let png = try encoder.encode(rgb: turned.pixels, width: turned.width, height: turned.height)
            let pts = picture.best_effort_timestamp == dfc_nopts_value() ? nil : picture.best_effort_timestamp
            let conversion = converted.description + (rotation == 0 ? "" : "; turned \(rotation)° clockwise as the display matrix asks")
            try writer.append(ExtractionFile.Record(
                kind: "frame", index: index, pts: pts, ptsSeconds: pts.map { Double($0) * Double(timeBase.num) / Double(timeBase.den) },
                frameSHA256: Hex.string(digest.sha256), frameSize: digest.size, width: turned.width, height: turned.height,
                pngSize: png.count, conversion: conversion, rotation: rotation, displayRotation: displayRotation), png: png)
        }

        reading: while true {
            switch input.read(into: packet) {
            case .endOfFile, .failed:
                break reading
            case .packet:
                break
            }
            defer { packet.unref() }
            guard Int(packet.pointer.pointee.stream_index) == request.stream else { continue }
            if started.duration(to: .now) > .seconds(limits.maxSeconds) {
                throw Failure(reason: "the file took more than \(Int(limits.maxSeconds)) s to decode", decoded: pictures.count)
            }
            _ = decoder.send(packet)
            if try drain() { return pictures.count }
        }
        _ = decoder.send(nil)
        _ = try drain()
        return pictures.count
    }

    package init(descriptor: Int32, limits: MediaLimits, decoderThreads: Int, request: ExtractionRequest) {
        self.descriptor = descriptor
        self.limits = limits
        self.decoderThreads = decoderThreads
        self.request = request
    }
}
