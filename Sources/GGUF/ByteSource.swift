import FileIO

/// Where the reader's bytes come from: a file read with `pread`, or bytes in memory (tests, generators).
public protocol ByteSource {
    /// A name for error messages (the path).
    var name: String { get }
    /// The total size in bytes.
    var size: Int64 { get }
    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(GGUFError) -> Int
}

/// A file as a byte source.
public struct FileByteSource: ByteSource {
    let file: ReadOnlyFile
    public let size: Int64
    public var name: String { file.path }

    /// Wraps an open file; the caller keeps ownership and closes it.
    public init(file: ReadOnlyFile) throws(GGUFError) {
        self.file = file
        do {
            self.size = try file.status().size
        } catch {
            throw GGUFError.io(error)
        }
    }

    public func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(GGUFError) -> Int {
        do {
            return try file.readFully(fromAbsoluteOffset: offset, into: buffer)
        } catch {
            throw GGUFError.io(error)
        }
    }
}

/// Bytes in memory as a byte source.
public struct MemoryByteSource: ByteSource {
    public let bytes: [UInt8]
    public let name: String
    public var size: Int64 { Int64(bytes.count) }

    public init(_ bytes: [UInt8], name: String = "<memory>") {
        self.bytes = bytes
        self.name = name
    }

    public func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(GGUFError) -> Int {
        guard offset < size else { return 0 }
        let count = min(buffer.count, bytes.count - Int(offset))
        bytes.withUnsafeBytes { raw in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[Int(offset)..<Int(offset) + count]))
        }
        return count
    }
}
