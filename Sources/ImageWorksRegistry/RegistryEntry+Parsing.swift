import OrderedJSON

extension RegistryEntry {
    /// Reads one raw entry as the original's loader does, with these differences: `served_model_id` `"None"`
    /// is absent, `deprecated` must be a boolean, unknown keys are kept, and where the original crashed the
    /// error names the file, entry and field.
    ///
    /// - Parameters:
    ///   - path: the file the entry came from, for messages.
    ///   - index: its position in that file, for messages.
    ///   - warnings: receives one line per value accepted with a warning.
    public init(raw: JSONValue, path: String, index: Int, warnings: inout [String]) throws(RegistryError) {
        guard case .object(let object) = raw else { throw RegistryError.entryNotAnObject(path: path, index: index) }
        var reader = FieldReader(object: object, path: path, index: index)

        guard let rawName = object["name"] else { throw reader.error("name", "missing") }
        let name = PythonValue.str(rawName).trimmingPythonWhitespace()
        guard !name.isEmpty else { throw reader.error("name", "empty") }
        reader.name = name
        guard let rawBackend = object["backend"] else { throw reader.error("backend", "missing") }
        self.init(name: name, backend: PythonValue.str(rawBackend).trimmingPythonWhitespace())

        if let value = object["display_name"], PythonValue.truthy(value) {
            let display = PythonValue.str(value).trimmingPythonWhitespace()
            // A blank display name reads back as the name; writing the name keeps the file a fixed point.
            displayName = display.isEmpty ? name : display
        }
        backendConfig = try reader.backendConfig()
        capabilities = try reader.dict("capabilities", orFalsyEmpty: false) ?? JSONObject()
        artifacts = try reader.artifacts()
        chatTemplate = try reader.chatTemplate()
        versionLock = try reader.versionLock()
        performance = try reader.performance()
        probes = try reader.probes()
        profilesPlaceholder = object["profiles_placeholder"] ?? .null
        metadata = try reader.dict("metadata", orFalsyEmpty: false) ?? JSONObject()
        if let value = object["served_model_id"], value != .null {
            let id = PythonValue.str(value).trimmingPythonWhitespace()
            servedModelID = id.isEmpty || id == "None" ? nil : id
        }
        modelAliases = try reader.strings("model_aliases")
        roles = try reader.strings("roles")
        if let value = object["license"], PythonValue.truthy(value) {
            let text = PythonValue.str(value).trimmingPythonWhitespace()
            license = text.isEmpty ? nil : text
        }
        if case .object(let source)? = object["source"] { self.source = source }
        deprecated = try reader.deprecated(warnings: &warnings)
        family = object["family"] ?? .null
        sourceProvider = object["source_provider"] ?? .null
        quantization = object["quantization"] ?? .null
        backendAlternatives = try reader.list("backend_alternatives")
        rolePriority = try reader.dict("role_priority", orFalsyEmpty: true) ?? JSONObject()
        downloadFormat = object["download_format"] ?? .null
        downloadLocation = object["download_location"] ?? .null
        downloadPath = object["download_path"] ?? .null
        downloadSizeBytes = object["download_size_bytes"] ?? .null
        downloadFiles = try reader.list("download_files")
        downloadDirectoryChecksum = object["download_directory_checksum"] ?? .null
        downloadedAt = object["downloaded_at"] ?? .null
        lastAccessed = object["last_accessed"] ?? .null
        unknownKeys = object.excluding(Self.keys)
        try reader.rejectNonFinite(raw)
    }
}

/// Reads the fields of one raw entry and builds the one-line errors that name them.
private struct FieldReader {
    let object: JSONObject
    let path: String
    let index: Int
    var name: String?

    init(object: JSONObject, path: String, index: Int) {
        self.object = object
        self.path = path
        self.index = index
    }

    func error(_ field: String, _ reason: String) -> RegistryError {
        .invalidField(path: path, index: index, name: name, field: field, reason: reason)
    }

