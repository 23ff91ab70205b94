import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names in one directory, as `readdir` returns them (without `.` and `..`), sorted bytewise.
///
/// swift-system has no directory iteration, and Foundation's `FileManager` builds a URL per entry, which
/// costs more than the scan itself on a store with 100,000 manifests; so this calls `opendir`/`readdir`.
public struct DirectoryListing: Sendable {
    /// One directory entry.
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// The entry's type from `d_type`, without following symbolic links; `nil` when the file
        /// system does not report it (callers then `stat`).
        public var kind: FileStatus.Kind?
    }

    public let path: String
    public let entries: [Entry]

    /// Lists `path`.
    ///
    /// - Throws: `FileIOError.listDirectory` with the errno when the directory cannot be opened.
    public init(path: String) throws(FileIOError) {
        self.path = path
        guard let dir = opendir(path) else {
            throw FileIOError.listDirectory(path: path, errno: Errno(rawValue: errno))
        }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: FileStatus.Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        self.entries = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
