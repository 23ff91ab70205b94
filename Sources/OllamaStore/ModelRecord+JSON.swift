import OrderedJSON

extension ModelRecord {
    /// The record as `models --json` and `show --json` print it, keys in a fixed order.
    public var jsonValue: JSONValue {
        func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func optional(_ v: Int64?) -> JSONValue { v.map { .integer($0) } ?? .null }
        func blob(_ b: Blob) -> JSONValue {
            var members: [(String, JSONValue)] = [
                ("media_type", .string(b.mediaType)), ("digest", .string(b.digest)), ("size", .integer(b.declaredSize)),
                ("path", optional(b.path)), ("state", .string(b.state.name)),
            ]
            if case .sizeDiffers(let actual) = b.state { members.append(("actual_size", .integer(actual))) }
            if let from = b.from { members.append(("from", .string(from))) }
            if let name = b.name { members.append(("name", .string(name))) }
            return .object(JSONObject(members))
        }
        return .object(JSONObject([
            ("name", .string(displayName)), ("host", .string(name.host)), ("namespace", .string(name.namespace)),
            ("model", .string(name.model)), ("tag", .string(name.tag)), ("id", .string(id)), ("digest", .string(digest)),
            ("size", .integer(size)), ("unique_size", .integer(uniqueSize)),
            ("modified_at", .string(HumanFormat.timestamp(nanosecondsSinceEpoch: modifiedNanoseconds))),
            ("format", optional(format)), ("family", optional(family)),
            ("families", families.map { .array($0.map(JSONValue.string)) } ?? .null),
            ("quantization", optional(quantization)), ("quantization_source", optional(quantizationSource?.rawValue)),
            ("config_quantization", optional(config?.fileType)),
            ("parameter_size", optional(parameterSize)),
            ("parameter_count", parameterCount.map { .integer(Int64(clamping: $0)) } ?? .null),
            ("context_length", optional(contextLength)), ("embedding_length", optional(embeddingLength)),
            ("capabilities", .array(capabilities.map(JSONValue.string))),
            ("model_blob", optional(modelBlob)), ("projector_blobs", .array(projectorBlobs.map(JSONValue.string))),
            ("adapter_blobs", .array(adapterBlobs.map(JSONValue.string))),
            ("status", .string(status.rawValue)), ("problems", .array(problems.map(JSONValue.string))),
            ("manifest_path", .string(manifestPath)),
            ("parent_model", optional(parentModel)), ("remote_host", optional(config?.remoteHost)),
            ("remote_model", optional(config?.remoteModel)), ("renderer", optional(config?.renderer)),
            ("parser", optional(config?.parser)),
            ("config", configBlob.map(blob) ?? .null), ("layers", .array(layers.map(blob))),
        ]))
    }
}

extension StoreWarning {
    public var jsonValue: JSONValue { .object(JSONObject([("path", .string(path)), ("reason", .string(reason))])) }
}
