import DFCCore
import Foundation
internal import NIOSSL
internal import PostgresNIO

extension PostgresURL {
    /// The TLS postgres-nio is to speak to the server, as `sslMode` and `sslRootCert` say: nothing for
    /// `disable`; TLS when the server offers it on the loopback by default; TLS that must be there for the
    /// other modes, with the server's certificate checked against `sslRootCert` (or the system's roots) for
    /// `verify-ca`, and its name too for `verify-full`. A CA file that cannot be read is an error naming it.
    func tls() throws(DFCError) -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        let mode: SSLMode = sslMode == .require && sslRootCert != nil ? .verifyCA : sslMode   // as libpq does
        switch mode {
        case .disable: return .disable
        case .require, .loopbackPrefer:
            configuration.certificateVerification = .none
            configuration.trustRoots = .certificates([])   // nothing is checked: the system's roots need not be loaded
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let sslRootCert, mode != .require, mode != .loopbackPrefer {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(sslRootCert))
            } catch {
                throw .storeDescriptor(path: text, reason: "sslrootcert \(sslRootCert) cannot be read as PEM certificates: \(error)")
            }
        }
        do {
            let context = try NIOSSLContext(configuration: configuration)
            return mode == .loopbackPrefer ? .prefer(context) : .require(context)
        } catch {
            throw .storeDescriptor(path: text, reason: "cannot set up TLS: \(error)")
        }
    }
}
