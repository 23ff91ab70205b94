import GGUF
import Hashing

/// Everything the store says about one model: Ollama's own name, ID and SIZE, the exact blob paths, the
/// config's details and what the GGUF header adds.
public struct ModelRecord: Sendable {
    /// The model's overall state, worst first: `invalid` (the manifest or the model's GGUF cannot be read),
    /// `missing_blobs`, `size_mismatch`, `remote` (a cloud stub), `no_gguf` (no GGUF model layer, e.g. a
    /// safetensors model), `ok`.
    public enum Status: String, Sendable, CaseIterable {
        case ok
        case missingBlobs = "missing_blobs"
        case sizeMismatch = "size_mismatch"
        case remote
        case noGGUF = "no_gguf"
        case invalid
    }

    /// Where `quantization` came from.
    public typealias QuantizationSource = Quantization.Source

    /// What the store holds for one referenced blob.
    public enum BlobState: Sendable, Equatable {
        case present
        case missing
        /// The blob's size differs from the size the manifest declares.
        case sizeDiffers(actual: Int64)
        /// The blob exists but cannot be used (a directory in its place, a failed `stat`).
        case unreadable(reason: String)
        /// The manifest's digest is not `sha256:<64 hex>`, so there is no blob to look for.
        case invalidDigest

        /// Whether the model cannot have this blob's bytes: it is missing, or something unusable is in its place.
        public var isMissingOrUnusable: Bool {
            switch self {
            case .missing, .unreadable: return true
            case .present, .sizeDiffers, .invalidDigest: return false
            }
        }

        /// `present`, `missing`, `size_differs`, `unreadable` or `invalid_digest`.
        public var name: String {
            switch self {
            case .present: return "present"
            case .missing: return "missing"
            case .sizeDiffers: return "size_differs"
            case .unreadable: return "unreadable"
            case .invalidDigest: return "invalid_digest"
            }
        }
    }

    /// One config or layer descriptor and its blob.
    public struct Blob: Sendable {
        public var mediaType: String
        /// The blob's content address; `nil` when the manifest's digest is not `sha256:<64 hex>`.
        public var blobDigest: BlobDigest?
        /// The digest text as the manifest writes it.
        public var digest: String { rare?.digestText ?? blobDigest?.description ?? "" }
        public var declaredSize: Int64
        /// The model a created layer was inherited from (`FROM`), or the source file of a GGUF create.
        public var from: String? { rare?.from }
        /// The tensor name of a `tensor` layer or the file name of a `json` layer.
        public var name: String? { rare?.name }
        /// What most descriptors do not have, held by reference so that a blob is eight bytes for all of it.
        private var rare: RareFields?
        public var state: BlobState
        /// `blobs/`, one string shared by every blob of the scan; `nil` for an invalid digest.
        var blobsDirectory: String?
        /// Whether the file is the pre-v0.1.30 `sha256:<hex>` name.
        var hasLegacyName = false

        /// The blob's absolute path (where Ollama looks for it, even when it is missing); `nil` for an
        /// invalid digest. Built when asked for, so that a record holds no path strings.
        public var path: String? {
            guard let blobDigest, let blobsDirectory else { return nil }
            return blobsDirectory + "/" + (hasLegacyName ? blobDigest.legacyBlobFileName : blobDigest.blobFileName)
        }

        public init(
            mediaType: String, blobDigest: BlobDigest?, digestText: String, declaredSize: Int64, from: String?,
            name: String?, state: BlobState
        ) {
            self.mediaType = mediaType
            self.blobDigest = blobDigest
            self.declaredSize = declaredSize
            self.state = state
            // The text is kept only when the digest does not print it back: an invalid digest, or the
            // `sha256-<hex>` spelling (a parsed digest keeps the case of its hex).
            let printsBack = blobDigest != nil && digestText.utf8.dropFirst(6).first == UInt8(ascii: ":")
            let unusualDigestText = printsBack ? nil : digestText
            if unusualDigestText != nil || from != nil || name != nil {
                rare = RareFields(digestText: unusualDigestText, from: from, name: name)
            }
        }
    }

