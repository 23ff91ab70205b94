import FileIO
import Foundation
import Hashing
import OllamaStore
import OrderedJSON

/// A CycloneDX 1.6 JSON bill of materials of an Ollama store: one `machine-learning-model` component per model,
/// named as Ollama names it and versioned by its tag, with the SHA-256 of its model blob, its license, a model
/// card, and its blobs (config and every layer) as `file` sub-components with their hashes and paths.
///
/// The hashes come from the blobs' content-addressed names; `verified` says that a full verification of
/// those blobs passed just before (`sbom --verify`), which the BOM then records.
public struct MLBOM {
    /// What the BOM says about how and when it was made.
    public struct Provenance: Sendable {
        /// `urn:uuid:…`.
        public var serialNumber: String
        /// Seconds since 1970.
        public var timestamp: Int64
        public var toolVersion: String
        /// Whether the blobs were hashed and found good before the BOM was written.
        public var verified: Bool

        public init(serialNumber: String, timestamp: Int64, toolVersion: String, verified: Bool) {
            self.serialNumber = serialNumber
            self.timestamp = timestamp
            self.toolVersion = toolVersion
            self.verified = verified
        }

        /// A random serial number and the current time; with `SOURCE_DATE_EPOCH` (reproducible builds'
        /// convention), that time and a serial number derived from it and the models' manifest digests, so
        /// that the same store gives the same bytes.
        public static func make(
            models: [ModelRecord], toolVersion: String, verified: Bool,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) -> Provenance {
            if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0) }) {
                let seed = ([String(epoch)] + models.map { "\($0.name.displayShortest) \($0.digest)" })
                    .joined(separator: "\n")
                let bytes = (try? SHA256Hasher.digest(of: Array(seed.utf8)).bytes) ?? Array(repeating: 0, count: 32)
                return Provenance(
                    serialNumber: uuidURN(bytes), timestamp: epoch, toolVersion: toolVersion, verified: verified)
            }
            return Provenance(
                serialNumber: "urn:uuid:" + UUID().uuidString.lowercased(),
                timestamp: Int64(Date().timeIntervalSince1970), toolVersion: toolVersion, verified: verified)
        }

        /// RFC 4122's layout over the first 16 bytes, with the version (4) and variant bits set.
        static func uuidURN(_ bytes: [UInt8]) -> String {
            var b = Array(bytes.prefix(16))
            b[6] = (b[6] & 0x0f) | 0x40
            b[8] = (b[8] & 0x3f) | 0x80
            let hex = b.map { String(format: "%02x", $0) }.joined()
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(hex.dropFirst(range.lowerBound).prefix(range.count))
            }
            return "urn:uuid:" + parts.joined(separator: "-")
        }
    }

    public let storePath: String
    public let models: [ModelRecord]
    public let provenance: Provenance

    public init(storePath: String, models: [ModelRecord], provenance: Provenance) {
        self.storePath = storePath
        self.models = models
        self.provenance = provenance
    }

    /// The whole document.
    public var jsonValue: JSONValue {
        .object(
            JSONObject([
                ("$schema", .string("http://cyclonedx.org/schema/bom-1.6.schema.json")),
                ("bomFormat", .string("CycloneDX")), ("specVersion", .string("1.6")),
                ("serialNumber", .string(provenance.serialNumber)), ("version", .integer(1)),
                ("metadata", metadata), ("components", .array(models.map(component))),
            ]))
    }

    private var metadata: JSONValue {
        let tool = JSONObject([
            ("type", .string("application")), ("name", .string("ollama-scan")),
            ("version", .string(provenance.toolVersion)),
        ])
        return .object(
            JSONObject([
                ("timestamp", .string(Self.iso8601(provenance.timestamp))),
                ("tools", .object(JSONObject([("components", .array([.object(tool)]))]))),
                (
                    "properties",
                    .array([
                        Self.property("ollama-scan:store", storePath),
                        Self.property("ollama-scan:verified", provenance.verified ? "true" : "false"),
                    ])
                ),
            ]))
    }

    /// One model.
    private func component(_ model: ModelRecord) -> JSONValue {
        let reference = "ollama:\(model.name.relativeManifestPath)@sha256:\(model.digest)"
        var object = JSONObject([
            ("type", .string("machine-learning-model")), ("bom-ref", .string(reference)),
            ("name", .string(String(model.name.displayShortest.dropLast(model.name.tag.count + 1)))),
            ("version", .string(model.name.tag)),
        ])
        if let description = Self.description(of: model) { object["description"] = .string(description) }
        if let digest = model.modelLayer?.blobDigest {
            object["hashes"] = .array([Self.hash(digest)])
        }
        let licenses = licenses(of: model)
        if !licenses.isEmpty { object["licenses"] = .array(licenses) }
        object["modelCard"] = modelCard(model)
        let blobs = model.distinctBlobs.filter { $0.blobDigest != nil }
        if !blobs.isEmpty { object["components"] = .array(blobs.map { blobComponent($0, of: reference) }) }
        object["properties"] = .array([
            Self.property("ollama:name", model.name.displayShortest),
            Self.property("ollama:id", model.id),
            Self.property("ollama:manifest_digest", "sha256:" + model.digest),
            Self.property("ollama:manifest_path", model.manifestPath),
            Self.property("ollama:size", String(model.size)),
        ])
        return .object(object)
    }

    /// A blob of the model, as a file with its hash and its path in the store.
    private func blobComponent(_ blob: ModelRecord.Blob, of model: String) -> JSONValue {
        let digest = blob.blobDigest!
        var object = JSONObject([
            ("type", .string("file")), ("bom-ref", .string("\(model)#\(digest)")),
            ("name", .string(digest.blobFileName)), ("description", .string(blob.mediaType)),
        ])
        if blob.mediaType.range(of: #"^[-+a-z0-9.]+/[-+a-z0-9.]+$"#, options: .regularExpression) != nil {
            object["mime-type"] = .string(blob.mediaType)
        }
        object["hashes"] = .array([Self.hash(digest)])
        var properties = [
            Self.property("ollama:media_type", blob.mediaType), Self.property("ollama:size", String(blob.declaredSize)),
            Self.property("ollama:state", blob.state.name),
        ]
        if let path = blob.path {
            properties.append(Self.property("ollama:path", path))
            object["externalReferences"] = .array([
                .object(
                    JSONObject([
                        ("type", .string("distribution")), ("url", .string(URL(fileURLWithPath: path).absoluteString)),
                        ("comment", .string("the blob in the Ollama store")),
                    ]))
            ])
        }
        object["properties"] = .array(properties)
        return .object(object)
    }

    /// The model card: the architecture family, what the model takes and gives (from its capabilities), and
    /// the facts CycloneDX has no field for (quantization, parameters, context length) as properties.
    private func modelCard(_ model: ModelRecord) -> JSONValue {
        let capabilities = Set(model.capabilities)
        var parameters = JSONObject()
        if let family = model.ggufHeader?.architecture ?? model.family, !family.isEmpty {
            parameters["architectureFamily"] = .string(family)
        }
        if let task = Self.task(capabilities) { parameters["task"] = .string(task) }
        let (inputs, outputs) = Self.modalities(capabilities)
        if !inputs.isEmpty {
            parameters["inputs"] = .array(inputs.map { .object(JSONObject([("format", .string($0))])) })
        }
        if !outputs.isEmpty {
            parameters["outputs"] = .array(outputs.map { .object(JSONObject([("format", .string($0))])) })
        }
        var properties: [JSONValue] = []
        if let quantization = model.quantization {
            properties.append(Self.property("ollama:quantization", quantization))
        }
        if let count = model.parameterCount {
            properties.append(Self.property("ollama:parameter_count", String(count)))
        }
        if let size = model.parameterSize { properties.append(Self.property("ollama:parameter_size", size)) }
        if let context = model.ggufHeader?.contextLength {
            properties.append(Self.property("ollama:context_length", String(context)))
        }
        if !model.capabilities.isEmpty {
            properties.append(Self.property("ollama:capabilities", model.capabilities.joined(separator: ",")))
        }
        var card = JSONObject([("modelParameters", .object(parameters))])
        if !properties.isEmpty { card["properties"] = .array(properties) }
        return .object(card)
    }

    /// The license layers' texts: an SPDX identifier when the text is a standard license, else its name and text.
    private func licenses(of model: ModelRecord) -> [JSONValue] {
        var seen = Set<BlobDigest>()
        var licenses: [JSONValue] = []
        for layer in model.layers where layer.mediaType == LayerMediaType.license {
            guard let digest = layer.blobDigest, seen.insert(digest).inserted, let path = layer.path,
                let bytes = try? ReadOnlyFile.contents(ofFile: path, limit: 16 << 20)
            else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            if let id = LicenseIdentifier.spdxID(of: text) {
                licenses.append(.object(JSONObject([("license", .object(JSONObject([("id", .string(id))])))])))
            } else if let name = LicenseIdentifier.name(of: text) {
                let content = JSONObject([("contentType", .string("text/plain")), ("content", .string(text))])
                let license = JSONObject([("name", .string(name)), ("text", .object(content))])
                licenses.append(.object(JSONObject([("license", .object(license))])))
            }
        }
        return licenses
    }

    static func description(of model: ModelRecord) -> String? {
        let parts = [model.family, model.parameterSize, model.quantization].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : "Ollama model: " + parts.joined(separator: ", ")
    }

    /// The task in Hugging Face's words.
    static func task(_ capabilities: Set<String>) -> String? {
        if capabilities.contains("embedding") { return "feature-extraction" }
        if capabilities.contains("image") { return "text-to-image" }
        if capabilities.contains("completion") {
            return capabilities.contains("vision") ? "image-text-to-text" : "text-generation"
        }
        return nil
    }

    /// What the model takes and gives, from Ollama's capabilities.
    static func modalities(_ capabilities: Set<String>) -> (inputs: [String], outputs: [String]) {
        var inputs: [String] = []
        var outputs: [String] = []
        if capabilities.contains("completion") || capabilities.contains("embedding") || capabilities.contains("image") {
            inputs.append("text")
        }
        if capabilities.contains("vision") { inputs.append("image") }
        if capabilities.contains("audio") { inputs.append("audio") }
        if capabilities.contains("completion") { outputs.append("text") }
        if capabilities.contains("embedding") { outputs.append("embedding") }
        if capabilities.contains("image") { outputs.append("image") }
        return (inputs, outputs)
    }

    static func hash(_ digest: BlobDigest) -> JSONValue {
        .object(JSONObject([("alg", .string("SHA-256")), ("content", .string(digest.hex.lowercased()))]))
    }

    static func property(_ name: String, _ value: String) -> JSONValue {
        .object(JSONObject([("name", .string(name)), ("value", .string(value))]))
    }

    /// `2026-12-03T14:00:00Z`.
    static func iso8601(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
