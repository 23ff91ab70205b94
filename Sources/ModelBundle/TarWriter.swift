import FileIO

/// Writes a POSIX tar archive (ustar headers, pax records where a name, a size or a time needs them) into a
/// `ByteSink`. The caller writes each member's data between `begin` and `end`.
final class TarWriter {
    let sink: any ByteSink
    /// How many bytes were written so far.
    private(set) var offset: Int64 = 0

    init(sink: any ByteSink) {
        self.sink = sink
    }

    /// Writes the header(s) of a regular file; its `size` bytes of data must follow, then `end(size:)`.
    func begin(_ entry: TarEntry) throws(FileIOError) {
        var records: [UInt8] = []
        let name = Array(entry.name.utf8)
        let asciiName = name.allSatisfy { $0 < 0x80 }
        if name.count > TarFormat.Field.name.1 || !asciiName { records += TarFormat.paxRecord("path", entry.name) }
        if entry.size > TarFormat.largestOctalSize { records += TarFormat.paxRecord("size", String(entry.size)) }
        let (seconds, nanoseconds) = entry.modifiedNanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        if nanoseconds != 0 {
            let digits = String(nanoseconds)
            records += TarFormat.paxRecord(
                "mtime", "\(seconds)." + String(repeating: "0", count: 9 - digits.count) + digits)
        }
        if !records.isEmpty {
            let paxName = "PaxHeaders/" + String(entry.name.split(separator: "/").last ?? "member").prefix(80)
            try write(
                header(name: Array(paxName.utf8), flag: UInt8(ascii: "x"), size: Int64(records.count), seconds: seconds)
            )
            try write(records)
            try end(size: Int64(records.count))
        }
        let shortName = asciiName ? Array(name.prefix(TarFormat.Field.name.1)) : Array("member".utf8)
        try write(
            header(name: shortName, flag: UInt8(ascii: "0"), size: entry.size, seconds: seconds, mode: entry.mode))
    }

    /// Appends data of the current member.
    func write(_ bytes: [UInt8]) throws(FileIOError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(FileIOError) in try sink.write(raw) } }.get()
        offset += Int64(bytes.count)
    }

    /// Records `count` bytes the caller wrote to `sink` directly (a blob copied with its hash).
    func advance(by count: Int64) { offset += count }

    /// Pads the member of `size` bytes to a whole block.
    func end(size: Int64) throws(FileIOError) {
        let padding = TarFormat.padding(size)
        if padding > 0 { try write([UInt8](repeating: 0, count: padding)) }
    }

    /// The two zero blocks that end an archive.
    func finish() throws(FileIOError) {
        try write([UInt8](repeating: 0, count: 2 * TarFormat.blockSize))
    }

    /// A ustar header block with its checksum.
    private func header(name: [UInt8], flag: UInt8, size: Int64, seconds: Int64, mode: UInt32 = 0o644) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: TarFormat.blockSize)
        func put(_ bytes: [UInt8], _ field: (Int, Int)) {
            for (i, byte) in bytes.prefix(field.1).enumerated() { block[field.0 + i] = byte }
        }
        func octal(_ value: Int64, _ field: (Int, Int)) {
            let digits = String(value, radix: 8)
            put(Array((String(repeating: "0", count: max(0, field.1 - 1 - digits.count)) + digits).utf8), field)
        }
        put(name, TarFormat.Field.name)
        octal(Int64(mode), TarFormat.Field.mode)
        octal(0, TarFormat.Field.uid)
        octal(0, TarFormat.Field.gid)
        if size <= TarFormat.largestOctalSize {
            octal(size, TarFormat.Field.size)
        } else {
            // GNU's base-256 form, for readers without pax; pax readers take the `size` record.
            var value = size
            for i in stride(from: TarFormat.Field.size.1 - 1, to: 0, by: -1) {
                block[TarFormat.Field.size.0 + i] = UInt8(value & 0xFF)
                value >>= 8
            }
            block[TarFormat.Field.size.0] = 0x80
        }
        octal(max(0, min(seconds, TarFormat.largestOctalSize)), TarFormat.Field.mtime)
        block[TarFormat.Field.typeFlag] = flag
        put(Array("ustar\0".utf8), TarFormat.Field.magic)
        put(Array("00".utf8), TarFormat.Field.version)
        // The checksum is computed with its own field as spaces, then written as six octal digits, NUL, space.
        for i in 0..<TarFormat.Field.checksum.1 { block[TarFormat.Field.checksum.0 + i] = 0x20 }
        let checksum = block.reduce(0) { $0 + Int64($1) }
        let digits = String(checksum, radix: 8)
        put(
            Array((String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "\0 ").utf8),
            TarFormat.Field.checksum)
        return block
    }
}