    /// A nested object: absent gives nil (the defaults), anything but an object is an error.
    func nested(_ field: String) throws(RegistryError) -> JSONObject? {
        guard let value = object[field] else { return nil }
        guard case .object(let nested) = value else { throw error(field, "expected an object, found \(kind(value))") }
        return nested
    }

    func dict(_ field: String, orFalsyEmpty: Bool) throws(RegistryError) -> JSONObject? {
        guard let value = object[field] else { return nil }
        if orFalsyEmpty && !PythonValue.truthy(value) { return JSONObject() }
        guard let dict = PythonValue.dict(value) else { throw error(field, "expected an object, found \(kind(value))") }
        return dict
    }

    func list(_ field: String) throws(RegistryError) -> [JSONValue] {
        guard let value = object[field] else { return [] }
        guard let list = PythonValue.list(value) else { throw error(field, "expected an array, found \(kind(value))") }
        return list
    }

    /// `[str(x).strip() for x in v if x]`: falsy items dropped. An item that strips to `""` is dropped too:
    /// the original would keep it once and drop it on the next load, so keeping it would break the fixed
    /// point the original relies on.
    func strings(_ field: String) throws(RegistryError) -> [String] {
        guard let value = object[field] else { return [] }
        let items: [JSONValue]
        switch value {
        case .array(let array): items = array
        case .string(let s): items = s.map { .string(String($0)) }
        case .object(let o): items = o.keys.map(JSONValue.string)
        default: throw error(field, "expected an array of strings, found \(kind(value))")
        }
        return items.filter(PythonValue.truthy).map { PythonValue.str($0).trimmingPythonWhitespace() }.filter {
            !$0.isEmpty
        }
    }

    func deprecated(warnings: inout [String]) throws(RegistryError) -> Bool {
        guard let value = object["deprecated"] else { return false }
        switch value {
        case .bool(let b): return b
        case .string(let s) where ["true", "false"].contains(s.lowercased()):
            warnings.append(
                "\(path): entry \(index) (\"\(name ?? "")\"): field \"deprecated\": the string \"\(s)\" read as \(s.lowercased())"
            )
            return s.lowercased() == "true"
        default: throw error("deprecated", "expected true or false, found \(kind(value))")
        }
    }

    func backendConfig() throws(RegistryError) -> RegistryEntry.BackendConfig {
        var config = RegistryEntry.BackendConfig()
        guard let raw = try nested("backend_config") else { return config }
        if let port = raw["port"] {
            guard let value = PythonValue.int(port) else {
                throw error("backend_config.port", "expected an integer, found \(kind(port))")
            }
            config.port = value
        }
        if let path = raw["model_path"] { config.modelPath = PythonValue.str(path) }
        if let args = raw["extra_args"] {
            guard let list = PythonValue.list(args) else {
                throw error("backend_config.extra_args", "expected an array, found \(kind(args))")
            }
            config.extraArgs = list
        }
        config.unknownKeys = raw.excluding(["port", "model_path", "extra_args"])
        return config
    }

    func artifacts() throws(RegistryError) -> RegistryEntry.Artifacts {
        var artifacts = RegistryEntry.Artifacts()
        guard let raw = try nested("artifacts") else { return artifacts }
        if let aggregate = raw["aggregate_sha256"] { artifacts.aggregateSHA256 = PythonValue.str(aggregate) }
        if let files = raw["files"] {
            switch files {
            case .array(let items):
                artifacts.files = items.compactMap { item in
                    guard case .object(let file) = item else { return nil }
                    return RegistryEntry.ArtifactFile(
                        path: file["path"] ?? .string(""), sha256: file["sha256"] ?? .string(""),
                        unknownKeys: file.excluding(["path", "sha256"]))
                }
            case .string, .object: artifacts.files = []  // iterating them yields no objects
            default: throw error("artifacts.files", "expected an array, found \(kind(files))")
            }
        }
        artifacts.unknownKeys = raw.excluding(["aggregate_sha256", "files"])
        return artifacts
    }

