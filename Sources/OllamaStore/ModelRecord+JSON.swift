import GGUF
import OrderedJSON

extension ModelRecord {
    /// The record as `models --json` and `show --json` print it, keys in a fixed order.
    public var jsonValue: JSONValue {
        func blob(_ b: Blob) -> JSONValue {
            var members: [(String, JSONValue)] = [
                ("media_type", .string(b.mediaType)), ("digest", .string(b.digest)), ("size", .integer(b.declaredSize)),
                ("path", JSONValue.optional(b.path)), ("state", .string(b.state.name)),
            ]
            if case .sizeDiffers(let actual) = b.state { members.append(("actual_size", .integer(actual))) }
            if let from = b.from { members.append(("from", .string(from))) }
            if let name = b.name { members.append(("name", .string(name))) }
            return .object(JSONObject(members))
        }
        return .object(
            JSONObject([
                ("name", .string(displayName)), ("host", .string(name.host)), ("namespace", .string(name.namespace)),
                ("model", .string(name.model)), ("tag", .string(name.tag)), ("id", .string(id)),
                ("digest", .string(digest)),
                ("size", .integer(size)), ("unique_size", .integer(uniqueSize)),
                ("modified_at", .string(HumanFormat.timestamp(nanosecondsSinceEpoch: modifiedNanoseconds))),
                ("format", JSONValue.optional(format)), ("family", JSONValue.optional(family)),
                ("families", families.map { .array($0.map(JSONValue.string)) } ?? .null),
                ("quantization", JSONValue.optional(quantization)),
                ("quantization_source", JSONValue.optional(quantizationSource?.rawValue)),
                ("config_quantization", JSONValue.optional(config?.fileType)),
                ("parameter_size", JSONValue.optional(parameterSize)),
                ("parameter_count", parameterCount.map { .integer(Int64(clamping: $0)) } ?? .null),
                ("context_length", JSONValue.optional(contextLength)),
                ("embedding_length", JSONValue.optional(embeddingLength)),
                ("capabilities", .array(capabilities.map(JSONValue.string))),
                ("model_blob", JSONValue.optional(modelBlob)),
                ("projector_blobs", .array(projectorBlobs.map(JSONValue.string))),
                ("adapter_blobs", .array(adapterBlobs.map(JSONValue.string))),
                ("status", .string(status.rawValue)), ("problems", .array(problems.map { .string($0.description) })),
                ("manifest_path", .string(manifestPath)),
                ("parent_model", JSONValue.optional(parentModel)),
                ("remote_host", JSONValue.optional(config?.remoteHost)),
                ("remote_model", JSONValue.optional(config?.remoteModel)),
                ("renderer", JSONValue.optional(config?.renderer)),
                ("parser", JSONValue.optional(config?.parser)),
                ("config", configBlob.map(blob) ?? .null), ("layers", .array(layers.map(blob))),
            ]))
    }
}

extension ModelRecord {
    /// `show --json`: the record with the model GGUF's header report under `"gguf"` (null without one).
    public func jsonValue(withGGUF header: GGUFHeader?, includingTensors: Bool) -> JSONValue {
        guard case .object(var object) = jsonValue else { return jsonValue }
        object["gguf"] = header?.jsonReport(includeTensors: includingTensors) ?? .null
        return .object(object)
    }
}
