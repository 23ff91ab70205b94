import FileIO

/// Reads the header of a GGUF file (versions 1 to 3, either byte order) without touching its tensor data.
///
/// Every count and length is checked against the bytes left in the file before anything is read or
/// allocated, so truncated or hostile files give a `GGUFError` naming the field and offset, never a crash or
/// a hang. Large arrays are skipped past (their lengths read, their payload not), so a 5 GB model costs the
/// same as its few-MB header.
public struct GGUFReader {
    /// Caps on what is kept in memory. They limit the values returned, not what is validated.
    public struct Options: Sendable {
        /// Elements kept per array (the rest are skipped but still bounds-checked).
        public var keptArrayElements: Int
        /// Bytes kept per string; a longer string keeps its first bytes.
        public var keptStringBytes: Int
        /// Size of the read buffer.
        public var bufferSize: Int

        public init(keptArrayElements: Int = 1024, keptStringBytes: Int = 1 << 20, bufferSize: Int = 1 << 20) {
            self.keptArrayElements = keptArrayElements
            self.keptStringBytes = keptStringBytes
            self.bufferSize = bufferSize
        }

        /// Keeps every element and every string whole (for `--verbose` listings).
        public static let everything = Options(keptArrayElements: .max, keptStringBytes: .max)
    }

    /// Strings longer than this are refused (ggml's sanity cap).
    public static let maximumStringLength: UInt64 = 1 << 30
    /// Arrays with more elements than this are refused (ggml's sanity cap).
    public static let maximumArrayCount: UInt64 = 1 << 30
    /// Arrays nested deeper than this are refused.
    public static let maximumArrayDepth = 8
    /// ggml's `GGML_MAX_DIMS`.
    public static let maximumDimensions: UInt32 = 4
    /// ggml's `GGML_MAX_NAME`: tensor names are shorter than this.
    public static let maximumTensorNameLength = 64

    private let options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads the header of the file at `path`.
    public func readHeader(atPath path: String) throws(GGUFError) -> GGUFHeader {
        let file: ReadOnlyFile
        do {
            file = try ReadOnlyFile(path: path)
        } catch {
            throw GGUFError.io(error)
        }
        defer { file.close() }
        return try readHeader(from: try FileByteSource(file: file))
    }

    /// Reads the header from any byte source.
    public func readHeader(from source: any ByteSource) throws(GGUFError) -> GGUFHeader {
        var parse = Parse(cursor: ByteCursor(source: source, bufferSize: options.bufferSize), options: options)
        return try parse.header()
    }
}

/// One pass over one file.
private struct Parse {
    let cursor: ByteCursor
    let options: GGUFReader.Options
    var version: UInt32 = 0
    var path: String { cursor.source.name }

    init(cursor: ByteCursor, options: GGUFReader.Options) {
        self.cursor = cursor
        self.options = options
    }

    func invalid(_ field: String, _ reason: String, at offset: Int64? = nil) -> GGUFError {
        .invalid(path: path, field: field, offset: offset ?? cursor.offset, reason: reason)
    }

    /// Counts and lengths are u32 in version 1 and u64 after it.
    func readCount(for field: @autoclosure () -> String) throws(GGUFError) -> UInt64 {
        version == 1 ? UInt64(try cursor.readUInt32(for: field())) : try cursor.readUInt64(for: field())
    }

    var countSize: UInt64 { version == 1 ? 4 : 8 }

