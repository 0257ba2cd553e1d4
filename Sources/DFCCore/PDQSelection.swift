/// Which decoded pictures get a PDQ hash: vPDQ's rule, so that DFC's hashes line up with
/// the reference's frame for frame. Frame `n` of a stream (decoded order, from 0) is hashed
/// when `n % interval == 0`, `interval = max(1, Int(secondsPerHash × fps))`, with the
/// stream's average frame rate, else its real base frame rate. A stream with neither (a
/// raw elementary stream FFmpeg cannot time) is counted at 25 fps, FFmpeg's own default.
public enum PDQSelection {
    /// One hash a second, as vPDQ does by default.
    public static let defaultSecondsPerHash = 1.0
    /// The frame rate assumed for a stream that declares none.
    public static let fallbackFrameRate = 25.0

    /// Every how many frames a stream at `fps` (nil or 0 when unknown) is hashed.
    public static func interval(secondsPerHash: Double, fps: Double?) -> Int {
        let rate = fps.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? fallbackFrameRate
        let product = secondsPerHash * rate
        guard product.isFinite, product < Double(Int32.max) else { return Int(Int32.max) }
        return max(1, Int(product))
    }

    /// vPDQ's timestamp of frame `n`: `Float(n) / Float(fps)`, which assumes a constant rate
    /// (DFC keeps each frame's real time beside it).
    public static func vpdqTimestamp(frame: Int, fps: Double?) -> Float {
        Float(frame) / Float(fps.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? fallbackFrameRate)
    }

    /// The frame rate vPDQ uses for a stream: the average rate, else the real base rate.
    public static func frameRate(of stream: StreamInfo) -> Double? {
        for text in [stream.averageFrameRate, stream.frameRate] {
            guard let text else { continue }
            let parts = text.split(separator: "/")
            if parts.count == 2, let num = Double(parts[0]), let den = Double(parts[1]), num > 0, den > 0 { return num / den }
            if parts.count == 1, let value = Double(parts[0]), value > 0 { return value }
        }
        return nil
    }
}
