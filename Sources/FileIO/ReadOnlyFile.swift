import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only, read with `pread` into caller-owned buffers.
///
/// The type owns exactly one descriptor, closed by `close()` or, as a safety net, when the value is
/// released. It never allocates on the read path: callers keep one buffer and reuse it for every read.
public final class ReadOnlyFile {
    /// The path the file was opened with, for error messages.
    public let path: String
    private let descriptor: FileDescriptor
    private var isClosed = false

    /// Opens `path` for reading.
    ///
    /// The open is non-blocking, so a FIFO put where a file should be cannot hang the caller (for a regular
    /// file the flag changes nothing); callers check `status().kind` before trusting what they read.
    /// - Throws: `FileIOError.open` with the errno when the file cannot be opened.
    public init(path: String) throws(FileIOError) {
        self.path = path
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec, .nonBlocking])
        } catch {
            throw FileIOError.open(path: path, errno: Errno(error))
        }
    }

    deinit {
        if !isClosed { try? descriptor.close() }
    }

    /// Closes the descriptor; later reads fail.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        try? descriptor.close()
    }

    /// The file's status, from `fstat` on the open descriptor.
    public func status() throws(FileIOError) -> FileStatus {
        do {
            return FileStatus(try descriptor.stat())
        } catch {
            throw FileIOError.stat(path: path, errno: error)
        }
    }

    /// Tells the kernel the file will be read sequentially, so it reads ahead aggressively.
    public func adviseSequentialRead() { CacheAdvice.sequential(descriptor.rawValue) }

    /// Reads up to `buffer.count` bytes starting at `offset`, retrying on `EINTR`.
    ///
    /// The corresponding C function is `pread`. A short count means the end of the file was reached.
    /// - Returns: the number of bytes read, 0 at the end of the file.
    public func read(fromAbsoluteOffset offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(FileIOError)
        -> Int
    {
        do {
            return try descriptor.read(fromAbsoluteOffset: offset, into: buffer, retryOnInterrupt: true)
        } catch {
            throw FileIOError.read(path: path, offset: offset, errno: Errno(error))
        }
    }

    /// Fills `buffer` from `offset` as far as the file allows, looping over short reads.
    ///
    /// - Returns: the number of bytes read; less than `buffer.count` only at the end of the file.
    public func readFully(fromAbsoluteOffset offset: Int64, into buffer: UnsafeMutableRawBufferPointer)
        throws(FileIOError) -> Int
    {
        var done = 0
        while done < buffer.count {
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[done...])
            let n = try read(fromAbsoluteOffset: offset + Int64(done), into: chunk)
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads a whole small file (a manifest, a config blob, a template) into an array.
    ///
    /// - Parameter limit: the largest size accepted; a larger file throws `FileIOError.tooLarge`.
    public static func contents(ofFile path: String, limit: Int = 64 << 20) throws(FileIOError) -> [UInt8] {
        let file = try ReadOnlyFile(path: path)
        defer { file.close() }
        return try file.readAll(limit: limit)
    }

    /// Reads the whole open file from its start, however its size changes while it is read.
    ///
    /// - Parameter limit: the largest size accepted; a larger file throws `FileIOError.tooLarge`.
    public func readAll(limit: Int = 64 << 20) throws(FileIOError) -> [UInt8] {
        let size = try status().size
        guard size <= Int64(limit) else { throw FileIOError.tooLarge(path: path, size: size, limit: limit) }
        // One byte more than the size, so a file that grew since fstat is still read whole.
        var bytes = [UInt8](repeating: 0, count: Int(size) + 1)
        var total = 0
        while true {
            if total == bytes.count {
                guard bytes.count <= limit else {
                    throw FileIOError.tooLarge(path: path, size: Int64(bytes.count), limit: limit)
                }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count)))
            }
            let n = try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(FileIOError) -> Int in
                    try read(
                        fromAbsoluteOffset: Int64(total), into: UnsafeMutableRawBufferPointer(rebasing: raw[total...]))
                }
            }.get()
            if n == 0 { break }
            total += n
        }
        bytes.removeLast(bytes.count - total)
        return bytes
    }
}