    mutating func header() throws(GGUFError) -> GGUFHeader {
        // Magic: the bytes "GGUF"; "FUGG" is a pre-v3 big-endian writer's u32 magic.
        let magic = try readMagic()
        let versionOffset = cursor.offset
        let rawVersion = try cursor.readUInt32(for: "version")
        var byteOrder = GGUFHeader.ByteOrder.littleEndian
        if magic == Array("FUGG".utf8) || rawVersion & 0xFFFF == 0 {
            // A version whose low 16 bits are zero was written in the other byte order (ggml's rule).
            byteOrder = .bigEndian
            cursor.isBigEndian = true
        }
        version = byteOrder == .bigEndian ? rawVersion.byteSwapped : rawVersion
        guard (1...3).contains(version) else {
            if version == 0 { throw invalid("version", "version 0 is invalid", at: versionOffset) }
            throw GGUFError.unsupportedVersion(path: path, version: version)
        }

        let tensorCountOffset = cursor.offset
        let tensorCount = try readCount(for: "tensor_count")
        let kvCountOffset = cursor.offset
        let kvCount = try readCount(for: "metadata_kv_count")
        // The smallest possible entries: a 1-byte key, a type and a 1-byte value; a 1-byte name with no
        // dimensions, a type and an offset.
        let smallestKV = countSize + 1 + 4 + 1
        let smallestTensor = countSize + 1 + 4 + 4 + 8
        let left = UInt64(max(cursor.remaining, 0))
        guard kvCount <= left / smallestKV else {
            throw invalid(
                "metadata_kv_count", "\(kvCount) entries cannot fit in the \(left) bytes left", at: kvCountOffset)
        }
        guard tensorCount <= left / smallestTensor else {
            throw invalid(
                "tensor_count", "\(tensorCount) tensors cannot fit in the \(left) bytes left", at: tensorCountOffset)
        }

        var metadata: [GGUFHeader.KeyValue] = []
        metadata.reserveCapacity(Int(kvCount))
        var seenKeys = Set<String>()
        for i in 0..<Int(kvCount) {
            let keyOffset = cursor.offset
            let key = try readString(field: "key of metadata entry \(i)", keep: Int.max)
            guard !key.value.isEmpty else { throw invalid("key of metadata entry \(i)", "empty key", at: keyOffset) }
            guard seenKeys.insert(key.value).inserted else {
                throw invalid("key of metadata entry \(i)", "duplicate key \(key.value)", at: keyOffset)
            }
            let typeOffset = cursor.offset
            let typeID = try cursor.readUInt32(for: "\(key.value): value type")
            guard let type = GGUFValueType(rawValue: typeID) else {
                throw invalid(
                    "\(key.value): value type", "unknown type id \(typeID) (0 to 12 are valid)", at: typeOffset)
            }
            let value = try readValue(type, field: key.value, depth: 0)
            metadata.append(.init(key: key.value, value: value, offset: keyOffset))
        }

        var alignment: UInt64 = 32
        if let entry = metadata.first(where: { $0.key == "general.alignment" }) {
            guard case .uint32(let a) = entry.value else {
                throw invalid("general.alignment", "must be UINT32, found \(entry.value.type)", at: entry.offset)
            }
            guard a != 0 && a & (a - 1) == 0 else {
                throw invalid("general.alignment", "\(a) is not a power of two", at: entry.offset)
            }
            alignment = UInt64(a)
        }

        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(Int(tensorCount))
        var seenNames = Set<String>()
        for i in 0..<Int(tensorCount) {
            tensors.append(try readTensorInfo(index: i, seenNames: &seenNames))
        }

        let tensorInfoEnd = cursor.offset
        let end = UInt64(tensorInfoEnd)
        let dataOffset = Int64(end + (alignment - end % alignment) % alignment)
        var problems: [String] = []
        if case .some(let stored) = metadata.first(where: { $0.key == "general.file_type" })?.value {
            if stored.integerValue.flatMap({ UInt32(exactly: $0) }) == nil {
                problems.append("general.file_type: \(stored) is not a file type number")
            }
        }
        var dataEnd: UInt64 = 0
        for tensor in tensors {
            if tensor.offset % alignment != 0 {
                problems.append(
                    "tensor \(tensor.name): offset \(tensor.offset) is not a multiple of the alignment \(alignment)")
            }
            let (tensorEnd, overflow) = tensor.offset.addingReportingOverflow(tensor.byteCount)
            dataEnd = overflow ? .max : max(dataEnd, tensorEnd)
        }
        let (fileEnd, overflow) = UInt64(dataOffset).addingReportingOverflow(dataEnd)
        if overflow || fileEnd > UInt64(cursor.source.size) {
            problems.append(
                "tensor data ends at offset \(overflow ? "beyond 2^64" : String(fileEnd)) but the file has \(cursor.source.size) bytes (truncated)"
            )
        }
        return GGUFHeader(
            path: path, fileSize: cursor.source.size, version: version, byteOrder: byteOrder, metadata: metadata,
            tensors: tensors, alignment: alignment, tensorInfoEnd: tensorInfoEnd, dataOffset: dataOffset,
            problems: problems)
    }

