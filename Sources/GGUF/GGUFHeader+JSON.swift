import OrderedJSON

extension GGUFValue {
    /// The value as JSON: numbers as numbers, strings as strings, arrays as their kept elements.
    public var jsonValue: JSONValue {
        switch self {
        case .uint8(let v): return .integer(Int64(v))
        case .int8(let v): return .integer(Int64(v))
        case .uint16(let v): return .integer(Int64(v))
        case .int16(let v): return .integer(Int64(v))
        case .uint32(let v): return .integer(Int64(v))
        case .int32(let v): return .integer(Int64(v))
        case .uint64(let v): return Int64(exactly: v).map { .integer($0) } ?? .double(Double(v))
        case .int64(let v): return .integer(v)
        case .float32(let v): return .double(Double(v))
        case .float64(let v): return .double(v)
        case .bool(let v): return .bool(v)
        case .string(let s): return .string(s.value)
        case .array(let a): return .array(a.elements.map(\.jsonValue))
        }
    }
}

extension GGUFHeader {
    /// The report `ollama-scan gguf --json` prints: the summary fields, then the metadata (arrays cut to
    /// their kept elements, with their full length), then the tensors when `includeTensors`.
    public func jsonReport(includeTensors: Bool) -> JSONValue {
        let fileType = self.fileType
        var report = JSONObject([
            ("path", .string(path)), ("file_size", .integer(fileSize)), ("version", .integer(Int64(version))),
            ("endianness", .string(byteOrder.rawValue)), ("alignment", .integer(Int64(alignment))),
            ("tensor_info_end", .integer(tensorInfoEnd)), ("data_offset", .integer(dataOffset)),
            ("tensor_count", .integer(Int64(tensors.count))), ("kv_count", .integer(Int64(metadataCount))),
            ("architecture", JSONValue.optional(architecture)), ("type", JSONValue.optional(fileKind)),
            ("name", JSONValue.optional(name)),
            ("basename", JSONValue.optional(basename)), ("size_label", JSONValue.optional(sizeLabel)),
            ("finetune", JSONValue.optional(finetune)),
            ("file_type", JSONValue.optional(self["general.file_type"]?.integerValue)),
            ("file_type_name", JSONValue.optional(fileType?.name)),
            ("file_type_guessed", .bool(fileType?.isGuessed ?? false)),
            ("quantization_version", JSONValue.optional(quantizationVersion)),
            ("context_length", JSONValue.optional(contextLength)),
            ("embedding_length", JSONValue.optional(embeddingLength)), ("block_count", JSONValue.optional(blockCount)),
            ("head_count", JSONValue.optional(headCount)), ("head_count_kv", JSONValue.optional(headCountKV)),
            ("vocab_size", JSONValue.optional(vocabularySize)), ("tokenizer_model", JSONValue.optional(tokenizerModel)),
            ("parameter_count", .integer(Int64(clamping: parameterCount))),
            ("tensor_bytes", .integer(Int64(clamping: tensorBytes))),
            ("bits_per_weight", bitsPerWeight.map { .double(($0 * 1000).rounded() / 1000) } ?? .null),
            ("tensor_types", .object(JSONObject(tensorTypeHistogram.map { ($0.type, .integer(Int64($0.count))) }))),
            ("has_chat_template", .bool(hasChatTemplate)),
        ])
        if let split {
            report["split"] = .object(
                JSONObject([
                    ("index", .integer(split.index)), ("count", .integer(split.count)),
                    ("tensor_total", split.tensorTotal.map { .integer($0) } ?? .null),
                ]))
        } else {
            report["split"] = .null
        }
        report["problems"] = .array(problems.map { .string($0) })
        report["metadata"] = .array(
            metadata.map { kv in
                var entry = JSONObject([("key", .string(kv.key)), ("type", .string(kv.value.type.description))])
                if let array = kv.value.arrayValue {
                    entry["element_type"] = .string(array.elementType.description)
                    entry["count"] = .integer(Int64(clamping: array.count))
                }
                entry["value"] = kv.value.jsonValue
                return .object(entry)
            })
        if includeTensors {
            report["tensors"] = .array(
                tensors.map { t in
                    .object(
                        JSONObject([
                            ("name", .string(t.name)), ("type", .string(t.type.name)),
                            ("dimensions", .array(t.dimensions.map { .integer(Int64(clamping: $0)) })),
                            ("offset", .integer(Int64(clamping: t.offset))),
                            ("bytes", .integer(Int64(clamping: t.byteCount))),
                        ]))
                })
        }
        return .object(report)
    }
}
