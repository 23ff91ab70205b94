import SystemPackage

/// A failed file-system call, with the path and the errno it returned.
public enum FileIOError: Error, Equatable, Sendable, CustomStringConvertible {
    case open(path: String, errno: Errno)
    case stat(path: String, errno: Errno)
    case read(path: String, offset: Int64, errno: Errno)
    case listDirectory(path: String, errno: Errno)
    case tooLarge(path: String, size: Int64, limit: Int)
    case create(path: String, errno: Errno)
    case write(path: String, offset: Int64, errno: Errno)
    /// `fsync`, `rename`, `link`, `symlink` or `unlink`.
    case update(path: String, call: String, errno: Errno)
    /// `flock` on a lock file (`EWOULDBLOCK`: another process holds it).
    case lock(path: String, errno: Errno)

    /// The path the failed call was about.
    public var path: String {
        switch self {
        case .open(let path, _), .stat(let path, _), .read(let path, _, _), .listDirectory(let path, _),
            .tooLarge(let path, _, _), .create(let path, _), .write(let path, _, _), .update(let path, _, _),
            .lock(let path, _):
            return path
        }
    }

    /// The errno of the failed call, if the failure came from one.
    public var errno: Errno? {
        switch self {
        case .open(_, let errno), .stat(_, let errno), .read(_, _, let errno), .listDirectory(_, let errno),
            .create(_, let errno), .write(_, _, let errno), .update(_, _, let errno), .lock(_, let errno):
            return errno
        case .tooLarge:
            return nil
        }
    }

    /// Whether the failure says the file is not there: no such name (`ENOENT`), or a part of the path that
    /// should be a folder is a file (`ENOTDIR`). The one rule every command uses for "missing".
    public var isMissingFile: Bool {
        errno == .noSuchFileOrDirectory || errno == .notDirectory
    }

    /// The failure without the path, for messages that name the path themselves.
    public var reason: String {
        switch self {
        case .open(_, let errno): return "cannot open: \(errno.message)"
        case .stat(_, let errno): return "cannot stat: \(errno.message)"
        case .read(_, let offset, let errno): return "read failed at offset \(offset): \(errno.message)"
        case .listDirectory(_, let errno): return "cannot list directory: \(errno.message)"
        case .tooLarge(_, let size, let limit): return "file is \(size) bytes, more than the \(limit) accepted"
        case .create(_, let errno): return "cannot create: \(errno.message)"
        case .write(_, let offset, let errno): return "write failed at offset \(offset): \(errno.message)"
        case .update(_, let call, let errno): return "\(call) failed: \(errno.message)"
        case .lock(_, let errno):
            return errno == .wouldBlock ? "another process holds the lock" : "cannot lock: \(errno.message)"
        }
    }

    public var description: String { "\(path): \(reason)" }
}

extension Errno {
    /// The errno of a swift-system call's untyped error (`EIO` if it is somehow not an `Errno`).
    init(_ error: any Error) {
        self = (error as? Errno) ?? .ioError
    }

    /// The C library's text for this errno, lower-cased as our messages are ("no such file or directory").
    public var message: String {
        let text = description
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
