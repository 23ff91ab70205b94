/// A forward cursor over a byte source, through one reused buffer filled by large reads.
///
/// `remaining` comes from the source's size, not from what is buffered, so every bounds check is against
/// the real end of the file. Skipping only moves the offset: skipped bytes are never read.
final class ByteCursor {
    let source: any ByteSource
    /// The file's byte order, known once the version has been read.
    var isBigEndian = false
    private(set) var offset: Int64 = 0
    private let buffer: UnsafeMutableRawBufferPointer
    private var bufferStart: Int64 = 0
    private var bufferCount = 0

    /// The source's size, taken once rather than through the existential on every field.
    private let size: Int64

    init(source: any ByteSource, bufferSize: Int) {
        self.source = source
        size = source.size
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, 64), alignment: 16)
    }

    deinit { buffer.deallocate() }

    var remaining: Int64 { size - offset }

    /// Throws `truncated` unless `count` bytes are left.
    func require(_ count: UInt64, for field: @autoclosure () -> String) throws(GGUFError) {
        if remaining < 0 || count > UInt64(remaining) {
            throw GGUFError.truncated(
                path: source.name, field: field(), offset: offset, needed: count, remaining: remaining)
        }
    }

    /// Makes `count` bytes (at most the buffer size) at the offset available in the buffer.
    private func fill(_ count: Int) throws(GGUFError) {
        let end = offset + Int64(count)
        if offset >= bufferStart && end <= bufferStart + Int64(bufferCount) { return }
        bufferStart = offset
        bufferCount = try source.read(at: offset, into: buffer)
        guard bufferCount >= count else {
            // The source shrank since its size was taken.
            throw GGUFError.truncated(
                path: source.name, field: "data", offset: offset, needed: UInt64(count),
                remaining: Int64(bufferCount))
        }
    }

    func skip(_ count: UInt64, for field: @autoclosure () -> String) throws(GGUFError) {
        try require(count, for: field())
        offset += Int64(count)
    }

    func readBytes(_ count: Int, for field: @autoclosure () -> String) throws(GGUFError) -> [UInt8] {
        try require(UInt64(count), for: field())
        var out = [UInt8]()
        out.reserveCapacity(count)
        var left = count
        while left > 0 {
            let piece = min(left, buffer.count)
            try fill(piece)
            let start = Int(offset - bufferStart)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<start + piece]))
            offset += Int64(piece)
            left -= piece
        }
        return out
    }

    private func load<T: FixedWidthInteger>(_: T.Type, for field: @autoclosure () -> String)
        throws(GGUFError) -> T
    {
        let size = MemoryLayout<T>.size
        try require(UInt64(size), for: field())
        try fill(size)
        let raw = UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: Int(offset - bufferStart), as: T.self)
        offset += Int64(size)
        return isBigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }

    /// Passes over up to `count` length-prefixed strings (each length `lengthSize` bytes, at most
    /// `maximumLength`) and returns how many it passed: fewer when the next one is bad (its length too large,
    /// or the bytes run out), and the cursor then stands at that string, for the caller to read it the slow
    /// way and name the error. A tokenizer holds 150,000 strings; reading each through the error-naming
    /// closures spent most of a header's time in retain and release.
    func skipStrings(count: UInt64, lengthSize: Int, maximumLength: UInt64) -> UInt64 {
        for index in 0..<count {
            guard size - offset >= Int64(lengthSize), (try? fill(lengthSize)) != nil else { return index }
            let at = Int(offset - bufferStart)
            let length: UInt64
            if lengthSize == 4 {
                let raw = UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: at, as: UInt32.self)
                length = UInt64(isBigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw))
            } else {
                let raw = UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: at, as: UInt64.self)
                length = isBigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)
            }
            guard length <= maximumLength, UInt64(size - offset - Int64(lengthSize)) >= length else { return index }
            offset += Int64(lengthSize) + Int64(length)
        }
        return count
    }

    func readUInt8(for field: @autoclosure () -> String) throws(GGUFError) -> UInt8 {
        try load(UInt8.self, for: field())
    }
    func readUInt16(for field: @autoclosure () -> String) throws(GGUFError) -> UInt16 {
        try load(UInt16.self, for: field())
    }
    func readUInt32(for field: @autoclosure () -> String) throws(GGUFError) -> UInt32 {
        try load(UInt32.self, for: field())
    }
    func readUInt64(for field: @autoclosure () -> String) throws(GGUFError) -> UInt64 {
        try load(UInt64.self, for: field())
    }
}