    func readMagic() throws(GGUFError) -> [UInt8] {
        let available = Int(min(cursor.remaining, 4))
        let magic = try cursor.readBytes(available, for: "magic")
        guard magic == Array("GGUF".utf8) || magic == Array("FUGG".utf8) else {
            throw GGUFError.notGGUF(path: path, magic: magic)
        }
        return magic
    }

    /// A string's length, checked against the cap before anything is read.
    func readStringLength(field: @autoclosure () -> String) throws(GGUFError) -> UInt64 {
        let lengthOffset = cursor.offset
        let length = try readCount(for: field() + ": string length")
        guard length <= GGUFReader.maximumStringLength else {
            throw invalid(
                field(), "string length \(length) exceeds the cap of \(GGUFReader.maximumStringLength)",
                at: lengthOffset)
        }
        return length
    }

    func readString(field: @autoclosure () -> String, keep: Int) throws(GGUFError) -> GGUFString {
        let length = try readStringLength(field: field())
        try cursor.require(length, for: field())
        let kept = Int(min(length, UInt64(keep)))
        let bytes = try cursor.readBytes(kept, for: field())
        if UInt64(kept) < length { try cursor.skip(length - UInt64(kept), for: field()) }
        let text = String(decoding: bytes, as: UTF8.self)
        return kept == length ? GGUFString(text) : GGUFString(prefix: text, length: length)
    }

