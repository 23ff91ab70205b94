import FileIO

/// Reads a tar archive from start to end (a file or a pipe): ustar and old-style headers, pax extended
/// headers (`path`, `size`, `mtime`), GNU long names and base-256 sizes, as GNU tar and bsdtar write them.
/// Every header is checked (its checksum, its numbers); a malformed or truncated archive is an error naming
/// the offset, never a crash, and no count in the input is trusted for an allocation beyond a small limit.
final class TarReader {
    /// Why an archive cannot be read.
    enum Failure: Error, Sendable, Equatable {
        case io(FileIOError)
        /// The archive is malformed at `offset`.
        case malformed(offset: Int64, reason: String)
    }

    /// The largest member size taken at its word (4 EiB).
    static let largestMember: Int64 = 1 << 62

    /// The largest pax header or GNU long name read (real ones are a few hundred bytes).
    static let largestExtendedHeader = 1 << 20

    private let input: SequentialReader
    private var block = [UInt8](repeating: 0, count: TarFormat.blockSize)
    /// Bytes of the current member's data not yet read, and its padding.
    private var remaining: Int64 = 0
    private var padding = 0
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    init(input: SequentialReader) {
        self.input = input
    }

    /// Where the reader is in the archive.
    var offset: Int64 { input.offset }

