#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flushing to the disk, the one place where platforms differ in what that takes.
enum StableStorage {
    /// Flushes an open file's (or folder's) data to the disk; 0 on success, else -1 with `errno` set.
    ///
    /// Linux's `fsync` reaches the disk. Darwin's `fsync` only reaches the drive, whose cache may still lose it
    /// on power loss; `fcntl(F_FULLFSYNC)` is what asks the drive to write it down, so it comes first there,
    /// with `fsync` where the file system does not support it (some network and FUSE file systems).
    static func flush(_ descriptor: Int32) -> Int32 {
        #if canImport(Darwin)
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return 0 }
        #endif
        return fsync(descriptor)
    }
}
