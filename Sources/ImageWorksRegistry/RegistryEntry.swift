import OrderedJSON

/// One model in the ImageWorks registry, with every key of the schema in its serialization
/// order. Fields the original writes back exactly as read ("not coerced") stay raw `JSONValue`s, so a round
/// trip never changes them; keys the schema does not know are kept, after the known ones.
public struct RegistryEntry: Sendable, Equatable {
    /// `name`: the entry's unique key.
    public var name: String
    /// `display_name`: what listings show.
    public var displayName: String
    /// `backend`: `ollama`, `vllm`, `llama.cpp`, … (`unassigned` when unknown).
    public var backend: String
    /// `backend_config`.
    public var backendConfig: BackendConfig
    /// `capabilities`: `text`, `vision`, `embedding`, `audio`, … as booleans.
    public var capabilities: JSONObject
    /// `artifacts`.
    public var artifacts: Artifacts
    /// `chat_template`.
    public var chatTemplate: ChatTemplate
    /// `version_lock`.
    public var versionLock: VersionLock
    /// `performance`.
    public var performance: Performance
    /// `probes`.
    public var probes: Probes
    /// `profiles_placeholder`, as written.
    public var profilesPlaceholder: JSONValue
    /// `metadata`: free-form facts (the importer's `ollama_*` keys among them), in their order.
    public var metadata: JSONObject
    /// The backend's identifier: for an Ollama entry, the model name as `ollama list` shows it.
    public var servedModelID: String?
    /// `model_aliases`: other names the entry answers to.
    public var modelAliases: [String]
    /// `roles`: what ImageWorks uses the model for.
    public var roles: [String]
    /// `license`, when given.
    public var license: String?
    /// `source`: where the model came from, when given.
    public var source: JSONObject?
    /// `deprecated`: hidden from listings, and removed by `purge-deprecated`.
    public var deprecated: Bool
    /// `family`: the model family (Strategy A's family for imported Ollama models).
    public var family: JSONValue
    /// `source_provider`: `ollama`, `hf`, … as written.
    public var sourceProvider: JSONValue
    /// `quantization`: lower case (`q4_k_m`), or null.
    public var quantization: JSONValue
    /// `backend_alternatives`, as written.
    public var backendAlternatives: [JSONValue]
    /// `role_priority`: a priority per role.
    public var rolePriority: JSONObject
    /// `download_format`: `gguf`, `safetensors`, `awq`, … or null.
    public var downloadFormat: JSONValue
    /// `download_location`: which machine or volume holds the files (`linux_wsl`, …).
    public var downloadLocation: JSONValue
    /// `download_path`: the model file or folder; for an imported Ollama model, its model blob.
    public var downloadPath: JSONValue
    /// `download_size_bytes`: for an Ollama model, Ollama's SIZE in bytes.
    public var downloadSizeBytes: JSONValue
    /// `download_files`: the files of the download (an Ollama model's layer blobs).
    public var downloadFiles: [JSONValue]
    /// `download_directory_checksum`: 16 hex digits over the files' names and sizes, or empty.
    public var downloadDirectoryChecksum: JSONValue
    /// `downloaded_at`: a Python `isoformat()` timestamp.
    public var downloadedAt: JSONValue
    /// `last_accessed`: a Python `isoformat()` timestamp.
    public var lastAccessed: JSONValue
    /// Keys the schema does not know, in their original order (the original dropped them).
    public var unknownKeys: JSONObject

    /// The 31 keys of the schema, in the order they are written.
    public static let keys = [
        "name", "display_name", "backend", "backend_config", "capabilities", "artifacts", "chat_template",
        "version_lock", "performance", "probes", "profiles_placeholder", "metadata", "served_model_id",
        "model_aliases", "roles", "license", "source", "deprecated", "family", "source_provider", "quantization",
        "backend_alternatives", "role_priority", "download_format", "download_location", "download_path",
        "download_size_bytes", "download_files", "download_directory_checksum", "downloaded_at", "last_accessed",
    ]

    /// A new entry with the schema's defaults.
    public init(name: String, backend: String) {
        self.name = name
        displayName = name
        self.backend = backend
        backendConfig = BackendConfig()
        capabilities = JSONObject()
        artifacts = Artifacts()
        chatTemplate = ChatTemplate()
        versionLock = VersionLock()
        performance = Performance()
        probes = Probes()
        profilesPlaceholder = .null
        metadata = JSONObject()
        servedModelID = nil
        modelAliases = []
        roles = []
        license = nil
        source = nil
        deprecated = false
        family = .null
        sourceProvider = .null
        quantization = .null
        backendAlternatives = []
        rolePriority = JSONObject()
        downloadFormat = .null
        downloadLocation = .null
        downloadPath = .null
        downloadSizeBytes = .null
        downloadFiles = []
        downloadDirectoryChecksum = .null
        downloadedAt = .null
        lastAccessed = .null
        unknownKeys = JSONObject()
    }

    /// The entry in the typed form the original's saver writes: all 31 keys, nested keys in their order,
    /// unknown keys after the known ones.
    public var jsonValue: JSONValue {
        var object = JSONObject([
            ("name", .string(name)), ("display_name", .string(displayName)), ("backend", .string(backend)),
            ("backend_config", backendConfig.jsonValue), ("capabilities", .object(capabilities)),
            ("artifacts", artifacts.jsonValue), ("chat_template", chatTemplate.jsonValue),
            ("version_lock", versionLock.jsonValue), ("performance", performance.jsonValue),
            ("probes", probes.jsonValue), ("profiles_placeholder", profilesPlaceholder),
            ("metadata", .object(metadata)),
            ("served_model_id", JSONValue.optional(servedModelID)),
            ("model_aliases", .array(modelAliases.map(JSONValue.string))),
            ("roles", .array(roles.map(JSONValue.string))),
            ("license", JSONValue.optional(license)), ("source", source.map(JSONValue.object) ?? .null),
            ("deprecated", .bool(deprecated)), ("family", family), ("source_provider", sourceProvider),
            ("quantization", quantization), ("backend_alternatives", .array(backendAlternatives)),
            ("role_priority", .object(rolePriority)), ("download_format", downloadFormat),
            ("download_location", downloadLocation), ("download_path", downloadPath),
            ("download_size_bytes", downloadSizeBytes), ("download_files", .array(downloadFiles)),
            ("download_directory_checksum", downloadDirectoryChecksum), ("downloaded_at", downloadedAt),
            ("last_accessed", lastAccessed),
        ])
        for member in unknownKeys.members { object[member.key] = member.value }
        return .object(object)
    }

    /// Whether the original's layered save writes this entry to the discovered layer even when the curated
    /// layer owns its name.
    public var isDynamic: Bool {
        PythonValue.truthy(metadata["created_from_download"] ?? .null) || PythonValue.truthy(downloadPath)
            || PythonValue.truthy(downloadedAt) || PythonValue.truthy(lastAccessed)
            || PythonValue.truthy(downloadFormat)
            || PythonValue.truthy(downloadSizeBytes) || performance.hasSamples || probes.vision != nil
    }

    /// Whether the name marks a leftover of early imports (`model-ollama-gguf…`).
    public var isPlaceholder: Bool { name.hasPrefix("model-ollama-gguf") }
}
