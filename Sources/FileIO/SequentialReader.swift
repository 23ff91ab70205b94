import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file, or standard input, from start to end with `read(2)`: for a stream that cannot seek (a bundle
/// piped in), and equally for a file. Knows its offset, so that an error can name where the input went wrong.
public final class SequentialReader {
    /// The file, or `standard input`.
    public let path: String
    private let descriptor: FileDescriptor
    private let ownsDescriptor: Bool
    private var isClosed = false
    /// How many bytes were read or skipped so far.
    public private(set) var offset: Int64 = 0
    /// The size of a regular file, which can be skipped through by seeking; nil for a pipe.
    private var seekableSize: Int64?

    /// Opens `path` for reading, or standard input when `path` is `-`.
    public init(path: String) throws(FileIOError) {
        if path == "-" {
            self.path = "standard input"
            descriptor = .standardInput
            ownsDescriptor = false
            return
        }
        self.path = path
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch {
            throw FileIOError.open(path: path, errno: Errno(error))
        }
        ownsDescriptor = true
        if let status = try? FileStatus(path: path), status.kind == .regular { seekableSize = status.size }
        CacheAdvice.sequential(descriptor.rawValue)
    }

    deinit { close() }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        if ownsDescriptor { try? descriptor.close() }
    }

    /// Fills `buffer` as far as the input allows, looping over short reads.
    /// - Returns: the bytes read; less than `buffer.count` only at the end of the input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileIOError) -> Int {
        var done = 0
        while done < buffer.count {
            let n: Int
            do {
                n = try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            } catch {
                throw FileIOError.read(path: path, offset: offset, errno: Errno(error))
            }
            if n == 0 { break }
            done += n
            offset += Int64(n)
        }
        return done
    }

    /// Passes over `count` bytes: a seek in a regular file (listing a 100 GB bundle reads only its headers),
    /// reads into `scratch` in a pipe, which cannot seek.
    /// - Returns: how many were passed over; less than `count` only at the end of the input.
    public func skip(_ count: Int64, scratch: UnsafeMutableRawBufferPointer) throws(FileIOError) -> Int64 {
        if let size = seekableSize {
            let skipped = max(0, min(count, size - offset))
            do {
                _ = try descriptor.seek(offset: skipped, from: .current)
            } catch {
                throw FileIOError.read(path: path, offset: offset, errno: Errno(error))
            }
            offset += skipped
            return skipped
        }
        var left = count
        while left > 0 {
            let n = try read(
                into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<Int(min(Int64(scratch.count), left))]))
            if n == 0 { break }
            left -= Int64(n)
        }
        return count - left
    }
}
