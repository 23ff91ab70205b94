/// The byte layout of tar headers: 512-byte blocks, ustar fields, pax records.
enum TarFormat {
    static let blockSize = 512

    /// Field offsets and lengths of a ustar header.
    enum Field {
        static let name = (0, 100)
        static let mode = (100, 8)
        static let uid = (108, 8)
        static let gid = (116, 8)
        static let size = (124, 12)
        static let mtime = (136, 12)
        static let checksum = (148, 8)
        static let typeFlag = 156
        static let linkName = (157, 100)
        static let magic = (257, 6)
        static let version = (263, 2)
        static let uname = (265, 32)
        static let gname = (297, 32)
        static let prefix = (345, 155)
    }

    /// The largest size an 11-digit octal field holds (8 GiB - 1).
    static let largestOctalSize: Int64 = 0o77777777777

    /// How many bytes pad `size` to a whole number of blocks.
    static func padding(_ size: Int64) -> Int {
        Int((Int64(blockSize) - size % Int64(blockSize)) % Int64(blockSize))
    }

    /// One pax record: `<length> <key>=<value>\n`, where the length counts the whole record, its own digits
    /// included.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n".utf8.count
        var length = body + 1
        while String(length).count + body != length { length = String(length).count + body }
        return Array("\(length) \(key)=\(value)\n".utf8)
    }

    /// The pax records of `data`, by key; nil when a record is malformed.
    static func paxRecords(_ data: [UInt8]) -> [String: String]? {
        var records: [String: String] = [:]
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > space - index,
                length <= data.count - index, data[index + length - 1] == UInt8(ascii: "\n")
            else { return nil }
            let record = data[(space + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            records[String(decoding: record[..<equals], as: UTF8.self)] = String(
                decoding: record[(equals + 1)...], as: UTF8.self)
            index += length
        }
        return records
    }

    /// A numeric field: octal digits (with spaces or NULs around them), or GNU's base-256 form (first byte's
    /// high bit set) for values too large for octal. Nil when it is neither.
    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            // Base-256, big-endian, the first byte's top bit a marker; negative values are not used here.
            guard first & 0x40 == 0 else { return nil }
            var value: Int64 = Int64(first & 0x3F)
            for byte in field.dropFirst() {
                guard value < Int64.max >> 8 else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        let digits = field.drop { $0 == 0x20 || $0 == 0 }.prefix { $0 != 0x20 && $0 != 0 }
        if digits.isEmpty { return 0 }
        var value: Int64 = 0
        for digit in digits {
            guard (0x30...0x37).contains(digit), value < Int64.max >> 3 else { return nil }
            value = value << 3 | Int64(digit - 0x30)
        }
        return value
    }

    /// A NUL-terminated text field.
    static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }
}