    public var name: ModelName
    /// `DisplayShortest`, as `ollama list` shows the name.
    public var displayName: String { name.displayShortest }
    /// The manifest's identity: the SHA-256 of its bytes (`nil` only if they could not be hashed).
    public var manifestDigest: SHA256Digest?
    /// The manifest's identity digest (64 hex); its first 12 characters are Ollama's ID.
    public var digest: String { manifestDigest?.hex ?? "" }
    public var id: String { String(digest.prefix(12)) }
    /// Ollama's SIZE: declared config and layer sizes, duplicates included.
    public var size: Int64
    /// Each distinct blob once.
    public var uniqueSize: Int64
    /// The manifest file's mtime, in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    /// The manifest file's length in bytes.
    public var manifestSize: Int64
    /// `manifests/`, one string shared by every record of the scan.
    var manifestsDirectory: String
    /// The manifest's path; a scan finds manifests at exactly their name's four components.
    public var manifestPath: String { manifestsDirectory + "/" + name.relativeManifestPath }

    /// The parsed config blob, when it could be read.
    public var config: ModelConfig? { sharedConfig?.value }
    /// The config, held by reference: models that share a config blob share one parsed copy, and a record
    /// stays small (a `ModelConfig` is over 200 bytes inline).
    var sharedConfig: SharedConfig?
    public var configBlob: Blob?
    public var layers: [Blob]
    /// The config blob (when the manifest names one), then the layers.
    public var allBlobs: [Blob] { (configBlob.map { [$0] } ?? []) + layers }

    /// `allBlobs` with each content address once, first use first; descriptors with an invalid digest are
    /// left out. A set, not a search of the kept ones, so a manifest with 240,000 layers costs linear time.
    public var distinctBlobs: [Blob] { Self.distinct(allBlobs) }

    /// `layers` with each content address once, first use first; invalid digests left out.
    public var distinctLayers: [Blob] { Self.distinct(layers) }

    private static func distinct(_ blobs: [Blob]) -> [Blob] {
        var seen = Set<BlobDigest>(minimumCapacity: blobs.count)
        return blobs.filter { blob in blob.blobDigest.map { seen.insert($0).inserted } ?? false }
    }

    public var quantization: String?
    public var quantizationSource: QuantizationSource?
    /// The parameter size: the config's `model_type`, else formatted from `parameterCount`.
    public var parameterSize: String?
    /// Σ tensor elements of the model GGUF.
    public var parameterCount: UInt64?
    public var contextLength: Int64?
    public var embeddingLength: Int64?
    public var capabilities: [String]
    /// The model layer's `from` (Ollama's `details.parent_model`).
    public var parentModel: String?

    /// The index in `layers` of the model layer (`Manifest.modelLayerIndex`), found once by the scanner.
    var modelLayerIndex: Int?
    /// The layer Ollama loads as the model: the last layer of the `model` media type.
    public var modelLayer: Blob? { modelLayerIndex.map { layers[$0] } }
    /// The projector layers (a vision model's CLIP GGUF), in manifest order.
    public var projectorLayers: [Blob] { layers.filter { $0.mediaType == LayerMediaType.projector } }
    /// The adapter layers (LoRA GGUFs), in manifest order.
    public var adapterLayers: [Blob] { layers.filter { $0.mediaType == LayerMediaType.adapter } }
    /// The draft model's layer, for speculative decoding: like the model layer, the last one wins.
    public var draftLayer: Blob? { layers.last { $0.mediaType == LayerMediaType.draft } }
    /// The model GGUF's path.
    public var modelBlob: String? { modelLayer?.path }
    /// The projector layers' paths.
    public var projectorBlobs: [String] { projectorLayers.compactMap(\.path) }
    /// The adapter layers' paths.
    public var adapterBlobs: [String] { adapterLayers.compactMap(\.path) }
    /// The model layer's GGUF header, when it was read.
    public var ggufHeader: GGUFHeader?

    public var status: Status
    /// Everything wrong with the model, as values: match on their cases, print their descriptions.
    public var problems: [ModelProblem]

    public var format: String? { config?.modelFormat }
    public var family: String? { config?.modelFamily }
    public var families: [String]? { config?.modelFamilies }
    /// Whether the model lives on a remote host (its SIZE column shows `-`).
    public var isRemote: Bool { config?.isRemote ?? false }
}

/// A parsed config, shared by the records of every model that uses its blob.
final class SharedConfig: Sendable {
    let value: ModelConfig
    init(_ value: ModelConfig) { self.value = value }
}

/// A descriptor's digest text, `from` and `name`, when it has any of them.
private final class RareFields: Sendable {
    let digestText: String?
    let from: String?
    let name: String?

    init(digestText: String?, from: String?, name: String?) {
        self.digestText = digestText
        self.from = from
        self.name = name
    }
}
