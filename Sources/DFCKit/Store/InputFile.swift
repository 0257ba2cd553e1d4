import Foundation

/// Checks a path given as evidence before anything is written.
enum InputFile {
    static func check(_ path: String) throws(DFCError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .inputMissing(path: path) }
            throw .inputUnreadable(path: path, reason: errnoDescription())
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw .inputIsDirectory(path: path)
        case S_IFREG: break
        default: throw .inputNotRegularFile(path: path)
        }
        guard access(path, R_OK) == 0 else { throw .inputUnreadable(path: path, reason: errnoDescription()) }
        guard info.st_size > 0 else { throw .inputEmpty(path: path) }
    }
}
