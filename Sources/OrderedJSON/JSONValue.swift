/// A JSON value that keeps the order of object members as they were read or built.
///
/// Foundation's `JSONSerialization` and `Codable` lose member order, and none of the packages available to
/// this project offer an order-preserving JSON type; the ImageWorks registry must round-trip byte for byte,
/// so this small type and its reader and writer are written by hand.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An integer value.
    public static func integer(_ value: Int64) -> JSONValue { .number(JSONNumber(value)) }

    /// A floating-point value.
    public static func double(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, if this is a number with an integral value that fits in 64 bits.
    public var int64Value: Int64? {
        if case .number(let n) = self { return n.int64Value }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        if case .number(let n) = self { return n.doubleValue }
        return nil
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// The member `key` of an object (`nil` for a missing key or a value that is not an object).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// The members of a JSON object in order. Keys are unique: setting an existing key replaces its value in
/// place, which is what Python's `dict` does when `json.loads` meets a duplicate key.
public struct JSONObject: Equatable, Sendable {
    /// One key and its value.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member] = []

    public init() {}

    /// Builds an object from pairs in order; a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; assigning `nil` removes the member, assigning a value appends or replaces it.
    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The value Go's `encoding/json` would decode into a struct field named `name`.
    ///
    /// Go matches object keys to field names case-insensitively, and when several keys match, the last one
    /// in the document wins. Ollama reads manifests and config blobs that way.
    public func goField(_ name: String) -> JSONValue? {
        let folded = name.lowercased()
        return members.last(where: { $0.key == name || $0.key.lowercased() == folded })?.value
    }
}

/// A JSON number, kept in the canonical text Python gives it after `json.loads`: an integer as its exact
/// decimal digits (Python integers are unbounded), a float as Python's `repr`.
public struct JSONNumber: Equatable, Sendable, CustomStringConvertible {
    /// The canonical text, as Python's `json.dumps` writes it.
    public let text: String
    /// Whether the literal was an integer (no fraction, no exponent).
    public let isInteger: Bool

    public init(_ value: Int64) {
        text = String(value)
        isInteger = true
    }

    public init(_ value: Double) {
        text = JSONNumber.pythonRepr(value)
        isInteger = false
    }

    init(integerDigits: String) {
        text = integerDigits
        isInteger = true
    }

    /// The value as an `Int64`, if it is an integer that fits.
    public var int64Value: Int64? { isInteger ? Int64(text) : nil }

    /// The value as a `Double` (an integer is converted, possibly with rounding).
    public var doubleValue: Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text) ?? .nan
        }
    }

    public var description: String { text }

    /// Python's `repr(float)`: the shortest text that reads back as the same double, in fixed notation for
    /// exponents from -4 to 15 and in `1e+16` style outside them; JSON's `NaN` and `Infinity` for the rest.
    static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        // Swift's description is the same shortest round-trip digits with the same exponent thresholds as
        // Python's repr; the tests compare the two on many values.
        return value.description
    }
}

extension JSONValue {
    /// The string, or `null` for `nil`.
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The integer, or `null` for `nil`.
    public static func optional(_ value: Int64?) -> JSONValue { value.map { .integer($0) } ?? .null }
}
