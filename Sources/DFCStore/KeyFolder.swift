package import Crypto
import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// The store's `keys/` folder (mode 0700): one Ed25519 private key per actor, in a file
/// only its owner may read (0600). A key file anyone else could read is refused, as
/// ssh refuses one: a key others can read no longer says who signed.
package struct KeyFolder: Sendable {
    /// The store directory.
    package let storePath: String

    package var root: String { storePath + "/keys" }

    private static let header = "DFC Ed25519 private key v1"

    /// `keys/<name>.ed25519`, the name percent-encoded outside `A-Z a-z 0-9 . _ - @`.
    package static func relativePath(for name: String) -> String {
        var encoded = ""
        for byte in name.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || ".-_@".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + Hex.string([byte]).uppercased()
            }
        }
        return "keys/\(encoded).ed25519"
    }

    /// Makes a new key pair for `name` and writes the private key, flushed to disk.
    package func create(for name: String) throws(DFCError) -> Curve25519.Signing.PrivateKey {
        try makeRoot()
        let key = Curve25519.Signing.PrivateKey()
        let path = storePath + "/" + Self.relativePath(for: name)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DFCError.keyFile(path: path, reason: "cannot create: \(errnoDescription())") }
        defer { close(fd) }
        let text = Array((Self.header + "\n" + Hex.string(key.rawRepresentation) + "\n").utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(fd) == 0 else {
            unlink(path)
            throw DFCError.keyFile(path: path, reason: "cannot write: \(errnoDescription())")
        }
        Durability.syncDirectory(root)
        return key
    }

    /// Reads `name`'s private key, refusing a file that others can read or that is not the owner's.
    package func load(for name: String) throws(DFCError) -> Curve25519.Signing.PrivateKey {
        let path = storePath + "/" + Self.relativePath(for: name)
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw DFCError.keyFile(path: path, reason: "\(name) has no private key here (\(errnoDescription())): it cannot sign")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw DFCError.keyFile(path: path, reason: "not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw DFCError.keyFile(path: path, reason: "readable by others (mode \(String(info.st_mode & 0o777, radix: 8))): refused; chmod 600 it")
        }
        guard info.st_uid == geteuid() else {
            throw DFCError.keyFile(path: path, reason: "belongs to user \(info.st_uid), not to the user running DFC: refused")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DFCError.keyFile(path: path, reason: "cannot be read: \(errnoDescription())")
        }
        let lines = text.split(separator: "\n")
        guard lines.count == 2, lines[0] == Self.header, let seed = Hex.bytes(String(lines[1])), seed.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw DFCError.keyFile(path: path, reason: "not a DFC Ed25519 private key file")
        }
        return key
    }

    private func makeRoot() throws(DFCError) {
        if mkdir(root, 0o700) != 0 && errno != EEXIST {
            throw DFCError.keyFile(path: root, reason: "cannot create the keys folder: \(errnoDescription())")
        }
        chmod(root, 0o700)
    }
}
