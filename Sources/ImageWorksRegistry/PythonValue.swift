import OrderedJSON

/// The few Python conversions the original registry loader applies to raw JSON values (`str()`, `int()`,
/// `bool()`, `list(v or [])`, `dict(v)`), so that the project reads every entry to exactly the value the
/// original would have written back. Each conversion that Python would have failed on returns nil.
public enum PythonValue {
    /// Python truthiness: `null`, `false`, zero, `""`, `[]` and `{}` are false.
    public static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n.isInteger ? n.text != "0" : n.doubleValue != 0
        case .string(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        }
    }

    /// `str(v)`: a string as is, numbers as Python prints them, `True`/`False`/`None`, containers as their
    /// Python `repr`.
    public static func str(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        default: return repr(value)
        }
    }

    /// Python's `repr` of the value `json.loads` would have produced.
    static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .number(let n):
            return n.text == "NaN" ? "nan" : n.text == "Infinity" ? "inf" : n.text == "-Infinity" ? "-inf" : n.text
        case .string(let s): return reprString(s)
        case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { reprString($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    private static func reprString(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + String(quote)
    }

    /// `int(v)`: booleans, integers, floats (truncated toward zero) and decimal strings (surrounding
    /// whitespace, a sign and `_` between digits allowed); nil where Python raises.
    static func int(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .bool(let b): return .integer(b ? 1 : 0)
        case .number(let n):
            if n.isInteger { return value }
            let d = n.doubleValue
            guard d.isFinite else { return nil }
            let truncated = d.rounded(.towardZero)
            if abs(truncated) < 9e18 { return .integer(Int64(truncated)) }
            return nil
        case .string(let s):
            var text = Substring(s.trimmingPythonWhitespace())
            var sign = ""
            if let first = text.first, first == "+" || first == "-" {
                if first == "-" { sign = "-" }
                text = text.dropFirst()
            }
            guard let first = text.first, let last = text.last, first.isASCIIDigit, last.isASCIIDigit,
                text.allSatisfy({ $0.isASCIIDigit || $0 == "_" }), !text.contains("__")
            else { return nil }
            var digits = String(text.filter { $0 != "_" }).drop { $0 == "0" }
            if digits.isEmpty { digits = "0" }
            let canonical = (digits == "0" ? "" : sign) + digits
            if let small = Int64(canonical) { return .integer(small) }
            return try? JSONReader.parse(canonical)
        default: return nil
        }
    }

    /// `list(v or [])`: an array as is; a falsy value gives `[]`; a string gives its characters and an object
    /// its keys, as Python iterates them; nil where Python raises (`true`, a non-zero number).
    static func list(_ value: JSONValue) -> [JSONValue]? {
        if !truthy(value) { return [] }
        switch value {
        case .array(let items): return items
        case .string(let s): return s.map { .string(String($0)) }
        case .object(let object): return object.keys.map(JSONValue.string)
        default: return nil
        }
    }

    /// `dict(v)`: an object as is; an array of two-element arrays as key/value pairs (keys converted as
    /// `json.dumps` converts them); nil where Python raises. `dict(v or {})` callers map falsy values first.
    static func dict(_ value: JSONValue) -> JSONObject? {
        switch value {
        case .object(let object): return object
        case .array(let pairs):
            var object = JSONObject()
            for pair in pairs {
                guard case .array(let kv) = pair, kv.count == 2, let key = jsonKey(kv[0]) else { return nil }
                object[key] = kv[1]
            }
            return object
        default: return nil
        }
    }

    /// How `json.dumps` writes a non-string dictionary key; nil for keys Python cannot hash or dump.
    private static func jsonKey(_ key: JSONValue) -> String? {
        switch key {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.text
        case .array, .object: return nil
        }
    }
}

extension String {
    /// Python's `str.strip()` for the whitespace a registry can contain (ASCII whitespace and the Unicode
    /// spaces `str.isspace` knows).
    public func trimmingPythonWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isPythonWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isPythonWhitespace })!
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0d, 0x1c...0x20, 0x85, 0xa0, 0x1680, 0x2000...0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
            return true
        default: return false
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
