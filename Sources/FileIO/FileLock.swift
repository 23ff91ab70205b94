import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock(2)`) on a lock file, held from `init` until `release()` or until the
/// value goes away, so that writers take turns. The lock belongs to the descriptor this type opens and owns:
/// a process that dies releases it, so no stale lock outlives a crash.
public final class FileLock {
    public let path: String
    private var descriptor: FileDescriptor?

    /// Opens (creating if needed) the lock file at `path` and takes the lock.
    /// - Parameter waiting: wait for a holder to release it (the default); false fails at once instead.
    /// - Throws: `FileIOError.create` when the lock file cannot be opened; `FileIOError.lock` when the lock
    ///   cannot be taken (`EWOULDBLOCK` when another process holds it and `waiting` is false).
    public init(path: String, waiting: Bool = true) throws(FileIOError) {
        self.path = path
        let opened: FileDescriptor
        do {
            opened = try FileDescriptor.open(
                FilePath(path), .readWrite, options: [.create, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch {
            throw .create(path: path, errno: Errno(error))
        }
        let operation = LOCK_EX | (waiting ? 0 : LOCK_NB)
        while flock(opened.rawValue, operation) != 0 {
            let number = Errno(rawValue: errno)
            if number == .interrupted { continue }
            try? opened.close()
            throw .lock(path: path, errno: number)
        }
        descriptor = opened
    }

    /// Releases the lock (also done when the value is released).
    public func release() {
        guard let descriptor else { return }
        _ = flock(descriptor.rawValue, LOCK_UN)
        try? descriptor.close()
        self.descriptor = nil
    }

    deinit { release() }
}
