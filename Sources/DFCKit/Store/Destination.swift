import Foundation

/// Where DFC writes outside the store: extracted pictures, an export package, a report, a
/// checkpoint. A destination is resolved once — symbolic links followed, `..` taken away — and
/// the resolved path is checked and then used throughout, so that what an event records is
/// where the files are. It is refused inside the store (the audit would take what it wrote for
/// planted files, and a package inside the vault damages the vault), on a kernel's virtual file
/// system (`/dev`, `/proc`, `/sys` and the like), and where something that is not a folder (or,
/// for a file, anything at all) is already in the way.
struct Destination {
    /// What is to be written there.
    enum Kind {
        /// A folder, made if it does not exist.
        case folder
        /// A new file: nothing may be there yet, a link included.
        case newFile
    }

    /// The resolved absolute path.
    let path: String

    init(_ given: String, kind: Kind, store: String) throws(DFCError) {
        let absolute = EvidenceStore.absolute(given)
        var info = stat()
        let exists = lstat(absolute, &info) == 0
        if exists, kind == .newFile {
            throw .destinationExists(path: given, reason: "already exists: DFC never writes over a file (nor through a link); nothing was written")
        }
        let resolved = try Self.resolve(absolute, given: given)
        let storeRoot = Self.realPath(store) ?? store
        if resolved == storeRoot || resolved.hasPrefix(storeRoot + "/") || Self.within(resolved, folder: storeRoot) {
            throw .storeIO(path: given, reason: "is inside the evidence store \(storeRoot) (as \(resolved)): DFC writes nothing "
                + "there but its own records; choose a folder outside the store; nothing was written")
        }
        for system in ["/dev", "/proc", "/sys"] where resolved == system || resolved.hasPrefix(system + "/") {
            throw .storeIO(path: given, reason: "is under \(system) (as \(resolved)), a kernel's file system, not a place for evidence; nothing was written")
        }
        if let type = Self.fileSystemType(of: resolved), Self.virtualFileSystems.contains(type) {
            throw .storeIO(path: given, reason: "is on a \(type) file system (as \(resolved)), a kernel's, not a place for evidence; nothing was written")
        }
        if kind == .folder, stat(resolved, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw .storeIO(path: given, reason: "exists and is not a folder (as \(resolved)); nothing was written")
        }
        path = resolved
    }

    /// The path with every link resolved: the whole path where it exists, else its nearest
    /// existing ancestor's, with the parts that do not exist yet after it.
    private static func resolve(_ absolute: String, given: String) throws(DFCError) -> String {
        var existing = absolute
        var rest: [String] = []
        while true {
            if let real = realPath(existing) {
                return ([real == "/" ? "" : real] + rest.reversed()).joined(separator: "/")
            }
            var info = stat()
            if lstat(existing, &info) == 0 {
                throw .storeIO(path: given, reason: "\(existing) is a link that leads nowhere (or cannot be followed): nothing was written")
            }
            let parent = (existing as NSString).deletingLastPathComponent
            guard parent != existing, !parent.isEmpty else { return absolute }
            rest.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }

    /// Whether `path` or one of its existing ancestors is `folder` itself, by device and inode:
    /// a bind mount of the store (`mount --bind STORE /mnt/alias`) spells it otherwise.
    static func within(_ path: String, folder: String) -> Bool {
        var target = stat()
        guard stat(folder, &target) == 0 else { return false }
        var current = path
        while true {
            var info = stat()
            if stat(current, &info) == 0, info.st_dev == target.st_dev, info.st_ino == target.st_ino { return true }
            let parent = (current as NSString).deletingLastPathComponent
            guard parent != current, !parent.isEmpty else { return false }
            current = parent
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The type of the file system `path` is on (`ext4`, `proc`, …), from the mount table: the
    /// mount point that is the longest prefix of the (resolved) path.
    private static func fileSystemType(of path: String) -> String? {
        guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        var best: (point: String, type: String)?
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = unescape(String(fields[1]))
            let covers = point == "/" || path == point || path.hasPrefix(point + "/")
            if covers, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        return best?.type
    }

    /// A mount point as the mount table writes it: space, tab, newline and backslash as octal escapes.
    private static func unescape(_ field: String) -> String {
        field.replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
            .replacingOccurrences(of: "\\012", with: "\n").replacingOccurrences(of: "\\134", with: "\\")
    }

    /// Linux's virtual file systems: what the kernel makes up, where no evidence belongs.
    private static let virtualFileSystems: Set<String> = [
        "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "debugfs", "securityfs", "tracefs", "bpf", "pstore",
        "configfs", "fusectl", "mqueue", "binfmt_misc", "efivarfs", "hugetlbfs", "rpc_pipefs", "nsfs", "autofs",
    ]

    /// Writes a new file at the destination (which must be `.newFile`): created exclusively,
    /// never through a link, flushed.
    func create(_ contents: Data) throws(DFCError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .storeIO(path: path, reason: "cannot create: \(errnoDescription()); nothing was written") }
        defer { close(fd) }
        guard FileWriting.writeAll(fd, [UInt8](contents)) else {
            let reason = errnoDescription()
            unlink(path)
            throw .storeIO(path: path, reason: "cannot write: \(reason); nothing was left there")
        }
        guard fsync(fd) == 0 else {
            unlink(path)
            throw .storeIO(path: path, reason: "cannot flush: \(errnoDescription()); nothing was left there")
        }
    }
}
