import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// From swift-system's `Stat`, whose accessors already spell each field as the platform does (Darwin's
    /// `st_mtimespec` is Linux's `st_mtim`), so no platform test is needed here.
    init(_ stat: Stat) {
        switch stat.type {
        case .regular: kind = .regular
        case .directory: kind = .directory
        case .symbolicLink: kind = .symlink
        default: kind = .other
        }
        size = stat.size
        modifiedNanoseconds = Self.nanoseconds(stat.st_mtim)
        changedNanoseconds = Self.nanoseconds(stat.st_ctim)
        device = UInt64(stat.deviceID.rawValue)
        inode = UInt64(stat.inode.rawValue)
        allocatedBytes = stat.blocksAllocated * 512
        linkCount = UInt64(stat.linkCount)
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
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
