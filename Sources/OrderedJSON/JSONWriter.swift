/// Writes `JSONValue` as Python's `json.dumps(value, indent=2)` does (ASCII only, `\uXXXX` escapes with
/// surrogate pairs, separators `","` and `": "`), or compactly with no whitespace at all.
public enum JSONWriter {
    /// The bytes of `json.dumps(value, indent=indent)` (no trailing newline).
    public static func pythonIndented(_ value: JSONValue, indent: Int = 2) -> String {
        var out = ""
        write(value, indent: indent, level: 0, into: &out)
        return out
    }

    /// Compact JSON with no whitespace, keys in their order, strings escaped as `pythonIndented` does.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: nil, level: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int?, level: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(indent, level + 1, &out)
                write(element, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, &out)
            out += "]"
        case .object(let object):
            if object.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += "," }
                newline(indent, level + 1, &out)
                writeString(member.key, into: &out)
                out += indent == nil ? ":" : ": "
                write(member.value, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, &out)
            out += "}"
        }
    }

    private static func newline(_ indent: Int?, _ level: Int, _ out: inout String) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    /// Python's `ensure_ascii` string encoding: every byte outside `' '...'~'` is escaped.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case " "..."~": out.unicodeScalars.append(scalar)
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
        out += "\""
    }

    private static func hex4(_ value: UInt32, _ out: inout String) {
        let digits = String(value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