    /// The next member, its data ready to be read; nil at the end of the archive.
    func next() throws(Failure) -> TarEntry? {
        try skipRest()
        var pax: [String: String] = [:]
        var longName: String?
        var longLink: String?
        while true {
            let start = input.offset
            guard try readBlock() else {
                throw .malformed(offset: start, reason: "the archive ends without its end marker")
            }
            if block.allSatisfy({ $0 == 0 }) { return nil }
            try checkChecksum(at: start)
            let flag = block[TarFormat.Field.typeFlag]
            guard let size = TarFormat.number(block[field: TarFormat.Field.size]), size >= 0 else {
                throw .malformed(offset: start, reason: "the size field is not a number")
            }
            switch flag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"):
                let data = try readExtended(size: size, at: start)
                guard let records = TarFormat.paxRecords(data) else {
                    throw .malformed(offset: start, reason: "a pax header record is malformed")
                }
                if flag == UInt8(ascii: "x") { pax.merge(records) { _, new in new } }
                continue
            case UInt8(ascii: "L"):
                longName = TarFormat.text(try readExtended(size: size, at: start)[...])
                continue
            case UInt8(ascii: "K"):
                longLink = TarFormat.text(try readExtended(size: size, at: start)[...])
                continue
            default:
                break
            }
            var entrySize = size
            if let text = pax["size"] {
                guard let value = Int64(text), value >= 0 else {
                    throw .malformed(offset: start, reason: "the pax size \"\(text)\" is not a number")
                }
                entrySize = value
            }
            // Sizes near Int64.max would overflow once the padding is added; no archive holds 2^62 bytes.
            guard entrySize <= Self.largestMember else {
                throw .malformed(offset: start, reason: "a member of \(entrySize) bytes is larger than any archive")
            }
            let name = pax["path"] ?? longName ?? headerName()
            let link = pax["linkpath"] ?? longLink ?? TarFormat.text(block[field: TarFormat.Field.linkName])
            let (headerTime, overflow) = (TarFormat.number(block[field: TarFormat.Field.mtime]) ?? 0)
                .multipliedReportingOverflow(by: 1_000_000_000)
            guard !overflow else {
                throw .malformed(offset: start, reason: "the modification time field is out of range")
            }
            var modified = headerTime
            if let text = pax["mtime"], let nanoseconds = Self.nanoseconds(text) { modified = nanoseconds }
            let mode = UInt32(truncatingIfNeeded: TarFormat.number(block[field: TarFormat.Field.mode]) ?? 0o644)
            var kind: TarEntry.Kind
            switch flag {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                // Old tar marks a folder by a trailing slash on a regular-file entry.
                kind = name.hasSuffix("/") ? .directory : .file
            case UInt8(ascii: "5"): kind = .directory
            case UInt8(ascii: "1"): kind = .hardLink(target: link)
            case UInt8(ascii: "2"): kind = .symbolicLink(target: link)
            default: kind = .other(flag: flag)
            }
            if pax.keys.contains(where: { $0.hasPrefix("GNU.sparse") }) { kind = .other(flag: UInt8(ascii: "S")) }
            // Links and folders carry no data, whatever their size field says.
            switch kind {
            case .file, .other: remaining = entrySize
            case .directory, .symbolicLink, .hardLink: remaining = 0
            }
            padding = TarFormat.padding(remaining)
            return TarEntry(name: name, kind: kind, size: remaining, modifiedNanoseconds: modified, mode: mode)
        }
    }

    /// Reads data of the current member into `buffer`.
    /// - Returns: the bytes read, 0 once the member's data is all read.
    /// - Throws: `malformed` when the archive ends inside the member.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        guard remaining > 0 else { return 0 }
        let wanted = Int(min(Int64(buffer.count), remaining))
        let n: Int
        do {
            n = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]))
        } catch {
            throw .io(error)
        }
        remaining -= Int64(n)
        if n < wanted {
            throw .malformed(offset: input.offset, reason: "the archive ends inside a member, \(remaining) bytes short")
        }
        return n
    }

    /// Passes over what is left of the current member, and its padding.
    func skipRest() throws(Failure) {
        let total = remaining + Int64(padding)
        guard total > 0 else { return }
        let skipped: Int64
        do {
            skipped = try scratch.withUnsafeMutableBytes { raw in
                Result { () throws(FileIOError) in try input.skip(total, scratch: raw) }
            }.get()
        } catch {
            throw .io(error)
        }
        guard skipped == total else {
            throw .malformed(
                offset: input.offset, reason: "the archive ends inside a member, \(total - skipped) bytes short")
        }
        remaining = 0
        padding = 0
    }

    /// The name of a ustar header: its prefix and name; an old header has only the name.
    private func headerName() -> String {
        let name = TarFormat.text(block[field: TarFormat.Field.name])
        guard TarFormat.text(block[field: TarFormat.Field.magic]) == "ustar",
            block[TarFormat.Field.version.0] == UInt8(ascii: "0")
        else { return name }
        let prefix = TarFormat.text(block[field: TarFormat.Field.prefix])
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// Reads one block; false at the end of the input (a short block is an error).
    private func readBlock() throws(Failure) -> Bool {
        let n: Int
        do {
            n = try block.withUnsafeMutableBytes { raw in
                Result { () throws(FileIOError) in try input.read(into: raw) }
            }.get()
        } catch {
            throw .io(error)
        }
        if n == 0 { return false }
        guard n == TarFormat.blockSize else {
            throw .malformed(offset: input.offset - Int64(n), reason: "the archive ends inside a header")
        }
        return true
    }

    /// The unsigned sum of the header with its checksum field as spaces (old writers used a signed sum).
    private func checkChecksum(at start: Int64) throws(Failure) {
        guard let stored = TarFormat.number(block[field: TarFormat.Field.checksum]) else {
            throw .malformed(offset: start, reason: "the header checksum is not a number")
        }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (TarFormat.Field.checksum.0..<(TarFormat.Field.checksum.0 + 8)).contains(index) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || stored == signed else {
            throw .malformed(offset: start, reason: "the header checksum does not match (not a tar archive?)")
        }
    }

    /// The data of a pax header or a GNU long name, within the limit.
    private func readExtended(size: Int64, at start: Int64) throws(Failure) -> [UInt8] {
        guard size <= Int64(Self.largestExtendedHeader) else {
            throw .malformed(offset: start, reason: "an extended header of \(size) bytes is too large")
        }
        var data = [UInt8](repeating: 0, count: Int(size))
        remaining = size
        padding = TarFormat.padding(size)
        var filled = 0
        while filled < data.count {
            let n = try data.withUnsafeMutableBytes { raw in
                Result { () throws(Failure) in try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) }
            }.get()
            filled += n
        }
        try skipRest()
        return data
    }

    /// A pax time, `<seconds>[.<fraction>]`, in nanoseconds.
    static func nanoseconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        // A range check rather than abs(), which traps on Int64.min.
        guard let seconds = Int64(parts[0]), seconds > -9_000_000_000 && seconds < 9_000_000_000 else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1].prefix(9)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int64(digits) else { return nil }
            fraction = value * Int64(pow10: 9 - digits.count)
        }
        return seconds * 1_000_000_000 + (seconds < 0 ? -fraction : fraction)
    }
}

extension Array where Element == UInt8 {
    /// The bytes of a header field given as (offset, length).
    fileprivate subscript(field field: (Int, Int)) -> ArraySlice<UInt8> { self[field.0..<(field.0 + field.1)] }
}

extension Int64 {
    fileprivate init(pow10 exponent: Int) {
        self = (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
