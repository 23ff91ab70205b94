#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock(2)` on the registry's lock file, held from load to the last rename, so concurrent
/// writers take turns and none loses another's entries (D11, O7). Only commands that write take it: a dry
/// run or a listing creates no file, not even the lock.
public final class RegistryLock {
    public let path: String
    private var descriptor: Int32

    /// Blocks until the lock is held.
    public init(path: String) throws(RegistryError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RegistryError.lockFailed(path: path, reason: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw RegistryError.lockFailed(path: path, reason: reason)
            }
        }
    }

    /// Releases the lock (also done when the value is released).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