    func readValue(_ type: GGUFValueType, field: String, depth: Int) throws(GGUFError) -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try cursor.readUInt8(for: field))
        case .int8: return .int8(Int8(bitPattern: try cursor.readUInt8(for: field)))
        case .uint16: return .uint16(try cursor.readUInt16(for: field))
        case .int16: return .int16(Int16(bitPattern: try cursor.readUInt16(for: field)))
        case .uint32: return .uint32(try cursor.readUInt32(for: field))
        case .int32: return .int32(Int32(bitPattern: try cursor.readUInt32(for: field)))
        case .float32: return .float32(Float(bitPattern: try cursor.readUInt32(for: field)))
        case .uint64: return .uint64(try cursor.readUInt64(for: field))
        case .int64: return .int64(Int64(bitPattern: try cursor.readUInt64(for: field)))
        case .float64: return .float64(Double(bitPattern: try cursor.readUInt64(for: field)))
        case .bool:
            let offset = cursor.offset
            let byte = try cursor.readUInt8(for: field)
            guard byte <= 1 else { throw invalid(field, "bool value \(byte) is neither 0 nor 1", at: offset) }
            return .bool(byte == 1)
        case .string:
            return .string(try readString(field: field, keep: options.keptStringBytes))
        case .array:
            return .array(try readArray(field: field, depth: depth + 1))
        }
    }

    func readArray(field: String, depth: Int) throws(GGUFError) -> GGUFArray {
        let typeOffset = cursor.offset
        guard depth <= GGUFReader.maximumArrayDepth else {
            throw invalid(field, "arrays nested deeper than \(GGUFReader.maximumArrayDepth) levels", at: typeOffset)
        }
        let typeID = try cursor.readUInt32(for: field + ": array element type")
        guard let elementType = GGUFValueType(rawValue: typeID) else {
            throw invalid(field, "unknown array element type id \(typeID) (0 to 12 are valid)", at: typeOffset)
        }
        let countOffset = cursor.offset
        let count = try readCount(for: field + ": array length")
        guard count <= GGUFReader.maximumArrayCount else {
            throw invalid(
                field, "array length \(count) exceeds the cap of \(GGUFReader.maximumArrayCount)", at: countOffset)
        }
        let smallest = UInt64(elementType.fixedSize ?? Int(elementType == .string ? countSize : 4 + countSize))
        let left = UInt64(max(cursor.remaining, 0))
        guard count <= left / smallest else {
            throw GGUFError.truncated(
                path: path, field: "\(field): \(count) elements of \(elementType)", offset: cursor.offset,
                needed: count.multipliedReportingOverflow(by: smallest).overflow ? .max : count * smallest,
                remaining: cursor.remaining)
        }
        let kept = Int(min(count, UInt64(options.keptArrayElements)))
        var elements: [GGUFValue] = []
        elements.reserveCapacity(kept)
        for i in 0..<kept {
            elements.append(try readValue(elementType, field: "\(field)[\(i)]", depth: depth))
        }
        let rest = count - UInt64(kept)
        if rest > 0 {
            if let size = elementType.fixedSize {
                try cursor.skip(rest * UInt64(size), for: "\(field)[\(kept)...]")
            } else {
                var i = UInt64(kept)
                while i < count {
                    if elementType == .string {
                        i += cursor.skipStrings(
                            count: count - i, lengthSize: Int(countSize), maximumLength: GGUFReader.maximumStringLength)
                        if i == count { break }
                    }
                    // An array element, or the string the fast pass stopped at (this names its error).
                    try skipValue(elementType, field: "\(field)[\(i)]", depth: depth)
                    i += 1
                }
            }
        }
        return GGUFArray(elementType: elementType, count: count, elements: elements)
    }

    /// Bounds-checks and passes over one string or array element without keeping it.
    func skipValue(_ type: GGUFValueType, field: @autoclosure () -> String, depth: Int) throws(GGUFError) {
        if type == .string {
            try cursor.skip(try readStringLength(field: field()), for: field())
        } else {
            _ = try readArray(field: field(), depth: depth + 1)
        }
    }

    func readTensorInfo(index: Int, seenNames: inout Set<String>) throws(GGUFError) -> GGUFTensorInfo {
        let nameOffset = cursor.offset
        let name = try readString(field: "name of tensor \(index)", keep: Int.max).value
        guard name.utf8.count < GGUFReader.maximumTensorNameLength else {
            throw invalid(
                "name of tensor \(index)", "tensor name is \(name.utf8.count) bytes, the limit is 63", at: nameOffset)
        }
        guard seenNames.insert(name).inserted else {
            throw invalid("name of tensor \(index)", "duplicate tensor name \(name)", at: nameOffset)
        }
        let dimsOffset = cursor.offset
        let dimensionCount = try cursor.readUInt32(for: "tensor \(name): n_dims")
        guard dimensionCount <= GGUFReader.maximumDimensions else {
            throw invalid(
                "tensor \(name): n_dims", "\(dimensionCount) dimensions, at most 4 are allowed", at: dimsOffset)
        }
        var dimensions: [UInt64] = []
        var elements: UInt64 = 1
        for d in 0..<Int(dimensionCount) {
            let dimOffset = cursor.offset
            let dim = try readCount(for: "tensor \(name): dims[\(d)]")
            guard dim <= UInt64(Int64.max) else {
                throw invalid(
                    "tensor \(name): dims[\(d)]", "dimension \(dim) is negative as a signed value", at: dimOffset)
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: dim)
            guard !overflow else {
                throw invalid("tensor \(name): dims", "element count overflows 64 bits", at: dimOffset)
            }
            elements = product
            dimensions.append(dim)
        }
        let typeOffset = cursor.offset
        let typeID = try cursor.readUInt32(for: "tensor \(name): type")
        guard let type = GGMLType(id: typeID) else {
            throw invalid("tensor \(name): type", "unknown or removed ggml type id \(typeID)", at: typeOffset)
        }
        if let first = dimensions.first, first % type.blockSize != 0 {
            throw invalid(
                "tensor \(name): dims[0]",
                "\(first) is not a multiple of the \(type.name) block size \(type.blockSize)",
                at: dimsOffset + 4)
        }
        guard !(elements / type.blockSize).multipliedReportingOverflow(by: type.typeSize).overflow else {
            throw invalid("tensor \(name): dims", "data size overflows 64 bits", at: dimsOffset)
        }
        let offset = try cursor.readUInt64(for: "tensor \(name): offset")
        return GGUFTensorInfo(name: name, dimensions: dimensions, type: type, offset: offset)
    }
}
