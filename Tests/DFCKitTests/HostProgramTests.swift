import CFFmpeg
import DFCKit
import Foundation
import Testing

/// DFCKit inside a program that uses FFmpeg itself (as the DES might): FFmpeg has one log
/// callback per process, and DFC's must leave the host's contexts alone.
@Suite struct HostProgramTests {
    @Test func aHostsOwnDecoderLogsWithoutReachingDFC() throws {
        let store = try TestSupport.newStore()
        // DFC's callback is installed by its first analysis.
        let first = try store.intake.ingest(file: TestSupport.fixture("damaged_flipped.ts"), caseID: "H", actor: TestSupport.custodian)
        #expect(first.findings.contains { $0.kind == .decodeError })

        // The host's own H.264 decoder, whose `opaque` is the host's business (here a pointer to
        // nothing DFC knows). Before DFC checked, its first error message would have been followed.
        let codec = try #require(avcodec_find_decoder(AV_CODEC_ID_H264))
        var context = avcodec_alloc_context3(codec)
        defer { avcodec_free_context(&context) }
        let decoder = try #require(context)
        decoder.pointee.opaque = UnsafeMutableRawPointer(bitPattern: 0xDEAD_BEE0)
        #expect(avcodec_open2(decoder, codec, nil) == 0)
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        let bytes: [UInt8] = [0, 0, 0, 1, 0x65, 0x88, 0x84, 0x00] + (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect(av_new_packet(packet, Int32(bytes.count)) == 0)
        bytes.withUnsafeBufferPointer { packet!.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
        // A slice that refers to a picture parameter set that never came: FFmpeg logs an error.
        _ = avcodec_send_packet(decoder, packet)

        // DFC goes on, and still hears what FFmpeg says about its own inputs.
        let copy = TestSupport.temporaryDirectory() + "/flipped-again.ts"
        var data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("damaged_flipped.ts")))
        data.append(0)
        try data.write(to: URL(fileURLWithPath: copy))
        let second = try store.intake.ingest(file: copy, caseID: "H", actor: TestSupport.custodian)
        #expect(second.findings.contains { $0.kind == .decodeError && $0.message.contains("decoder:") })
    }
}
