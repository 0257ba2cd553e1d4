import Foundation

/// What makes a rename or a new file survive a power cut.
package enum Durability {
    /// fsyncs a folder, so that the names created or renamed in it are on disk.
    package static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
