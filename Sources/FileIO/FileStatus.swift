import SystemPackage

/// The facts of `stat(2)` that ollama-scan uses, in plain Swift types.
public struct FileStatus: Sendable, Equatable {
    /// What kind of file system object the status describes.
    public enum Kind: Sendable, Equatable {
        case regular, directory, symlink, other
    }

    public var kind: Kind
    public var size: Int64
    /// Modification time in nanoseconds since the Unix epoch.
    public var modifiedNanoseconds: Int64
    /// Status-change time in nanoseconds since the Unix epoch.
    public var changedNanoseconds: Int64
    public var device: UInt64
    public var inode: UInt64
    /// The bytes the file occupies on disk (`st_blocks` × 512): less than `size` for a sparse file.
    public var allocatedBytes: Int64
    /// How many directory entries name the file (`st_nlink`); removing one of several frees nothing.
    public var linkCount: UInt64

    /// Why the file cannot stand where a regular file belongs (a blob, a manifest): "a directory is in its
    /// place" or "not a regular file" (a FIFO, a device, a socket); nil for a regular file. The one wording
    /// of scan, verify and export.
    public var irregularity: String? {
        switch kind {
        case .regular: return nil
        case .directory: return "a directory is in its place"
        case .symlink, .other: return "not a regular file"
        }
    }

    /// The modification time in seconds since the Unix epoch, with the fraction.
    public var modifiedSeconds: Double { Double(modifiedNanoseconds) / 1e9 }

    init(_ stat: Stat) {
        let raw = stat.rawValue
        switch stat.type {
        case .regular: kind = .regular
        case .directory: kind = .directory
        case .symbolicLink: kind = .symlink
        default: kind = .other
        }
        size = Int64(raw.st_size)
        modifiedNanoseconds = Int64(raw.st_mtim.tv_sec) * 1_000_000_000 + Int64(raw.st_mtim.tv_nsec)
        changedNanoseconds = Int64(raw.st_ctim.tv_sec) * 1_000_000_000 + Int64(raw.st_ctim.tv_nsec)
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        allocatedBytes = Int64(raw.st_blocks) * 512
        linkCount = UInt64(raw.st_nlink)
    }

    /// The status of `path`, following symbolic links unless `followingSymlinks` is false.
    ///
    /// The corresponding C functions are `stat` and `lstat`.
    public init(path: String, followingSymlinks: Bool = true) throws(FileIOError) {
        do {
            self.init(try FilePath(path).stat(followTargetSymlink: followingSymlinks))
        } catch {
            throw FileIOError.stat(path: path, errno: error)
        }
    }
}
