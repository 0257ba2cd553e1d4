import Foundation

extension Disclosure {
    /// Checks that a new file (a report, a checkpoint) may be written at `path`, outside the
    /// store: resolved once (links followed), it must not be inside the store nor on a kernel's
    /// file system (`/dev`, `/proc`, `/sys`), and nothing may be there yet, a link included.
    /// Returns the resolved path. Call it before the work whose result it will hold.
    public func checkNewFile(at path: String) throws -> String {
        try Destination(path, kind: .newFile, store: self.path).path
    }

    /// Writes `contents` to a new file at `path`, checked as `checkNewFile(at:)` checks it,
    /// created exclusively and never through a link; returns the resolved path.
    @discardableResult
    public func writeNewFile(_ contents: Data, at path: String) throws -> String {
        let destination = try Destination(path, kind: .newFile, store: self.path)
        try destination.create(contents)
        return destination.path
    }
}
