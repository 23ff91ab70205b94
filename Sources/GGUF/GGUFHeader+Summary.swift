/// The facts users ask of a model file, derived from the header.
extension GGUFHeader {
    /// `general.architecture` (selects the `<arch>.` key prefix).
    public var architecture: String? { self["general.architecture"]?.stringValue }
    public var name: String? { self["general.name"]?.stringValue }
    public var basename: String? { self["general.basename"]?.stringValue }
    public var sizeLabel: String? { self["general.size_label"]?.stringValue }
    public var finetune: String? { self["general.finetune"]?.stringValue }
    /// `general.type`: model, adapter, mmproj, imatrix.
    public var fileKind: String? { self["general.type"]?.stringValue }
    public var quantizationVersion: Int64? { self["general.quantization_version"]?.integerValue }

    public var contextLength: Int64? { architectureValue("context_length")?.integerValue }
    public var embeddingLength: Int64? { architectureValue("embedding_length")?.integerValue }
    public var blockCount: Int64? { architectureValue("block_count")?.integerValue }
    /// `attention.head_count`; for a per-layer array, its largest value.
    public var headCount: Int64? { Self.scalarOrMax(architectureValue("attention.head_count")) }
    /// `attention.head_count_kv`; for a per-layer array, its largest value.
    public var headCountKV: Int64? { Self.scalarOrMax(architectureValue("attention.head_count_kv")) }
    /// `<arch>.vocab_size`, else the length of `tokenizer.ggml.tokens`.
    public var vocabularySize: Int64? {
        if let size = architectureValue("vocab_size")?.integerValue { return size }
        return self["tokenizer.ggml.tokens"]?.arrayValue.map { Int64(clamping: $0.count) }
    }
    public var tokenizerModel: String? { self["tokenizer.ggml.model"]?.stringValue }
    public var chatTemplate: String? { self["tokenizer.chat_template"]?.stringValue }
    public var hasChatTemplate: Bool { self["tokenizer.chat_template"] != nil }

    /// `split.no` (0-based) and `split.count` of a sharded model, when present.
    public var split: (index: Int64, count: Int64, tensorTotal: Int64?)? {
        guard let index = self["split.no"]?.integerValue, let count = self["split.count"]?.integerValue else {
            return nil
        }
        return (index, count, self["split.tensors.count"]?.integerValue)
    }

    /// The file type: `general.file_type` (any integer type) named as Ollama names it, or a guess from the
    /// tensor types when the key is absent. `nil` when the stored value is out of range or nothing can be
    /// guessed.
    public var fileType: GGUFFileType? {
        if let stored = self["general.file_type"] {
            guard let value = stored.integerValue, let value32 = UInt32(exactly: value) else { return nil }
            return GGUFFileType(storedValue: value32, architecture: architecture)
        }
        return GGUFFileType.guess(from: tensors)
    }

    /// Σ over tensors of their element counts. Ollama computes this and shows it as
    /// `general.parameter_count`; the file itself does not store it.
    public var parameterCount: UInt64 { tensors.reduce(0) { $0 &+ $1.elementCount } }

    /// Σ over tensors of their data sizes.
    public var tensorBytes: UInt64 { tensors.reduce(0) { $0 &+ $1.byteCount } }

    /// Tensor bytes × 8 / parameters (llama.cpp's definition); `nil` without tensors.
    public var bitsPerWeight: Double? {
        let parameters = parameterCount
        return parameters == 0 ? nil : Double(tensorBytes) * 8 / Double(parameters)
    }

    /// How many tensors have each type, most frequent first (ties by name).
    public var tensorTypeHistogram: [(type: String, count: Int)] {
        var counts: [String: Int] = [:]
        for tensor in tensors { counts[tensor.type.name, default: 0] += 1 }
        return counts.map { (type: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.type) > ($1.count, $0.type) }
    }

    private static func scalarOrMax(_ value: GGUFValue?) -> Int64? {
        guard let value else { return nil }
        if let scalar = value.integerValue { return scalar }
        return value.arrayValue?.elements.compactMap(\.integerValue).max()
    }
}
