import GGUF

/// Writes GGUF files byte by byte: any version (1 to 3), either byte order, any metadata and tensor infos,
/// followed by deterministic tensor data. Tests build valid files with it and then break one field.
public struct GGUFBuilder {
    public struct Tensor {
        public var name: String
        public var dimensions: [UInt64]
        public var typeID: UInt32
        public init(_ name: String, _ dimensions: [UInt64], typeID: UInt32) {
            self.name = name
            self.dimensions = dimensions
            self.typeID = typeID
        }
    }

    public var version: UInt32 = 3
    public var isBigEndian = false
    /// Write the magic as the u32 `FUGG` of pre-v3 big-endian writers instead of the bytes `GGUF`.
    public var usesSwappedMagic = false
    public var metadata: [(key: String, value: GGUFValue)] = []
    public var tensors: [Tensor] = []
    /// Whether to append the tensor data (a header-only file otherwise).
    public var includesTensorData = true

    public init() {}

    /// The alignment the file uses: `general.alignment` if set (as u32), else 32.
    public var alignment: UInt64 {
        if case .uint32(let a)? = metadata.first(where: { $0.key == "general.alignment" })?.value, a > 0 {
            return UInt64(a)
        }
        return 32
    }

    public mutating func add(_ key: String, _ value: GGUFValue) { metadata.append((key, value)) }

    /// The byte size of a tensor's data. Wrapping arithmetic: tests build hostile files whose sizes overflow.
    public static func byteCount(of tensor: Tensor) -> UInt64 {
        guard let type = GGMLType(id: tensor.typeID) else { return 0 }
        return tensor.dimensions.reduce(1, &*) / type.blockSize &* type.typeSize
    }

    /// The complete file.
    public func build() -> [UInt8] {
        var out = Writer(isBigEndian: isBigEndian, version: version)
        if usesSwappedMagic {
            out.bytes += Array("FUGG".utf8)
        } else {
            out.bytes += Array("GGUF".utf8)
        }
        out.u32(version)
        out.count(UInt64(tensors.count))
        out.count(UInt64(metadata.count))
        for (key, value) in metadata {
            out.string(key)
            out.u32(value.type.rawValue)
            out.value(value)
        }
        var offsets: [UInt64] = []
        var next: UInt64 = 0
        for tensor in tensors {
            offsets.append(next)
            let size = Self.byteCount(of: tensor)
            next &+= (size &+ alignment &- 1) / alignment &* alignment
        }
        for (tensor, offset) in zip(tensors, offsets) {
            out.string(tensor.name)
            out.u32(UInt32(tensor.dimensions.count))
            for d in tensor.dimensions { out.count(d) }
            out.u32(tensor.typeID)
            out.u64(offset)
        }
        guard includesTensorData else { return out.bytes }
        while UInt64(out.bytes.count) % alignment != 0 { out.bytes.append(0) }
        let dataStart = out.bytes.count
        for (tensor, offset) in zip(tensors, offsets) {
            while UInt64(out.bytes.count - dataStart) < offset { out.bytes.append(0) }
            var random = DeterministicBytes(seed: tensor.name)
            out.bytes += random.next(Int(Self.byteCount(of: tensor)))
        }
        while UInt64(out.bytes.count - dataStart) < next { out.bytes.append(0) }
        return out.bytes
    }

    private struct Writer {
        var bytes: [UInt8] = []
        let isBigEndian: Bool
        let version: UInt32

        mutating func integer<T: FixedWidthInteger>(_ v: T) {
            let ordered = isBigEndian ? v.bigEndian : v.littleEndian
            withUnsafeBytes(of: ordered) { bytes += $0 }
        }
        mutating func u32(_ v: UInt32) { integer(v) }
        mutating func u64(_ v: UInt64) { integer(v) }
        mutating func count(_ v: UInt64) { version == 1 ? integer(UInt32(v)) : integer(v) }
        mutating func string(_ s: String) {
            count(UInt64(s.utf8.count))
            bytes += Array(s.utf8)
        }
        mutating func value(_ value: GGUFValue) {
            switch value {
            case .uint8(let v): integer(v)
            case .int8(let v): integer(v)
            case .uint16(let v): integer(v)
            case .int16(let v): integer(v)
            case .uint32(let v): integer(v)
            case .int32(let v): integer(v)
            case .float32(let v): integer(v.bitPattern)
            case .bool(let v): bytes.append(v ? 1 : 0)
            case .string(let s): string(s.value)
            case .uint64(let v): integer(v)
            case .int64(let v): integer(v)
            case .float64(let v): integer(v.bitPattern)
            case .array(let a):
                u32(a.elementType.rawValue)
                count(a.count)
                // Elements carry no type tag of their own, nested arrays included.
                for element in a.elements { self.value(element) }
            }
        }
    }
}

extension GGUFValue {
    /// A string value.
    public static func text(_ s: String) -> GGUFValue { .string(GGUFString(s)) }

    /// An array of strings.
    public static func strings(_ values: [String]) -> GGUFValue {
        .array(GGUFArray(elementType: .string, count: UInt64(values.count), elements: values.map { .text($0) }))
    }

    /// An array of values of one type.
    public static func array(of type: GGUFValueType, _ values: [GGUFValue]) -> GGUFValue {
        .array(GGUFArray(elementType: type, count: UInt64(values.count), elements: values))
    }
}
