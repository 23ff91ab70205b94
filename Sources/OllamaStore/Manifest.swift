import Hashing
import OrderedJSON

/// A parsed manifest: the config descriptor and the layers, exactly as Ollama's Go structs read them.
public struct Manifest: Sendable, Equatable {
    /// A config or layer descriptor (`manifest.Layer`).
    public struct Descriptor: Sendable, Equatable {
        public var mediaType: String
        /// The digest as written; `nil` when it is not `sha256:<64 hex>` (see `digestText`).
        public var digest: BlobDigest?
        /// The digest text as written, for messages about an invalid one.
        public var digestText: String
        /// The size the manifest declares; Ollama's SIZE adds these without looking at the blobs.
        public var size: Int64
        /// The model a created layer was inherited from (`FROM`), or the source file of a GGUF create.
        public var from: String?
        /// The tensor name of a `tensor` layer or the file name of a `json` layer.
        public var name: String?

        public init(
            mediaType: String, digest: BlobDigest?, digestText: String, size: Int64, from: String? = nil,
            name: String? = nil
        ) {
            self.mediaType = mediaType
            self.digest = digest
            self.digestText = digestText
            self.size = size
            self.from = from
            self.name = name
        }
    }

    public var schemaVersion: Int64
    public var mediaType: String
    public var config: Descriptor
    /// The layers in order; a cloud stub's `"layers": null` reads as empty.
    public var layers: [Descriptor]
    /// Whether the manifest said `"layers": null` (a cloud model's stub) or had no layers key at all.
    public var hasNullLayers: Bool
    /// The manifest's identity: the sha256 of the bytes Ollama's decoder reads (see `init(bytes:)`).
    public var digest: SHA256Digest

    /// Ollama's SIZE: Σ declared layer sizes + the config size, a repeated digest counted every time.
    public var declaredSize: Int64 { layers.reduce(config.size) { $0 &+ $1.size } }

    /// The bytes the model's blobs occupy: each distinct digest once, the config included.
    public var uniqueSize: Int64 {
        var seen = Set<String>()
        var total: Int64 = 0
        for descriptor in [config] + layers where seen.insert(descriptor.digestText).inserted {
            total &+= descriptor.size
        }
        return total
    }

    /// Every distinct blob the manifest references (config first, then layers in order).
    public var referencedDigests: [BlobDigest] {
        var seen = Set<BlobDigest>()
        return ([config] + layers).compactMap(\.digest).filter { seen.insert($0).inserted }
    }

    /// The index of the layer whose blob Ollama loads as the model: the **last** `model` layer. The one place
    /// that rule is written; records, import and export take it from here.
    public var modelLayerIndex: Int? { layers.lastIndex { $0.mediaType == LayerMediaType.model } }

    /// The layer whose blob Ollama loads as the model.
    public var modelLayer: Descriptor? { modelLayerIndex.map { layers[$0] } }

    /// Parses manifest bytes.
    ///
    /// The JSON is read as Go's `json.Decoder` reads it: the first value only (trailing bytes are ignored),
    /// object keys matched to fields without regard to case, and a type mismatch is an error. The identity
    /// digest is computed from exactly the bytes that decoder reads (`ManifestDigest`).
    public init(bytes: [UInt8]) throws(ManifestError) {
        let parsed: (value: JSONValue, end: Int)
        do {
            parsed = try JSONReader.parsePrefix(bytes)
        } catch {
            throw ManifestError.invalidJSON(error)
        }
        guard case .object(let object) = parsed.value else {
            throw ManifestError.field("manifest", "is not a JSON object")
        }
        schemaVersion = try Self.integer(object.goField("schemaVersion"), field: "schemaVersion") ?? 0
        mediaType = LayerMediaType.interned(try Self.string(object.goField("mediaType"), field: "mediaType") ?? "")
        switch object.goField("config") {
        case .none, .some(.null):
            throw ManifestError.field("config", "is missing")
        case .some(let value):
            config = try Self.descriptor(value, field: "config")
        }
        switch object.goField("layers") {
        case .none, .some(.null):
            layers = []
            hasNullLayers = true
        case .some(.array(let elements)):
            layers = []
            layers.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                layers.append(try Self.descriptor(element, field: "layers[\(i)]"))
            }
            hasNullLayers = false
        case .some(let other):
            throw ManifestError.field("layers", "is \(other.kindName), expected an array")
        }
        do {
            digest = try SHA256Hasher.digest(
                of: Array(bytes[..<ManifestDigest.hashedLength(fileLength: bytes.count, valueEnd: parsed.end)]))
        } catch {
            throw ManifestError.hashing(error)
        }
    }

    private static func descriptor(_ value: JSONValue, field: String) throws(ManifestError) -> Descriptor {
        guard case .object(let object) = value else {
            throw ManifestError.field(field, "is \(value.kindName), expected an object")
        }
        let digestText = try string(object.goField("digest"), field: "\(field).digest") ?? ""
        return Descriptor(
            mediaType: LayerMediaType.interned(
                try string(object.goField("mediaType"), field: "\(field).mediaType") ?? ""),
            digest: BlobDigest(manifestDigest: digestText),
            digestText: digestText,
            size: try integer(object.goField("size"), field: "\(field).size") ?? 0,
            from: try string(object.goField("from"), field: "\(field).from").flatMap { $0.isEmpty ? nil : $0 },
            name: try string(object.goField("name"), field: "\(field).name").flatMap { $0.isEmpty ? nil : $0 })
    }

    /// A Go `string` field: absent or `null` leaves it empty; any other non-string is a type error.
    private static func string(_ value: JSONValue?, field: String) throws(ManifestError) -> String? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let s)): return s
        case .some(let other): throw ManifestError.field(field, "is \(other.kindName), expected a string")
        }
    }

    /// A Go `int`/`int64` field: the number must be an integer that fits.
    private static func integer(_ value: JSONValue?, field: String) throws(ManifestError) -> Int64? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.number(let n)):
            guard let v = n.int64Value else { throw ManifestError.field(field, "\(n) is not a 64-bit integer") }
            return v
        case .some(let other): throw ManifestError.field(field, "is \(other.kindName), expected a number")
        }
    }
}

extension JSONValue {
    /// "a string", "an array", ... for messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
