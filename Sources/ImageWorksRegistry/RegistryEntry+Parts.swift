import OrderedJSON

// The fixed nested objects of an entry. Each keeps keys it does not know after its own, in their original
// order, so a registry written by a newer ImageWorks survives a round trip.

extension RegistryEntry {
    /// `backend_config`: how the backend serves the model.
    public struct BackendConfig: Sendable, Equatable {
        /// An integer (Python's `int()` of what was read).
        public var port: JSONValue = .integer(0)
        /// `model_path`: the file or folder the backend loads.
        public var modelPath = ""
        /// `extra_args`: command-line arguments for the backend, as written.
        public var extraArgs: [JSONValue] = []
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// An empty value, as the original writes for a new entry.
        public init() {}

        var jsonValue: JSONValue {
            .object(
                JSONObject.known(
                    [("port", port), ("model_path", .string(modelPath)), ("extra_args", .array(extraArgs))],
                    then: unknownKeys))
        }
    }

    /// `artifacts`: the files of the model with their SHA-256, and the aggregate over them.
    public struct Artifacts: Sendable, Equatable {
        /// `aggregate_sha256`: the SHA-256 of the sorted `<sha256>  <path>` lines of `files`.
        public var aggregateSHA256 = ""
        /// `files`, sorted by path.
        public var files: [ArtifactFile] = []
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// An empty value, as the original writes for a new entry.
        public init() {}

        var jsonValue: JSONValue {
            .object(
                JSONObject.known(
                    [("aggregate_sha256", .string(aggregateSHA256)), ("files", .array(files.map(\.jsonValue)))],
                    then: unknownKeys))
        }
    }

    /// One file of `artifacts.files`.
    public struct ArtifactFile: Sendable, Equatable {
        /// `path`, as written (a string in every entry this project writes).
        public var path: JSONValue
        /// `sha256`, 64 lower-case hex digits, as written.
        public var sha256: JSONValue
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// A file and its digest.
        public init(path: String, sha256: String) {
            self.path = .string(path)
            self.sha256 = .string(sha256)
        }

        init(path: JSONValue, sha256: JSONValue, unknownKeys: JSONObject) {
            self.path = path
            self.sha256 = sha256
            self.unknownKeys = unknownKeys
        }

        var jsonValue: JSONValue { .object(JSONObject.known([("path", path), ("sha256", sha256)], then: unknownKeys)) }
    }

    /// `chat_template`: where the model's chat template comes from.
    public struct ChatTemplate: Sendable, Equatable {
        /// `source`: `embedded` (in the model file) or a file of its own.
        public var source = "embedded"
        /// `path` of a template file, or null.
        public var path: JSONValue = .null
        /// `sha256` of a template file, or null.
        public var sha256: JSONValue = .null
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// An empty value, as the original writes for a new entry.
        public init() {}

        var jsonValue: JSONValue {
            .object(
                JSONObject.known([("source", .string(source)), ("path", path), ("sha256", sha256)], then: unknownKeys))
        }
    }

    /// `version_lock`: whether the entry is pinned to the files it was verified with.
    public struct VersionLock: Sendable, Equatable {
        /// `locked`.
        public var locked = false
        /// `expected_aggregate_sha256`: the aggregate the files must keep while locked.
        public var expectedAggregateSHA256: JSONValue = .null
        /// `last_verified`: when the lock was last checked, as written.
        public var lastVerified: JSONValue = .null
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// An empty value, as the original writes for a new entry.
        public init() {}

        var jsonValue: JSONValue {
            .object(
                JSONObject.known(
                    [
                        ("locked", .bool(locked)), ("expected_aggregate_sha256", expectedAggregateSHA256),
                        ("last_verified", lastVerified),
                    ], then: unknownKeys))
        }
    }

    /// `performance`: measurements ImageWorks records for the model.
    public struct Performance: Sendable, Equatable {
        /// An integer (Python's `int()` of what was read).
        public var rollingSamples: JSONValue = .integer(0)
        /// `ttft_ms_avg`: the average time to the first token, in milliseconds.
        public var ttftMsAverage: JSONValue = .null
        /// `throughput_toks_per_s_avg`: the average throughput in tokens per second.
        public var throughputAverage: JSONValue = .null
        /// `{ttft_ms, tokens_generated, duration_ms}` then unknown keys, or nil.
        public var lastSample: JSONObject?
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// An empty value, as the original writes for a new entry.
        public init() {}

        static let lastSampleKeys: [(String, JSONValue)] = [
            ("ttft_ms", .null), ("tokens_generated", .null), ("duration_ms", .null),
        ]

        var hasSamples: Bool {
            guard case .number(let n) = rollingSamples else { return false }
            return n.isInteger && !n.text.hasPrefix("-") && n.text != "0"
        }

        var jsonValue: JSONValue {
            .object(
                JSONObject.known(
                    [
                        ("rolling_samples", rollingSamples), ("ttft_ms_avg", ttftMsAverage),
                        ("throughput_toks_per_s_avg", throughputAverage),
                        ("last_sample", lastSample.map(JSONValue.object) ?? .null),
                    ], then: unknownKeys))
        }
    }

    /// `probes`: the results of ImageWorks' capability probes.
    public struct Probes: Sendable, Equatable {
        /// `{vision_ok, timestamp, probe_version, latency_ms, notes}` then unknown keys, or nil.
        public var vision: JSONObject?
        /// Keys this version does not know, kept in their order after the known ones.
        public var unknownKeys = JSONObject()

        /// An empty value, as the original writes for a new entry.
        public init() {}

        static let visionKeys: [(String, JSONValue)] = [
            ("vision_ok", .bool(false)), ("timestamp", .string("")), ("probe_version", .string("")),
            ("latency_ms", .null),
            ("notes", .null),
        ]

        var jsonValue: JSONValue {
            .object(JSONObject.known([("vision", vision.map(JSONValue.object) ?? .null)], then: unknownKeys))
        }
    }
}

extension JSONObject {
    /// `known` in order, then the members of `extra` whose keys are not among them.
    static func known(_ known: [(String, JSONValue)], then extra: JSONObject) -> JSONObject {
        var object = JSONObject(known)
        for member in extra.members where object[member.key] == nil { object[member.key] = member.value }
        return object
    }

    /// The members whose keys are not in `keys`, in order.
    func excluding(_ keys: [String]) -> JSONObject {
        var rest = JSONObject()
        for member in members where !keys.contains(member.key) { rest[member.key] = member.value }
        return rest
    }
}
