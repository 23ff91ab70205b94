/// Writes `JSONValue` as Python's `json.dumps(value, indent=2)` does (ASCII only, `\uXXXX` escapes with
/// surrogate pairs, separators `","` and `": "`), or compactly with no whitespace at all.
public enum JSONWriter {
    /// The bytes of `json.dumps(value, indent=indent)` (no trailing newline).
    /// - Parameter level: the nesting level the value sits at, for writing a large document piece by piece
    ///   (its inner lines are indented as if it were inside `level` containers).
    public static func pythonIndented(_ value: JSONValue, indent: Int = 2, level: Int = 0) -> String {
        var out: [UInt8] = []
        write(value, indent: indent, level: level, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Compact JSON with no whitespace, keys in their order, strings escaped as `pythonIndented` does.
    public static func compact(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        write(value, indent: nil, level: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // The output is built as bytes: every byte written is ASCII, and appending bytes to an array is several
    // times faster than appending to a String, which matters for `models --json` on large stores.
    private static func write(_ value: JSONValue, indent: Int?, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let n): out += n.text.utf8
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]".utf8
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent, level + 1, &out)
                write(element, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                out += "{}".utf8
                return
            }
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent, level + 1, &out)
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                write(member.value, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ indent: Int?, _ level: Int, _ out: inout [UInt8]) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    /// Python's `ensure_ascii` string encoding: every byte outside `' '...'~'` is escaped.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (names, paths, digests) need no escape at all: copy their bytes in one go.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7e && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += s.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
            case "\u{08}": out += "\\b".utf8
            case "\u{0C}": out += "\\f".utf8
            case " "..."~": out.append(UInt8(scalar.value))
            default:
                if scalar.value > 0xFFFF {
                    let v = scalar.value - 0x10000
                    hex4(0xD800 + (v >> 10), &out)
                    hex4(0xDC00 + (v & 0x3FF), &out)
                } else {
                    hex4(scalar.value, &out)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hex4(_ value: UInt32, _ out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out += "\\u".utf8
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
