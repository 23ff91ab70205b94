import OrderedJSON

/// One model in the ImageWorks registry, with every key of the schema in its serialization
/// order. Fields the original writes back exactly as read ("not coerced") stay raw `JSONValue`s, so a round
/// trip never changes them; keys the schema does not know are kept, after the known ones.
public struct RegistryEntry: Sendable, Equatable {
    public var name: String
    public var displayName: String
    public var backend: String
    public var backendConfig: BackendConfig
    public var capabilities: JSONObject
    public var artifacts: Artifacts
    public var chatTemplate: ChatTemplate
    public var versionLock: VersionLock
    public var performance: Performance
    public var probes: Probes
    public var profilesPlaceholder: JSONValue
    public var metadata: JSONObject
    /// The backend's identifier: for an Ollama entry, the model name as `ollama list` shows it.
    public var servedModelID: String?
    public var modelAliases: [String]
    public var roles: [String]
    public var license: String?
    public var source: JSONObject?
    public var deprecated: Bool
    public var family: JSONValue
    public var sourceProvider: JSONValue
    public var quantization: JSONValue
    public var backendAlternatives: [JSONValue]
    public var rolePriority: JSONObject
    public var downloadFormat: JSONValue
    public var downloadLocation: JSONValue
    public var downloadPath: JSONValue
    public var downloadSizeBytes: JSONValue
    public var downloadFiles: [JSONValue]
    public var downloadDirectoryChecksum: JSONValue
    public var downloadedAt: JSONValue
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
            ("probes", probes.jsonValue), ("profiles_placeholder", profilesPlaceholder), ("metadata", .object(metadata)),
            ("served_model_id", JSONValue.optional(servedModelID)),
            ("model_aliases", .array(modelAliases.map(JSONValue.string))), ("roles", .array(roles.map(JSONValue.string))),
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
            || PythonValue.truthy(downloadedAt) || PythonValue.truthy(lastAccessed) || PythonValue.truthy(downloadFormat)
            || PythonValue.truthy(downloadSizeBytes) || performance.hasSamples || probes.vision != nil
    }

    /// Whether the name marks a leftover of early imports (`model-ollama-gguf…`).
    public var isPlaceholder: Bool { name.hasPrefix("model-ollama-gguf") }
}
