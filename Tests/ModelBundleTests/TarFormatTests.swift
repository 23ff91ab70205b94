import FileIO
import Foundation
import FixtureKit
import Testing

@testable import ModelBundle

@Suite struct TarFormatTests {
    @Test func paxRecordsCountTheirOwnLength() {
        for value in ["x", String(repeating: "a", count: 90), String(repeating: "b", count: 95), "ünïcode"] {
            let record = TarFormat.paxRecord("path", value)
            let length = Int(String(decoding: record.prefix { $0 != 0x20 }, as: UTF8.self))
            #expect(length == record.count, "\(value)")
            #expect(TarFormat.paxRecords(record) == ["path": value])
        }
        #expect(TarFormat.paxRecords(Array("8 path=x\n".utf8)) == nil)  // the length does not match
        #expect(TarFormat.paxRecords(Array("999999 path=x\n".utf8)) == nil)
        #expect(TarFormat.paxRecords(Array("5 x\n".utf8)) == nil)
    }

    @Test func numbersInOctalAndBase256() {
        #expect(TarFormat.number(Array("0000644\0".utf8)[...]) == 0o644)
        #expect(TarFormat.number(Array("  755 \0".utf8)[...]) == 0o755)
        #expect(TarFormat.number(Array("\0\0\0\0".utf8)[...]) == 0)
        #expect(TarFormat.number(Array("0008\0".utf8)[...]) == nil)
        // 8 GiB + 1 in GNU's base-256 form.
        var field = [UInt8](repeating: 0, count: 12)
        field[0] = 0x80
        field[7] = 0x02
        field[11] = 0x01
        #expect(TarFormat.number(field[...]) == (Int64(2) << 32) + 1)
        field[0] = 0xFF  // a negative base-256 number
        #expect(TarFormat.number(field[...]) == nil)
    }

    @Test func paxTimesKeepNanoseconds() {
        #expect(TarReader.nanoseconds("1764064800.123456789") == 1_764_064_800_123_456_789)
        #expect(TarReader.nanoseconds("1764064800.5") == 1_764_064_800_500_000_000)
        #expect(TarReader.nanoseconds("1764064800") == 1_764_064_800_000_000_000)
        #expect(TarReader.nanoseconds("12x") == nil && TarReader.nanoseconds("1.") == nil)
        // Found by fuzzing: the smallest Int64 once trapped in abs().
        #expect(TarReader.nanoseconds("-9223372036854775808") == nil)
        #expect(TarReader.nanoseconds("-9223372036854775808.5") == nil)
    }

