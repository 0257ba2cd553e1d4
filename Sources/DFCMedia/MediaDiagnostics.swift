internal import CFFmpeg
import Foundation
import Synchronization
import DFCCore

/// Collects what FFmpeg says about one input while it is read and decoded.
///
/// FFmpeg logs through one process-wide callback; each format and codec context
/// that DFC opens carries a pointer to its input's `MediaDiagnostics` in its
/// `opaque` field (frame-threading copies of a codec context inherit it), so a
/// message lands with the input it is about, whichever thread logged it.
package final class MediaDiagnostics: @unchecked Sendable {
    /// One error message from FFmpeg.
    package struct Message: Sendable {
        package enum Source: Sendable, Equatable { case container, decoder }
        package let source: Source
        package let text: String
        /// The packet that was being read or decoded when FFmpeg said it.
        package let packetIndex: Int?

        package init(source: Source, text: String, packetIndex: Int? = nil) {
            self.source = source
            self.text = text
            self.packetIndex = packetIndex
        }
    }

    /// Messages kept per input; a file with millions of damaged slices keeps a count of the rest.
    package static let messageLimit = 2_000

    private let lock = NSLock()
    private var messages: [Message] = []
    private var currentPacket: Int?
    package private(set) var droppedCount = 0
    /// The stream a decoder's diagnostics are about; nil for the container's.
    package let stream: Int?

    package init(stream: Int? = nil) {
        self.stream = stream
        FFmpegLog.installOnce()
        Self.live.withLock { _ = $0.insert(opaque) }
    }

    deinit {
        Self.live.withLock { _ = $0.remove(opaque) }
    }

    /// The `opaque` of every `MediaDiagnostics` alive: the only pointers the log callback
    /// follows. A context of a host program's own (its `opaque` is its business, or nil)
    /// is not in it, and its messages are ignored.
    private static let live = LockedSet()

    /// Runs `body` with the diagnostics `opaque` points at, if it is one of DFC's and alive.
    /// No reference is taken (a release here could run `deinit`, which takes the same lock):
    /// while the lock is held, a `deinit` that has begun waits at its first line, so the
    /// object's storage stays valid until `body` returns.
    package static func withRegistered(_ opaque: UnsafeMutableRawPointer, _ body: (MediaDiagnostics) -> Void) {
        live.withLock { set in
            guard set.contains(opaque) else { return }
            Unmanaged<MediaDiagnostics>.fromOpaque(opaque)._withUnsafeGuaranteedRef(body)
        }
    }

    /// A set of pointers behind a lock.
    private final class LockedSet: Sendable {
        private let members = Mutex(Set<UnsafeMutableRawPointer>())
        package func withLock<T: Sendable>(_ body: (inout Set<UnsafeMutableRawPointer>) -> T) -> T {
            members.withLock { body(&$0) }
        }
    }

    /// Whatever FFmpeg says from now on is about this packet.
    package func setCurrentPacket(_ index: Int?) {
        lock.withLock { currentPacket = index }
    }

    package func record(_ text: String, from source: Message.Source) {
        lock.withLock {
            guard messages.count < Self.messageLimit else {
                droppedCount += 1
                return
            }
            messages.append(Message(source: source, text: text, packetIndex: currentPacket))
        }
    }

    private var refused: [String] = []

    /// Notes that the demuxer asked to open another file or URL, and was refused.
    package func recordRefusedReference(_ url: String) {
        lock.withLock { if refused.count < 100 { refused.append(url) } }
    }

    /// The references refused so far.
    package var refusedReferences: [String] { lock.withLock { refused } }

    /// Whether anything was recorded (or dropped) since the last drain.
    package var hasMessages: Bool { lock.withLock { !messages.isEmpty || droppedCount > 0 } }

    /// H.264's messages that concern no picture: the SEI parser's (`SEI type N size M truncated`: a
    /// signing SEI written without emulation prevention) and `no frame!` for a packet that held no
    /// slice (a camera's signing SEI alone at the end of a stream; a slice that failed says more).
    private static func saysNothingOfPictures(_ text: String) -> Bool {
        text.hasPrefix("SEI type") || text == "no frame!"
    }

    /// Whether anything recorded since the last drain could mean a damaged picture: every message
    /// but those about packets that hold no picture and those that concern no picture
    /// (`saysNothingOfPictures`), neither of which a decoder conceals anything for.
    package func mayHaveDamagedPictures(ignoringPackets pictureless: Set<Int>) -> Bool {
        lock.withLock {
            droppedCount > 0 || messages.contains { message in
                !Self.saysNothingOfPictures(message.text) && !(message.packetIndex.map(pictureless.contains) ?? false)
            }
        }
    }

    /// The first container message recorded, if any (for saying why a file could not be opened).
    package var firstContainerMessage: String? { lock.withLock { messages.first { $0.source == .container }?.text } }

    /// Takes the messages recorded so far.
    package func drain() -> (messages: [Message], dropped: Int) {
        lock.withLock {
            defer {
                messages.removeAll(keepingCapacity: true)
                droppedCount = 0
            }
            return (messages, droppedCount)
        }
    }

    /// The pointer stored in a context's `opaque` field; the context must not outlive `self`.
    package var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
