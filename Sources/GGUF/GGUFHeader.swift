/// Everything a GGUF file says before its tensor data: version, byte order, metadata and tensor infos.
public struct GGUFHeader: Sendable {
    /// One metadata entry, in file order.
    public struct KeyValue: Sendable, Equatable {
        public var key: String
        public var value: GGUFValue
        /// Offset of the entry's key in the file.
        public var offset: Int64
    }

    public enum ByteOrder: String, Sendable {
        case littleEndian = "little"
        case bigEndian = "big"
    }

    /// The file the header was read from.
    public var path: String
    public var fileSize: Int64
    public var version: UInt32
    public var byteOrder: ByteOrder
    /// Metadata in file order (GGUF's `metadata_kv`).
    public var metadata: [KeyValue]
    public var tensors: [GGUFTensorInfo]
    /// `general.alignment`, or 32 when absent.
    public var alignment: UInt64
    /// Where the tensor infos end.
    public var tensorInfoEnd: Int64
    /// Where the tensor data starts: the end of the tensor infos rounded up to the alignment.
    public var dataOffset: Int64
    /// Facts that do not stop the header from being read but that a user should see (tensor data past the
    /// end of the file, misaligned tensor offsets, an out-of-range `general.file_type`).
    public var problems: [String]

    private var index: [String: Int]

    init(
        path: String, fileSize: Int64, version: UInt32, byteOrder: ByteOrder, metadata: [KeyValue],
        tensors: [GGUFTensorInfo], alignment: UInt64, tensorInfoEnd: Int64, dataOffset: Int64, problems: [String]
    ) {
        self.path = path
        self.fileSize = fileSize
        self.version = version
        self.byteOrder = byteOrder
        self.metadata = metadata
        self.tensors = tensors
        self.alignment = alignment
        self.tensorInfoEnd = tensorInfoEnd
        self.dataOffset = dataOffset
        self.problems = problems
        var index: [String: Int] = [:]
        for (i, kv) in metadata.enumerated() { index[kv.key] = i }
        self.index = index
    }

    /// GGUF's `metadata_kv_count`.
    public var metadataCount: Int { metadata.count }

    /// The value stored under `key` exactly.
    public subscript(key: String) -> GGUFValue? {
        index[key].map { metadata[$0].value }
    }

    /// The value under `<general.architecture>.<suffix>` (e.g. `context_length`), as Ollama's lookups prefix
    /// every key that does not start with `general.` or `tokenizer.`.
    public func architectureValue(_ suffix: String) -> GGUFValue? {
        guard let architecture else { return nil }
        return self["\(architecture).\(suffix)"]
    }

    /// Whether `<general.architecture>.<suffix>` is present, whatever its type.
    public func hasArchitectureKey(_ suffix: String) -> Bool { architectureValue(suffix) != nil }
}
