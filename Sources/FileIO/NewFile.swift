import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file created for writing, never one that already exists (`O_EXCL`): the temp file an atomic write fills
/// before renaming it into place.
public final class NewFile {
    public let path: String
    private let descriptor: FileDescriptor
    private var isClosed = false
    /// How many bytes have been written.
    public private(set) var size: Int64 = 0

    /// Creates `path` with `permissions` (0644 by default); fails if anything exists there.
    public init(creating path: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead])
        throws(FileIOError)
    {
        self.path = path
        do {
            descriptor = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: permissions)
        } catch {
            throw FileIOError.create(path: path, errno: Errno(error))
        }
    }

    deinit {
        if !isClosed { try? descriptor.close() }
    }

    /// Appends all of `bytes` (retrying short writes and interruptions).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        do {
            let written = try descriptor.writeAll(toAbsoluteOffset: size, bytes)
            size += Int64(written)
        } catch {
            throw FileIOError.write(path: path, offset: size, errno: Errno(error))
        }
    }

    /// Flushes the file's data to the disk.
    public func sync() throws(FileIOError) {
        guard fsync(descriptor.rawValue) == 0 else {
            throw FileIOError.update(path: path, call: "fsync", errno: Errno(rawValue: errno))
        }
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        try? descriptor.close()
    }

    /// Flushes a directory, so that a rename inside it survives a crash.
    public static func syncDirectory(_ path: String) {
        guard let directory = try? FileDescriptor.open(FilePath(path), .readOnly, options: [.directory, .closeOnExec])
        else { return }
        _ = fsync(directory.rawValue)
        try? directory.close()
    }
}
