/// A metadata value as read from the header.
public indirect enum GGUFValue: Equatable, Sendable {
    case uint8(UInt8)
    case int8(Int8)
    case uint16(UInt16)
    case int16(Int16)
    case uint32(UInt32)
    case int32(Int32)
    case float32(Float)
    case bool(Bool)
    case string(GGUFString)
    case array(GGUFArray)
    case uint64(UInt64)
    case int64(Int64)
    case float64(Double)

    /// The value's type tag.
    public var type: GGUFValueType {
        switch self {
        case .uint8: return .uint8
        case .int8: return .int8
        case .uint16: return .uint16
        case .int16: return .int16
        case .uint32: return .uint32
        case .int32: return .int32
        case .float32: return .float32
        case .bool: return .bool
        case .string: return .string
        case .array: return .array
        case .uint64: return .uint64
        case .int64: return .int64
        case .float64: return .float64
        }
    }

    /// The value of any integer type, widened; `nil` for other types and for a `UInt64` above `Int64.max`.
    ///
    /// Writers disagree on integer widths (llama.cpp writes u32 where the spec suggests u64), so readers
    /// accept every integer type.
    public var integerValue: Int64? {
        switch self {
        case .uint8(let v): return Int64(v)
        case .int8(let v): return Int64(v)
        case .uint16(let v): return Int64(v)
        case .int16(let v): return Int64(v)
        case .uint32(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .uint64(let v): return Int64(exactly: v)
        case .int64(let v): return v
        default: return nil
        }
    }

    /// The string, if this is a string value (possibly cut, see `GGUFString`).
    public var stringValue: String? {
        if case .string(let s) = self { return s.value }
        return nil
    }

    /// The Boolean, if this is a bool value.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The array, if this is an array value.
    public var arrayValue: GGUFArray? {
        if case .array(let a) = self { return a }
        return nil
    }
}

/// A string value. Strings longer than the reader's cap keep only their first bytes: `length` is the full
/// length on disk and `isComplete` says whether `value` holds all of it.
public struct GGUFString: Equatable, Sendable, CustomStringConvertible {
    public var value: String
    public var length: UInt64
    public var isComplete: Bool { UInt64(value.utf8.count) == length }

    public init(_ value: String) {
        self.value = value
        self.length = UInt64(value.utf8.count)
    }

    init(prefix: String, length: UInt64) {
        self.value = prefix
        self.length = length
    }

    public var description: String { value }
}

/// An array value. Only the first elements are kept (the reader's cap); `count` is the full element count
/// on disk, so a 150,000-token vocabulary costs its length fields, not its strings.
public struct GGUFArray: Equatable, Sendable {
    public var elementType: GGUFValueType
    public var count: UInt64
    public var elements: [GGUFValue]
    public var isComplete: Bool { UInt64(elements.count) == count }

    public init(elementType: GGUFValueType, count: UInt64, elements: [GGUFValue]) {
        self.elementType = elementType
        self.count = count
        self.elements = elements
    }
}