    func chatTemplate() throws(RegistryError) -> RegistryEntry.ChatTemplate {
        var template = RegistryEntry.ChatTemplate()
        guard let raw = try nested("chat_template") else { return template }
        if let source = raw["source"] { template.source = PythonValue.str(source) }
        template.path = raw["path"] ?? .null
        template.sha256 = raw["sha256"] ?? .null
        template.unknownKeys = raw.excluding(["source", "path", "sha256"])
        return template
    }

    func versionLock() throws(RegistryError) -> RegistryEntry.VersionLock {
        var lock = RegistryEntry.VersionLock()
        guard let raw = try nested("version_lock") else { return lock }
        lock.locked = PythonValue.truthy(raw["locked"] ?? .bool(false))
        lock.expectedAggregateSHA256 = raw["expected_aggregate_sha256"] ?? .null
        lock.lastVerified = raw["last_verified"] ?? .null
        lock.unknownKeys = raw.excluding(["locked", "expected_aggregate_sha256", "last_verified"])
        return lock
    }

    func performance() throws(RegistryError) -> RegistryEntry.Performance {
        var performance = RegistryEntry.Performance()
        guard let raw = try nested("performance") else { return performance }
        if let samples = raw["rolling_samples"] {
            guard let value = PythonValue.int(samples) else {
                throw error("performance.rolling_samples", "expected an integer, found \(kind(samples))")
            }
            performance.rollingSamples = value
        }
        performance.ttftMsAverage = raw["ttft_ms_avg"] ?? .null
        performance.throughputAverage = raw["throughput_toks_per_s_avg"] ?? .null
        if let sample = raw["last_sample"], PythonValue.truthy(sample) {
            guard case .object(let object) = sample else {
                throw error("performance.last_sample", "expected an object or null, found \(kind(sample))")
            }
            performance.lastSample = filled(object, RegistryEntry.Performance.lastSampleKeys)
        }
        performance.unknownKeys = raw.excluding([
            "rolling_samples", "ttft_ms_avg", "throughput_toks_per_s_avg", "last_sample",
        ])
        return performance
    }

    func probes() throws(RegistryError) -> RegistryEntry.Probes {
        var probes = RegistryEntry.Probes()
        guard let raw = try nested("probes") else { return probes }
        if let vision = raw["vision"], PythonValue.truthy(vision) {
            guard case .object(let object) = vision else {
                throw error("probes.vision", "expected an object or null, found \(kind(vision))")
            }
            probes.vision = filled(object, RegistryEntry.Probes.visionKeys)
        }
        probes.unknownKeys = raw.excluding(["vision"])
        return probes
    }

    /// `object` with every key of `defaults` in that order (absent ones defaulted), then its other keys.
    private func filled(_ object: JSONObject, _ defaults: [(String, JSONValue)]) -> JSONObject {
        JSONObject.known(defaults.map { ($0.0, object[$0.0] ?? $0.1) }, then: object)
    }

    /// NaN and infinities cannot be written back as JSON: refuse them wherever they are.
    func rejectNonFinite(_ value: JSONValue, at field: String = "") throws(RegistryError) {
        switch value {
        case .number(let n) where !n.isInteger && !n.doubleValue.isFinite:
            throw error(field.isEmpty ? "value" : field, "\(n.text) is not a finite number")
        case .array(let items):
            for (i, item) in items.enumerated() { try rejectNonFinite(item, at: "\(field)[\(i)]") }
        case .object(let object):
            for member in object.members {
                try rejectNonFinite(member.value, at: field.isEmpty ? member.key : "\(field).\(member.key)")
            }
        default: break
        }
    }

    private func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return "the number \(n.text)"
        case .string(let s): return "the string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
