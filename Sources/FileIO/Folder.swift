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
    /// - Throws: `FileIOError.create` naming the first folder that could not be made, or, with `ENOTDIR`, the
    ///   path on the way that is something other than a folder.
    public static func create(_ path: String) throws(FileIOError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            let parent = prefix
            prefix += "/" + component
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                let number = Errno(rawValue: errno)
                throw .create(
                    path: number == .notDirectory && !parent.isEmpty && parent != "." ? parent : prefix, errno: number)
            }
        }
        guard (try? FileStatus(path: path))?.kind == .directory else {
            throw .create(path: path, errno: .notDirectory)
        }
    }
}
