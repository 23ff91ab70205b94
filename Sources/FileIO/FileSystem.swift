import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls that change names or ask about the file system itself, each with a typed error
/// naming the path. swift-system wraps none of these (it has `open`, `read`, `write` and `stat`), so they call
/// the C library here, and only here.
public enum FileSystem {
    /// Removes the name `path` (a file or a link, never a directory).
    ///
    /// The corresponding C function is `unlink`.
    /// - Throws: `FileIOError.update` with the errno.
    public static func remove(_ path: String) throws(FileIOError) {
        guard unlink(path) == 0 else { throw .update(path: path, call: "unlink", errno: Errno(rawValue: errno)) }
    }

    /// Removes `path` if it is there; a missing file is not an error.
    public static func removeIfPresent(_ path: String) throws(FileIOError) {
        do {
            try remove(path)
        } catch  where error.isMissingFile {
            // Already gone: what was asked for.
        }
    }

    /// Renames `source` to `destination`, replacing what is there, atomically.
    ///
    /// The corresponding C function is `rename`.
    /// - Throws: `FileIOError.update` naming `destination`.
    public static func rename(_ source: String, to destination: String) throws(FileIOError) {
        guard systemRename(source, destination) == 0 else {
            throw .update(path: destination, call: "rename", errno: Errno(rawValue: errno))
        }
    }

    /// Makes `path` a second name of the file `source` names; a `source` that is a symbolic link gives a link to
    /// the file it points to, never to the link.
    ///
    /// The corresponding C function is `linkat` with `AT_SYMLINK_FOLLOW`.
    /// - Throws: `FileIOError.update` naming `path` (`EXDEV` when the two are on different file systems).
    public static func hardLink(at path: String, to source: String) throws(FileIOError) {
        guard linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else {
            throw .update(path: path, call: "link", errno: Errno(rawValue: errno))
        }
    }

    /// Makes `path` a symbolic link whose content is `destination`.
    ///
    /// The corresponding C function is `symlink`.
    public static func symbolicLink(at path: String, pointingTo destination: String) throws(FileIOError) {
        guard symlink(destination, path) == 0 else {
            throw .update(path: path, call: "symlink", errno: Errno(rawValue: errno))
        }
    }

    /// The absolute path of `path` with every symbolic link, `.` and `..` resolved; the file must exist.
    ///
    /// The corresponding C function is `realpath`.
    public static func realPath(_ path: String) throws(FileIOError) -> String {
        guard let resolved = realpath(path, nil) else { throw .stat(path: path, errno: Errno(rawValue: errno)) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The bytes that can still be written on the file system holding `path`, as this process may use them
    /// (root may also fill the blocks reserved for it); nil when the file system does not count blocks (`/proc`)
    /// or the count does not fit.
    ///
    /// The corresponding C function is `statvfs`.
    public static func availableBytes(at path: String) throws(FileIOError) -> Int64? {
        var fileSystem = statvfs()
        guard statvfs(path, &fileSystem) == 0 else { throw .stat(path: path, errno: Errno(rawValue: errno)) }
        guard fileSystem.f_blocks > 0 else { return nil }
        let blocks = geteuid() == 0 ? UInt64(fileSystem.f_bfree) : UInt64(fileSystem.f_bavail)
        let (bytes, overflow) = blocks.multipliedReportingOverflow(by: UInt64(fileSystem.f_frsize))
        return overflow || bytes > UInt64(Int64.max) ? nil : Int64(bytes)
    }

    /// The folder `path` names a file in: `a/b` → `a`, `/a` → `/`, `a` → `.`. Only the text is looked at.
    public static func folder(of path: String) -> String {
        let parent = FilePath(path).removingLastComponent()
        return parent.isEmpty ? "." : parent.string
    }

    /// Whether anything (a file, a folder, a dangling link) has the name `path`.
    public static func exists(_ path: String) -> Bool {
        (try? FileStatus(path: path, followingSymlinks: false)) != nil
    }

    /// Whether `path` is a folder, following links.
    public static func isDirectory(_ path: String) -> Bool {
        (try? FileStatus(path: path))?.kind == .directory
    }

    /// Flushes a folder, so that a rename or a new name inside it survives a crash. Only a flush: a failure
    /// (a file system that cannot sync folders) leaves the names as durable as the system makes them.
    public static func syncDirectory(_ path: String) {
        guard let directory = try? FileDescriptor.open(FilePath(path), .readOnly, options: [.directory, .closeOnExec])
        else { return }
        _ = StableStorage.flush(directory.rawValue)
        try? directory.close()
    }

    /// Whether a process with this ID exists (it may belong to another user).
    ///
    /// The corresponding C call is `kill(pid, 0)`, which checks without sending anything.
    public static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// The C library's `rename`, under a name that the method above does not shadow.
private func systemRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
