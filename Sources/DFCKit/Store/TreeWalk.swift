import Foundation

/// What a batch finds under its roots: every regular file, recursively, in a stable order;
/// and every entry it does not read, with why. Symbolic links are never followed (one that
/// points outside the roots is never read at all); devices, pipes and sockets are not files;
/// a folder that cannot be listed is named.
struct TreeWalk {
    /// A file to take in.
    struct File: Sendable {
        /// Absolute path.
        let path: String
        let size: Int64
        /// Its name or a folder's on the way starts with a dot.
        let hidden: Bool
        /// The first folder under its root (`--source-from-dir`); nil for a file at the root.
        let firstFolder: String?
    }

    private(set) var files: [File] = []
    /// One line for each entry not read, naming it and why.
    private(set) var notes: [String] = []

    init(roots: [String]) {
        for root in roots { walk(root, root: root, firstFolder: nil, hidden: false) }
    }

    private mutating func walk(_ folder: String, root: String, firstFolder: String?, hidden: Bool) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            notes.append("\(folder): a folder that cannot be listed (\(error.localizedDescription)): nothing under it was taken in")
            return
        }
        for name in names {
            let path = folder + "/" + name
            let isHidden = hidden || name.hasPrefix(".")
            var info = stat()
            guard lstat(path, &info) == 0 else {
                notes.append("\(path): cannot be examined (\(errnoDescription())): not taken in")
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, root: root, firstFolder: firstFolder ?? name, hidden: isHidden)
            case S_IFREG:
                files.append(File(path: path, size: Int64(info.st_size), hidden: isHidden, firstFolder: firstFolder))
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                let resolved = target.hasPrefix("/") ? target : folder + "/" + target
                let inside = (resolved as NSString).standardizingPath.hasPrefix(root + "/")
                notes.append("\(path): a symbolic link to \(target), not followed" + (inside
                    ? " (what it points to inside the tree is taken in under its own name)"
                    : "; it points outside the tree, and nothing there was read"))
            default:
                notes.append("\(path): not a regular file (a device, pipe or socket): not read")
            }
        }
    }
}
