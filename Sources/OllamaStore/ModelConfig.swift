import OrderedJSON

/// The config blob a manifest's `config.digest` names (Ollama's `ConfigV2`): what `ollama list` shows as a
/// model's details.
public struct ModelConfig: Sendable, Equatable {
    /// `gguf`, `safetensors`, or empty for old and remote models (Ollama treats empty as gguf).
    public var modelFormat: String = ""
    /// The GGUF `general.architecture` of the model layer at create time.
    public var modelFamily: String = ""
    public var modelFamilies: [String]? = nil
    /// The parameter size string (`3.2B`, `595.78M`), Ollama's `parameter_size`.
    public var modelType: String = ""
    /// The quantization name of the Ollama version that created the model (`Q4_K_M`, `MXFP4`, `unknown`).
    public var fileType: String = ""
    public var renderer: String? = nil
    public var parser: String? = nil
    public var requires: String? = nil
    public var remoteHost: String? = nil
    public var remoteModel: String? = nil
    public var capabilities: [String] = []
    public var contextLength: Int64? = nil
    public var embeddingLength: Int64? = nil
    public var baseName: String? = nil
    /// Fields that were present with the wrong type and were ignored.
    public var problems: [String] = []

    /// Whether the model only lives on a remote host (a cloud stub).
    public var isRemote: Bool { !(remoteModel ?? "").isEmpty || !(remoteHost ?? "").isEmpty }

    /// Whether Ollama reads the model layer as GGUF (`isGGUF`: format `gguf` or empty).
    public var isGGUFFormat: Bool { modelFormat.isEmpty || modelFormat.lowercased() == "gguf" }

    public init() {}

    /// Parses a config blob as Go reads it (the first JSON value; keys without case). A field of the wrong type is ignored and named in `problems`.
    public init(bytes: [UInt8]) throws(ManifestError) {
        let value: JSONValue
        do {
            value = try JSONReader.parsePrefix(bytes).value
        } catch {
            throw ManifestError.invalidJSON(error)
        }
        guard case .object(let object) = value else { throw ManifestError.field("config", "is not a JSON object") }
        func string(_ key: String) -> String? {
            switch object.goField(key) {
            case .none, .some(.null): return nil
            case .some(.string(let s)): return s
            case .some:
                problems.append("\(key) is not a string")
                return nil
            }
        }
        func strings(_ key: String) -> [String]? {
            switch object.goField(key) {
            case .none, .some(.null): return nil
            case .some(.array(let elements)):
                let values = elements.compactMap(\.stringValue)
                if values.count != elements.count { problems.append("\(key) holds a value that is not a string") }
                return values
            case .some:
                problems.append("\(key) is not an array")
                return nil
            }
        }
        func integer(_ key: String) -> Int64? {
            switch object.goField(key) {
            case .none, .some(.null): return nil
            case .some(let v):
                if let n = v.int64Value { return n }
                problems.append("\(key) is not an integer")
                return nil
            }
        }
        modelFormat = string("model_format") ?? ""
        modelFamily = string("model_family") ?? ""
        modelFamilies = strings("model_families")
        modelType = string("model_type") ?? ""
        fileType = string("file_type") ?? ""
        renderer = string("renderer")
        parser = string("parser")
        requires = string("requires")
        remoteHost = string("remote_host")
        remoteModel = string("remote_model")
        capabilities = strings("capabilities") ?? []
        contextLength = integer("context_length")
        embeddingLength = integer("embedding_length")
        baseName = string("base_name")
    }
}
