#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Folders that are made, not only read: an export's destination, the verification cache's folder.
public enum Folder {
    /// `mkdir -p`: each missing folder on the way to `path` (relative to the working directory unless it
    /// starts with `/`), with the umask's permissions.
    /// - Returns: the folders it made, outermost first, for a caller that must undo its work.
    /// - Throws: `FileIOError.create` naming the first folder that could not be made, or, with `ENOTDIR`, the
    ///   path on the way that is something other than a folder.
    @discardableResult
    public static func create(_ path: String) throws(FileIOError) -> [String] {
        var created: [String] = []
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            let parent = prefix
            prefix += "/" + component
            if mkdir(prefix, 0o777) == 0 {
                created.append(prefix)
            } else if errno != EEXIST {
                let number = Errno(rawValue: errno)
                throw .create(
                    path: number == .notDirectory && !parent.isEmpty && parent != "." ? parent : prefix, errno: number)
            }
        }
        guard (try? FileStatus(path: path))?.kind == .directory else {
            throw .create(path: path, errno: .notDirectory)
        }
        return created
    }

    /// Removes `path` if it is an empty folder (`rmdir`); a folder that is not empty, or gone, is left as it is.
    /// - Returns: whether it was removed.
    @discardableResult
    public static func removeIfEmpty(_ path: String) -> Bool { rmdir(path) == 0 }
}
