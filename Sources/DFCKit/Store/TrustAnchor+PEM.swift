import DFCCore
import DFCMedia

extension TrustAnchor {
    /// Every certificate of a PEM file (one root, or a maker's or a trust list's bundle), read as
    /// trust anchors for `framework`, to hand to `Ledger.addTrustAnchors(_:reason:by:)`.
    /// Throws `invalidArgument` naming the certificate that does not parse.
    public static func certificates(pem: String, framework: Framework, file: String) throws -> [Certificate] {
        do {
            return try AnchorCertificates.read(pem: pem, framework: framework)
        } catch {
            throw DFCError.invalidArgument("\(file): \(error.description)")
        }
    }
}
