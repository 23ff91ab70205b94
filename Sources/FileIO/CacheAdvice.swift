#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hints to the kernel's page cache, the one place where platforms differ in them. swift-system has no
/// wrapper for `posix_fadvise`, which Linux has and Darwin does not; only hints, so a failure is ignored.
enum CacheAdvice {
    /// The file will be read from start to end: read ahead aggressively. (Darwin reads ahead by default.)
    static func sequential(_ descriptor: Int32) {
        #if os(Linux)
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    /// A stretch just written: start writing it to the disk without waiting, and drop it from the cache once
    /// clean (Linux's `POSIX_FADV_DONTNEED`). Darwin has no such hint; its writer flushes on its own.
    static func writtenOnce(_ descriptor: Int32, offset: Int64, length: Int64) {
        #if os(Linux)
        _ = posix_fadvise(descriptor, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
        #endif
    }
}
