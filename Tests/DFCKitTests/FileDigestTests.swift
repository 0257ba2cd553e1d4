import Foundation
import Testing
@testable import DFCKit

/// The file digests (SHA-512 on its own thread, a chunk behind) against coreutils, on sizes
/// around the 1 MiB chunk boundary and on a file of many chunks.
@Suite struct FileDigestTests {
    @Test(arguments: [1, FileDigest.chunkSize - 1, FileDigest.chunkSize, FileDigest.chunkSize + 1, 7 * FileDigest.chunkSize + 12_345])
    func matchesCoreutils(size: Int) throws {
        let path = TestSupport.temporaryDirectory() + "/bytes.bin"
        FileManager.default.createFile(atPath: path, contents: Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }))
        let copyPath = path + ".copy"
        let copy = open(copyPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let digest = try FileDigest.compute(path: path, copyingTo: copy, destinationPath: copyPath)
        close(copy)
        func coreutils(_ tool: String) throws -> String {
            String(try TestSupport.run("/usr/bin/\(tool)", [path]).stdout.prefix { $0 != " " })
        }
        #expect(digest.sha256 == (try coreutils("sha256sum")))
        #expect(digest.sha512 == (try coreutils("sha512sum")))
        #expect(digest.size == Int64(size))
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: copyPath))
    }
}
