internal import CFFmpeg
internal import Crypto
import Foundation
import DFCCore

/// One pass over a media file: every packet of every stream read and hashed, every
/// video stream decoded and every picture hashed, and the damage found on the way.
///
/// Nothing it meets in the file is an error: what cannot be read becomes a finding.
/// Only the callbacks (the catalog's inserts) can throw, and that ends the pass.
package struct MediaAnalyzer {
    /// The file to read, open for reading; the analyzer takes it over and closes it.
    package let descriptor: Int32
    /// Threads hashing pictures beside the decoder.
    package var hashWorkers = 1
    /// Decoder threads; 0 lets FFmpeg use one per core.
    package var decoderThreads = 0
    /// The bounds kept while reading.
    package var limits = MediaLimits.standard
    /// Stop with `DecoderDamage` as soon as a decoder reports damage (so that the caller can
    /// decode the file again on one thread, which is deterministic).
    package var stopOnDecoderDamage = false
    /// Findings to record first (why this pass runs).
    package var preface: [Finding] = []
    /// Seconds of video per PDQ hash (`PDQSelection`).
    package var pdqSecondsPerHash = PDQSelection.defaultSecondsPerHash
    /// The trust anchors a signed stream's signer is judged against (`dfc trust`).
    package var trustAnchors: [TrustAnchor.Certificate] = []

    /// A decoder reported damage while `stopOnDecoderDamage` was set.
    package struct DecoderDamage: Error {
        package init() {}
    }

    package func run(packet onPacket: (PacketRow) throws -> Void, frame onFrame: (FrameRow) throws -> Void) throws -> MediaAnalysis {
        var findings = FindingCollector()
        for finding in preface { findings.add(finding) }
        let containerDiagnostics = MediaDiagnostics()
        let input: FormatInput
        do {
            input = try FormatInput(descriptor: descriptor, diagnostics: containerDiagnostics, limits: limits)
        } catch {
            switch error {
            case .refused(let format, let description):
                findings.add(Finding(kind: .refusedFormat, severity: .warning, message:
                    "the file is \(format)\(description.isEmpty ? "" : " (\(description))"), not a format DFC reads: playlists, "
                    + "concat lists and other files that point elsewhere are never followed, and nothing it names was opened; "
                    + "the original is preserved unchanged"))
            case .ffmpeg(_, let detail) where detail?.contains("max_streams") == true:
                findings.add(Finding(kind: .limitExceeded, severity: .error, message:
                    "the file declares more than \(limits.maxStreams) streams, more than DFC reads; the original is preserved unchanged"))
            case .ffmpeg(let error, let detail):
                findings.add(Finding(kind: .unreadable, severity: .error, message:
                    "FFmpeg cannot read the file as media (\(error)\(detail.map { ": \($0)" } ?? "")); the original is preserved unchanged"))
            }
            reportRefusedReferences(containerDiagnostics, findings: &findings)
            return MediaAnalysis(container: nil, streams: [], framehashTimeBases: [:], findings: findings.finished(),
                                 packetCount: 0, frameCount: 0, libraries: FFmpegLog.libraryVersions)
        }
        if let error = input.streamInfoError {
            findings.add(Finding(kind: .incompleteStreamInfo, severity: .warning,
                                 message: "FFmpeg could not read all stream parameters: \(error)"))
        }
        var streams: [StreamInfo] = []
        var tracks: [StreamTrack] = []
        var framehashTimeBases: [Int: String] = [:]
        /// The first GPMF telemetry stream, read packet by packet for its GPS time and positions.
        var telemetry: (stream: Int, reader: GPMFTelemetry)?
        /// A Dahua recorder's clock, from the first video stream of a `dhav` input.
        var wallClock: DVRWallClock?
        let readsDHAV = MediaProbe.formatName(input) == "dhav"
        /// The first text subtitle stream, read for a drone's telemetry (DJI writes it as subtitles).
        var drone: DroneTelemetry?
        /// The first KLV stream, read for MISB ST 0601 time and sensor positions.
        var misb: MISBTelemetry?
        /// Each H.264 and H.265 stream's camera signatures (ONVIF Media Signing, Axis Signed Video).
        var signatures: [Int: SignedVideoValidator] = [:]
        /// Packets of those streams that hold no picture (a signing SEI alone): a decoder's complaint
        /// about one is recorded, but is no damaged picture to decode again on one thread for.
        var pictureless = Set<Int>()
        /// Telemetry times are reported from the container's start (an MPEG-TS starts at 1.4 s, say).
        let origin = MediaProbe.startSeconds(input).flatMap { $0.isFinite ? $0 : nil } ?? 0
        func seconds(_ row: PacketRow) -> Double? {
            (row.pts ?? row.dts).map { Double($0) * tracks[row.stream].secondsPerTick - origin }
        }
        /// Takes in every stream the demuxer knows of and this pass does not yet, opening a
        /// decoder for each video stream under the same limits.
        func addNewStreams() {
            for index in streams.count..<input.streamCount {
                let stream = input.stream(index)
                streams.append(MediaProbe.stream(stream, index: index))
                tracks.append(StreamTrack(info: streams[index], timeBase: stream.pointee.time_base))
                if telemetry == nil, MediaProbe.isGPMF(stream) { telemetry = (index, GPMFTelemetry()) }
                if misb == nil, streams[index].codec == "klv" { misb = MISBTelemetry(stream: index) }
                if drone == nil, streams[index].type == "subtitle", ["mov_text", "subrip", "text"].contains(streams[index].codec) {
                    drone = DroneTelemetry(stream: index)
                }
                if readsDHAV, wallClock == nil, streams[index].type == "video", streams[index].timeBase == "1/1000" {
                    wallClock = DVRWallClock(stream: index)
                }
                guard streams[index].type == "video" else { continue }
                let parameters = stream.pointee.codecpar.pointee
                let extradata = parameters.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(max(0, parameters.extradata_size)))) } ?? []
                signatures[index] = SignedVideoValidator(codec: streams[index].codec, extradata: extradata, anchors: trustAnchors)
                framehashTimeBases[index] = MediaProbe.fraction(MediaProbe.framehashTimeBase(input, stream: stream))
                tracks[index].decoding = openDecoder(stream, index: index, codec: streams[index].codec, declared: input.declaredPixels,
                                                     findings: &findings)
            }
        }
        addNewStreams()
        if !streams.contains(where: { $0.type == "video" }) {
            findings.add(Finding(kind: .noVideo, severity: .info, message: "the file has no video stream"))
        }

        let pool = FrameHashPool(workers: hashWorkers, capacity: 4 * max(1, hashWorkers) + 4)
        var poolFinished = false
        defer { if !poolFinished { pool.cancel() } }
        let packet = Packet()
        var packetIndex = 0
        var frameCount = 0
        var emptyInARow = 0
        let started = ContinuousClock.now
        func deliverHashed(_ rows: [FrameRow]) throws {
            for row in rows {
                if row.sha256.isEmpty {
                    findings.add(Finding(kind: .frameNotHashed, severity: .error, message:
                        "stream \(row.stream): frame \(row.index) was decoded but cannot be hashed: its pixel format has no "
                        + "packed layout (a hardware surface or a bit-packed format), so it has no framehash", stream: row.stream,
                        frame: row.index, seconds: row.ptsSeconds))
                }
                try onFrame(row)
            }
        }

        reading: while true {
            containerDiagnostics.setCurrentPacket(packetIndex)
            switch input.read(into: packet) {
            case .endOfFile:
                break reading
            case .failed(let error):
                findings.add(Finding(kind: .readError, severity: .error,
                                     message: "reading stopped at byte \(input.bytePosition) after \(packetIndex) packets: \(error)",
                                     packet: packetIndex))
                break reading
            case .packet:
                break
            }
            let raw = packet.pointer.pointee
            if let limit = limitReached(raw, index: packetIndex, emptyInARow: &emptyInARow, since: started) {
                findings.add(Finding(kind: .limitExceeded, severity: .error,
                                     message: "reading stopped at packet \(packetIndex), byte \(input.bytePosition): \(limit)",
                                     stream: Int(raw.stream_index), packet: packetIndex))
                packet.unref()
                break reading
            }
            let streamIndex = Int(raw.stream_index)
            if streamIndex >= tracks.count && streamIndex < input.streamCount {
                let known = tracks.count
                addNewStreams()
                for index in known..<tracks.count {
                    findings.add(Finding(kind: .streamAppeared, severity: .warning, message:
                        "stream \(index) (\(streams[index].type) \(streams[index].codec)) first appears at packet \(packetIndex), "
                        + "after the container was probed; its packets are recorded from there", stream: index, packet: packetIndex))
                }
            }
            guard tracks.indices.contains(streamIndex) else {
                // FFmpeg never hands out a packet of a stream it does not list; should it, it is named, not dropped silently.
                findings.add(Finding(kind: .limitExceeded, severity: .error, message:
                    "packet \(packetIndex) names stream \(streamIndex), which the demuxer does not list; it is not recorded",
                    packet: packetIndex))
                packet.unref()
                continue
            }
            let nopts = dfc_nopts_value()
            let row = PacketRow(
                index: packetIndex, stream: streamIndex,
                pts: raw.pts == nopts ? nil : raw.pts, dts: raw.dts == nopts ? nil : raw.dts,
                duration: raw.duration > 0 ? raw.duration : nil, size: Int(raw.size),
                keyFrame: raw.flags & AV_PKT_FLAG_KEY != 0, position: raw.pos >= 0 ? raw.pos : nil,
                sha256: Data(SHA256.hash(data: packet.payload)))
            try onPacket(row)
            tracks[streamIndex].observe(row, findings: &findings)
            if telemetry?.stream == streamIndex { telemetry?.reader.read(Array(packet.payload), at: seconds(row)) }
            if drone?.stream == streamIndex {
                drone?.read(Array(packet.payload), at: seconds(row), textAfterLength: streams[streamIndex].codec == "mov_text")
            }
            if misb?.stream == streamIndex { misb?.read(Array(packet.payload), at: seconds(row)) }
            if signatures[streamIndex]?.read(packet.payload, index: packetIndex) == false, pictureless.count < 10_000 {
                pictureless.insert(packetIndex)
            }
            if wallClock?.stream == streamIndex, let pts = row.pts { wallClock?.observe(packet: packetIndex, milliseconds: pts) }
            if let decoding = tracks[streamIndex].decoding {
                decoding.diagnostics.setCurrentPacket(packetIndex)
                if let error = decoding.decoder.send(packet) {
                    findings.add(Finding(kind: .decodeError, severity: .error,
                                         message: "stream \(streamIndex): packet \(packetIndex) could not be decoded: \(error)",
                                         stream: streamIndex, packet: packetIndex))
                }
                frameCount += decoding.drain(into: pool, findings: &findings)
            }
            packet.unref()
            try deliverHashed(pool.takeFinished())
            packetIndex += 1
            if stopOnDecoderDamage, packetIndex & 15 == 0, decoderReportedDamage(tracks, findings, pictureless) { throw DecoderDamage() }
        }
        for track in tracks {
            guard let decoding = track.decoding else { continue }
            decoding.diagnostics.setCurrentPacket(nil)
            _ = decoding.decoder.send(nil)
            frameCount += decoding.drain(into: pool, findings: &findings)
        }
        poolFinished = true
        try deliverHashed(pool.finish())
        if stopOnDecoderDamage, decoderReportedDamage(tracks, findings, pictureless) { throw DecoderDamage() }

        report(containerDiagnostics, findings: &findings)
        reportRefusedReferences(containerDiagnostics, findings: &findings)
        for index in tracks.indices {
            if let decoding = tracks[index].decoding { report(decoding.diagnostics, findings: &findings) }
            streams[index] = tracks[index].finishedInfo()
            streams[index].signature = signatures[index]?.finish()
            for finding in streams[index].signature?.findings(stream: index) ?? [] { findings.add(finding) }
        }
        checkStreamEnds(tracks, findings: &findings)
        var pdqIntervals: [Int: Int] = [:]
        for track in tracks { if let decoding = track.decoding { pdqIntervals[decoding.index] = decoding.pdqInterval } }
        var container = MediaProbe.container(input)
        // A tag the file itself carries under a name DFC's own readers report under is kept,
        // renamed, so that it can never pass for their reading.
        container.tags = Dictionary(container.tags.map { key, value in (Self.isReaderTag(key) ? "container." + key : key, value) },
                                    uniquingKeysWith: { first, _ in first })
        if let (stream, reader) = telemetry {
            container.tags.merge(reader.tags(stream: stream)) { $1 }
            for problem in reader.problems {
                findings.add(Finding(kind: .metadataDamaged, severity: .warning, message: "GPMF telemetry, stream \(stream): \(problem)", stream: stream))
            }
        }
        if let drone { container.tags.merge(drone.tags) { $1 } }
        if let misb {
            container.tags.merge(misb.tags) { $1 }
            for problem in misb.problems {
                findings.add(Finding(kind: .metadataDamaged, severity: .warning, message: "MISB ST 0601 KLV, stream \(misb.stream): \(problem)", stream: misb.stream))
            }
        }
        if let wallClock {
            container.tags.merge(wallClock.tags) { $1 }
            for finding in wallClock.findings { findings.add(finding) }
        }
        return MediaAnalysis(
            container: container, streams: streams, framehashTimeBases: framehashTimeBases,
            findings: findings.finished(), packetCount: packetIndex, frameCount: frameCount,
            libraries: FFmpegLog.libraryVersions, pdqIntervals: pdqIntervals, pdqSecondsPerHash: pdqSecondsPerHash)
    }

    /// The prefixes of the tags DFC's own readers add to the container's (`ExifReader`, the
    /// telemetry readers, the recorder's clock).
    package static let readerTagPrefixes = ["exif.", "gpmf.", "dji.", "misb.", "dhav.", "container."]

    package static func isReaderTag(_ key: String) -> Bool {
        readerTagPrefixes.contains { key.lowercased().hasPrefix($0) }
    }

    /// Whether a decoder has said anything of damage so far: a message, a refused packet, a
    /// picture it could not return, or one it flagged as concealed — but for what it says of a
    /// packet that holds no picture, or of a SEI it could not parse (see `MediaDiagnostics`).
    private func decoderReportedDamage(_ tracks: [StreamTrack], _ findings: FindingCollector, _ pictureless: Set<Int>) -> Bool {
        findings.contains(.decodeError, where: { finding in !(finding.packet.map(pictureless.contains) ?? false) })
            || tracks.contains { $0.decoding?.diagnostics.mayHaveDamagedPictures(ignoringPackets: pictureless) == true }
    }

    /// A decoder for one video stream, or nil with a finding that says why there is none.
    private func openDecoder(_ stream: UnsafeMutablePointer<AVStream>, index: Int, codec: String, declared: [Int],
                             findings: inout FindingCollector) -> StreamDecoding? {
        let parameters = stream.pointee.codecpar.pointee
        // Streams found while probing or reading (an MPEG-TS program's, say) were not there to be counted before it.
        let pixels = max(declared.indices.contains(index) ? declared[index] : 0, Int(parameters.width) * Int(parameters.height))
        if pixels > limits.maxPixels {
            findings.add(Finding(kind: .limitExceeded, severity: .error, message:
                "stream \(index) declares pictures of \(pixels) pixels, more than the \(limits.maxPixels) DFC decodes: "
                + "its packets are hashed, its pictures are not decoded", stream: index))
            return nil
        }
        do {
            return try StreamDecoding(stream: stream, index: index, threads: decoderThreads, maxPixels: limits.maxPixels,
                                      pdqSecondsPerHash: pdqSecondsPerHash)
        } catch {
            let reason: String
            switch error {
            case .noDecoder(let codec): reason = "this FFmpeg has no decoder for \(codec)"
            case .ffmpeg(let error): reason = "the decoder would not open: \(error)"
            }
            findings.add(Finding(kind: .undecodableStream, severity: .error,
                                 message: "stream \(index) (\(codec)) cannot be decoded: \(reason)", stream: index))
            return nil
        }
    }

    /// The limit a packet, or the time spent so far, oversteps; nil when reading may go on.
    private func limitReached(_ packet: AVPacket, index: Int, emptyInARow: inout Int, since started: ContinuousClock.Instant) -> String? {
        if Int(packet.size) > limits.maxPacketBytes {
            return "a packet of \(packet.size) bytes, more than the \(limits.maxPacketBytes) DFC reads"
        }
        emptyInARow = packet.size == 0 ? emptyInARow + 1 : 0
        if emptyInARow > limits.maxEmptyPacketsInARow {
            return "more than \(limits.maxEmptyPacketsInARow) empty packets in a row: the file loops without end"
        }
        // The clock is read once every 256 packets, off the per-packet path.
        if index & 255 == 0, started.duration(to: .now) > .seconds(limits.maxSeconds) {
            return "the file has taken more than \(Int(limits.maxSeconds)) s to read and decode"
        }
        return nil
    }

    /// One finding per URL or file the demuxer asked to open and was refused.
    private func reportRefusedReferences(_ diagnostics: MediaDiagnostics, findings: inout FindingCollector) {
        for url in diagnostics.refusedReferences {
            findings.add(Finding(kind: .refusedReference, severity: .warning,
                                 message: "the file asked to open \"\(url)\": refused, DFC opens only the file it was given"))
        }
    }

    /// Turns what FFmpeg logged into findings.
    private func report(_ diagnostics: MediaDiagnostics, findings: inout FindingCollector) {
        let (messages, dropped) = diagnostics.drain()
        for message in messages {
            switch message.source {
            case .container:
                findings.add(Finding(kind: .containerError, severity: .error,
                                     message: "demuxer: \(message.text)" + (message.packetIndex.map { " (reading packet \($0))" } ?? ""),
                                     packet: message.packetIndex))
            case .decoder:
                let stream = diagnostics.stream
                findings.add(Finding(kind: .decodeError, severity: .error,
                                     message: "stream \(stream.map(String.init) ?? "?"): decoder: \(message.text)"
                                         + (message.packetIndex.map { " (near packet \($0))" } ?? " (while draining)"),
                                     stream: stream, packet: message.packetIndex))
            }
        }
        if dropped > 0 {
            findings.add(Finding(kind: .decodeError, severity: .error,
                                 message: "\(dropped) further FFmpeg error messages not kept", stream: diagnostics.stream))
        }
    }

    /// A stream that stops well before the others, or reads fewer packets than its index declares.
    private func checkStreamEnds(_ tracks: [StreamTrack], findings: inout FindingCollector) {
        let ends = tracks.compactMap(\.endSeconds)
        guard let fileEnd = ends.max() else { return }
        for track in tracks {
            let info = track.info
            if let declared = info.declaredFrameCount, track.packetCount < declared {
                findings.add(Finding(kind: .streamEndedEarly, severity: .warning,
                                     message: "stream \(info.index) (\(info.type)): the container's index declares \(declared) packets; only \(track.packetCount) could be read",
                                     stream: info.index, seconds: track.endSeconds))
            }
            if track.packetCount == 0 && tracks.contains(where: { $0.packetCount > 0 }) {
                findings.add(Finding(kind: .streamEndedEarly, severity: .warning,
                                     message: "stream \(info.index) (\(info.type)): no packets at all, while other streams have some",
                                     stream: info.index))
            } else if let end = track.endSeconds {
                let tolerance = max(1.0, 2 * (track.typicalPacketDuration ?? 0))
                if fileEnd - end > tolerance {
                    findings.add(Finding(kind: .streamEndedEarly, severity: .warning,
                                         message: String(format: "stream %d (%@): ends at %.3f s, %.3f s before the file's last stream ends (%.3f s)",
                                                         info.index, info.type, end, fileEnd - end, fileEnd),
                                         stream: info.index, seconds: end))
                }
            }
        }
    }

    package init(descriptor: Int32, preface: [Finding] = []) {
        self.descriptor = descriptor
        self.preface = preface
    }
}
