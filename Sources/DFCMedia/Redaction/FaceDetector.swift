internal import CFaceDetector
import Foundation
internal import Crypto
import DFCCore

/// The CenterFace model run by OpenCV's DNN module (`CFaceDetector`): a packed RGB picture in,
/// faces' boxes out. Loaded from the model's bytes, read before the worker confines itself.
package final class FaceDetector {
    private let handle: OpaquePointer
    /// The model's SHA-256, recorded with every proposal it makes.
    package let modelSHA256: String
    /// The name recorded as each detected track's source.
    package var name: String { "CenterFace via OpenCV DNN, model SHA-256 \(modelSHA256.prefix(16))" }

    /// Why the detector could not be used.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// Loads the model at `path`.
    package init(model path: String) throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            throw Failure(description: "\(path): the face model cannot be read (Scripts/install-deps installs it)")
        }
        var error = [CChar](repeating: 0, count: 512)
        let opened = data.withUnsafeBytes { bytes in
            dfc_faces_open(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &error, error.count)
        }
        guard let opened else { throw Failure(description: "\(path): \(String(cString: error))") }
        handle = opened
        modelSHA256 = Hex.string(SHA256.hash(data: data))
    }

    deinit { dfc_faces_close(handle) }

    /// The faces in a packed RGB24 picture scored above `threshold`, at most 256.
    package func detect(rgb: [UInt8], width: Int, height: Int, threshold: Double) throws(Failure) -> [(x: Double, y: Double, width: Double, height: Double, score: Double)] {
        guard width > 0, height > 0, rgb.count >= width * height * 3 else { throw Failure(description: "a picture without pixels") }
        var boxes = [dfc_face_box](repeating: dfc_face_box(), count: 256)
        var error = [CChar](repeating: 0, count: 512)
        let count = rgb.withUnsafeBufferPointer { pixels in
            dfc_faces_detect(handle, pixels.baseAddress, Int32(width), Int32(height), Int32(width * 3), Float(threshold),
                             &boxes, Int32(boxes.count), &error, error.count)
        }
        guard count >= 0 else { throw Failure(description: String(cString: error)) }
        return boxes.prefix(Int(count)).map { (Double($0.x), Double($0.y), Double($0.width), Double($0.height), Double($0.score)) }
    }
}
