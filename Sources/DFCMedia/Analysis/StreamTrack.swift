package import CFFmpeg
import DFCCore

/// What the read pass learns about one stream from its packets.
package struct StreamTrack {
    package private(set) var info: StreamInfo
    package var decoding: StreamDecoding?
    package private(set) var packetCount = 0
    /// Where the stream's last packet ends, in seconds.
    package private(set) var endSeconds: Double?
    package private(set) var typicalPacketDuration: Double?
    private var lastDTS: (index: Int, value: Int64)?
    private let timeBase: Double
    /// Seconds per tick of the stream's time base (0 when it has none).
    package var secondsPerTick: Double { timeBase }

    package init(info: StreamInfo, timeBase: AVRational) {
        self.info = info
        self.timeBase = timeBase.den != 0 ? Double(timeBase.num) / Double(timeBase.den) : 0
    }

    package mutating func observe(_ packet: PacketRow, findings: inout FindingCollector) {
        packetCount += 1
        if let dts = packet.dts {
            if let last = lastDTS, dts < last.value {
                findings.add(Finding(
                    kind: .timestampBackwards, severity: .warning,
                    message: "stream \(info.index): packet \(packet.index) decodes at \(dts), before packet \(last.index) at \(last.value) (time base \(info.timeBase))",
                    stream: info.index, packet: packet.index, seconds: Double(dts) * timeBase))
            }
            lastDTS = (packet.index, dts)
        }
        if let start = packet.pts ?? packet.dts {
            let duration = Double(packet.duration ?? 0) * timeBase
            if duration > 0 { typicalPacketDuration = duration }
            let end = Double(start) * timeBase + duration
            endSeconds = max(endSeconds ?? end, end)
        }
    }

    /// The stream's parameters with the counts and decoded geometry filled in.
    package func finishedInfo() -> StreamInfo {
        var result = info
        result.packetCount = packetCount
        if let decoding {
            result.frameCount = decoding.frameCount
            if let first = decoding.firstPicture {
                result.width = first.width
                result.height = first.height
                result.pixelFormat = first.pixelFormat ?? result.pixelFormat
                result.sampleAspectRatio = first.sampleAspectRatio
            }
        }
        return result
    }
}
