import ArgumentParser
import DFCKit
import Foundation

struct VerifyPackage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-package",
        abstract: "Check an export package offline, without any store: manifests, signatures, proofs, and its media decoded again.",
        discussion: """
            Exits 0 when the package verifies and 1, naming each problem, when it does not. Signatures are
            checked with the package's own keys.txt unless --keys names a file of verifier keys obtained
            separately (from `dfc actor list --verifier-keys` on the store), which is what makes the check
            independent of whoever handed the package over.
            """)

    @Argument(help: "The package folder.")
    var directory: String

    @Option(help: ArgumentHelp("Trusted verifier keys, one per line (`dfc actor list --verifier-keys`).", valueName: "file"))
    var keys: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let launcher = WorkerLauncher.start()
        try reportingErrors {
            let trusted = try keys.map(Self.readKeys)
            let result = try PackageVerifier.verify(directory, trustedKeys: trusted?.keys, revokedKeys: trusted?.revoked ?? [:], keySource: keys,
                                                    containment: Containment(worker: Containment.currentExecutable, launcher: launcher))
            if json {
                print(Output.json(result))
            } else {
                for problem in result.problems { print("PROBLEM\t\(problem)") }
                print("""
                    \(result.ok ? "VERIFIED" : "FAILED"): \(result.exhibits.joined(separator: ", ")); \(result.eventsChecked) custody events \
                    with signatures and inclusion proofs; checkpoint \(result.checkpoint); \(result.framesChecked) pictures decoded \
                    and compared; keys from \(result.keySource)
                    """)
                for key in result.keys { print("key\t\(key)") }
            }
            if !result.ok { throw ExitCode(1) }
        }
    }

    /// The keys of a file `dfc actor list --verifier-keys` wrote, and the revoking event of each revoked one.
    static func readKeys(_ path: String) throws -> (keys: [String: String], revoked: [String: Int64]) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DFCError.storeIO(path: path, reason: "cannot be read")
        }
        var keys: [String: String] = [:], revoked: [String: Int64] = [:]
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let (name, key, revokedBy) = ActorInfo.parseVerifierKeyLine(String(line)) else {
                throw DFCError.storeIO(path: path, reason: "\"\(line.prefix(60))\" is not a DFC actor's verifier key")
            }
            keys[name] = key
            revoked[name] = revokedBy
        }
        return (keys, revoked)
    }
}