    /// What the writer writes, the reader reads back: long names, fine times, a size past the octal field.
    @Test func writtenArchivesReadBack() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.tar")
        let file = try NewFile(creating: path)
        let writer = TarWriter(sink: file)
        let long = "manifests/hf.co/" + String(repeating: "organisation-", count: 6) + "x/model/Q4_K_M"
        let entries = [
            TarEntry(
                name: "blobs/sha256-" + String(repeating: "a", count: 64), kind: .file, size: 3,
                modifiedNanoseconds: 1_000_000_000),
            TarEntry(name: long, kind: .file, size: 5, modifiedNanoseconds: 1_764_064_800_123_456_789),
        ]
        for (entry, data) in zip(entries, [Array("abc".utf8), Array("hello".utf8)]) {
            try writer.begin(entry)
            try writer.write(data)
            try writer.end(size: entry.size)
        }
        try writer.finish()
        file.close()
        #expect(writer.offset % 512 == 0)
        let reader = TarReader(input: try SequentialReader(path: path))
        var read: [TarEntry] = []
        var contents: [String] = []
        while let entry = try reader.next() {
            read.append(entry)
            var buffer = [UInt8](repeating: 0, count: 16)
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            contents.append(String(decoding: buffer[..<n], as: UTF8.self))
        }
        #expect(read.map(\.name) == entries.map(\.name))
        #expect(read.map(\.modifiedNanoseconds) == entries.map(\.modifiedNanoseconds))
        #expect(contents == ["abc", "hello"])
    }

    /// A header whose checksum is wrong, or an archive cut short, is an error naming the offset.
    @Test func damagedHeadersAreErrors() throws {
        let directory = try TemporaryDirectory()
        var block = [UInt8](repeating: 0, count: 512)
        for (i, byte) in Array("blobs/x".utf8).enumerated() { block[i] = byte }
        for (i, byte) in Array("0000017\0".utf8).enumerated() { block[148 + i] = byte }
        try directory.write("bad.tar", block + [UInt8](repeating: 0, count: 1024))
        let reader = TarReader(input: try SequentialReader(path: directory.file("bad.tar")))
        #expect(
            throws: TarReader.Failure.malformed(
                offset: 0, reason: "the header checksum does not match (not a tar archive?)")
        ) {
            _ = try reader.next()
        }
        try directory.write("empty.tar", [])
        #expect(throws: TarReader.Failure.self) {
            _ = try TarReader(input: try SequentialReader(path: directory.file("empty.tar"))).next()
        }
    }

    /// One header block for `name` with a valid checksum; `mtime` is the raw 12-byte field.
    static func header(name: String, mtime: [UInt8]) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) { for (i, byte) in bytes.enumerated() { block[offset + i] = byte } }
        put(Array(name.utf8), at: 0)
        put(Array("0000644\0".utf8), at: 100)
        put(Array("00000000000\0".utf8), at: 124)  // size 0
        put(mtime, at: 136)
        put(Array("        ".utf8), at: 148)
        block[156] = UInt8(ascii: "0")
        put(Array("ustar\0".utf8) + Array("00".utf8), at: 257)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(Array(String(format: "%06o", sum).utf8) + [0, 0x20], at: 148)
        return block
    }

    /// A pax record whose length is near Int.max is malformed, not an overflow.
    @Test func paxRecordLengthsNearTheLimitAreMalformed() {
        #expect(TarFormat.paxRecords(Array("9223372036854775807 path=x\n".utf8)) == nil)
        #expect(TarFormat.paxRecords(Array("10 path=x\n".utf8)) == ["path": "x"])
    }

    /// A size near Int64.max (in the header's base-256 field) is an error, not an overflow with the padding.
    @Test func aSizeNearTheLimitIsAnError() throws {
        let directory = try TemporaryDirectory()
        var block = Self.header(name: "blobs/x", mtime: Array("00000000000\0".utf8))
        for (i, byte) in [0x80, 0, 0, 0, 0x50, 0, 0, 0, 0, 0, 0, 0].enumerated() {
            block[124 + i] = UInt8(byte)
        }
        for i in 148..<156 { block[i] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        for (i, byte) in (Array(String(format: "%06o", sum).utf8) + [0, 0x20]).enumerated() {
            block[148 + i] = byte
        }
        try directory.write("big.tar", block + [UInt8](repeating: 0, count: 1024))
        #expect(
            throws: TarReader.Failure.malformed(
                offset: 0, reason: "a member of \(0x5000_0000_0000_0000 as Int64) bytes is larger than any archive")
        ) {
            _ = try TarReader(input: try SequentialReader(path: directory.file("big.tar"))).next()
        }
    }

    /// Found by fuzzing: a modification time of 12 octal digits (or a large base-256 one) overflowed when
    /// turned into nanoseconds and trapped; it is now an error naming the header.
    @Test(arguments: [
        Array("777777777777".utf8), [0x80, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0],
    ])
    func aModificationTimeOutOfRangeIsAnError(mtime: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "time.tar", Self.header(name: "blobs/x", mtime: mtime) + [UInt8](repeating: 0, count: 1024))
        let reader = TarReader(input: try SequentialReader(path: directory.file("time.tar")))
        #expect(
            throws: TarReader.Failure.malformed(offset: 0, reason: "the modification time field is out of range")
        ) {
            _ = try reader.next()
        }
        // A time that fits still reads.
        try directory.write(
            "fine.tar",
            Self.header(name: "blobs/x", mtime: Array("14712345670\0".utf8)) + [UInt8](repeating: 0, count: 1024))
        let fine = TarReader(input: try SequentialReader(path: directory.file("fine.tar")))
        #expect(try fine.next()?.modifiedNanoseconds == 0o14712345670 * 1_000_000_000)
    }
}
