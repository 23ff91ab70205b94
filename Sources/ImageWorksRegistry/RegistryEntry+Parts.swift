import OrderedJSON

// The fixed nested objects of an entry. Each keeps keys it does not know after its own, in their original
// order, so a registry written by a newer ImageWorks survives a round trip.

extension RegistryEntry {
    public struct BackendConfig: Sendable, Equatable {
        /// An integer (Python's `int()` of what was read).
        public var port: JSONValue = .integer(0)
        public var modelPath = ""
        public var extraArgs: [JSONValue] = []
        public var unknownKeys = JSONObject()

        public init() {}

        var jsonValue: JSONValue {
            .object(JSONObject.known([("port", port), ("model_path", .string(modelPath)), ("extra_args", .array(extraArgs))], then: unknownKeys))
        }
    }

    public struct Artifacts: Sendable, Equatable {
        public var aggregateSHA256 = ""
        public var files: [ArtifactFile] = []
        public var unknownKeys = JSONObject()

        public init() {}

        var jsonValue: JSONValue {
            .object(JSONObject.known([("aggregate_sha256", .string(aggregateSHA256)), ("files", .array(files.map(\.jsonValue)))], then: unknownKeys))
        }
    }

    public struct ArtifactFile: Sendable, Equatable {
        public var path: JSONValue
        public var sha256: JSONValue
        public var unknownKeys = JSONObject()

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

    public struct ChatTemplate: Sendable, Equatable {
        public var source = "embedded"
        public var path: JSONValue = .null
        public var sha256: JSONValue = .null
        public var unknownKeys = JSONObject()

        public init() {}

        var jsonValue: JSONValue {
            .object(JSONObject.known([("source", .string(source)), ("path", path), ("sha256", sha256)], then: unknownKeys))
        }
    }

    public struct VersionLock: Sendable, Equatable {
        public var locked = false
        public var expectedAggregateSHA256: JSONValue = .null
        public var lastVerified: JSONValue = .null
        public var unknownKeys = JSONObject()

        public init() {}

        var jsonValue: JSONValue {
            .object(JSONObject.known([
                ("locked", .bool(locked)), ("expected_aggregate_sha256", expectedAggregateSHA256),
                ("last_verified", lastVerified),
            ], then: unknownKeys))
        }
    }

    public struct Performance: Sendable, Equatable {
        /// An integer (Python's `int()` of what was read).
        public var rollingSamples: JSONValue = .integer(0)
        public var ttftMsAverage: JSONValue = .null
        public var throughputAverage: JSONValue = .null
        /// `{ttft_ms, tokens_generated, duration_ms}` then unknown keys, or nil.
        public var lastSample: JSONObject?
        public var unknownKeys = JSONObject()

        public init() {}

        static let lastSampleKeys: [(String, JSONValue)] = [("ttft_ms", .null), ("tokens_generated", .null), ("duration_ms", .null)]

        var hasSamples: Bool {
            guard case .number(let n) = rollingSamples else { return false }
            return n.isInteger && !n.text.hasPrefix("-") && n.text != "0"
        }

        var jsonValue: JSONValue {
            .object(JSONObject.known([
                ("rolling_samples", rollingSamples), ("ttft_ms_avg", ttftMsAverage),
                ("throughput_toks_per_s_avg", throughputAverage), ("last_sample", lastSample.map(JSONValue.object) ?? .null),
            ], then: unknownKeys))
        }
    }

    public struct Probes: Sendable, Equatable {
        /// `{vision_ok, timestamp, probe_version, latency_ms, notes}` then unknown keys, or nil.
        public var vision: JSONObject?
        public var unknownKeys = JSONObject()

        public init() {}

        static let visionKeys: [(String, JSONValue)] = [
            ("vision_ok", .bool(false)), ("timestamp", .string("")), ("probe_version", .string("")), ("latency_ms", .null),
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
