import GGUF

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
    public enum QuantizationSource: String, Sendable {
        case gguf
        /// Derived from the tensor types because `general.file_type` is absent.
        case ggufGuessed = "gguf-guessed"
        case config
    }

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
        /// The digest text as the manifest writes it.
        public var digest: String
        public var declaredSize: Int64
        public var from: String?
        public var name: String?
        /// The blob's absolute path (where Ollama looks for it, even when it is missing); `nil` for an
        /// invalid digest.
        public var path: String?
        public var state: BlobState
    }

    public var name: ModelName
    /// `DisplayShortest`, as `ollama list` shows the name.
    public var displayName: String { name.displayShortest }
    /// The manifest's identity digest (64 hex); its first 12 characters are Ollama's ID.
    public var digest: String
    public var id: String { String(digest.prefix(12)) }
    /// Ollama's SIZE: declared config and layer sizes, duplicates included.
    public var size: Int64
    /// Each distinct blob once.
    public var uniqueSize: Int64
    /// The manifest file's mtime, in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    public var manifestPath: String

    public var config: ModelConfig?
    public var configBlob: Blob?
    public var layers: [Blob]

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

    public var modelBlob: String?
    public var projectorBlobs: [String]
    public var adapterBlobs: [String]
    /// The model layer's GGUF header, when it was read.
    public var ggufHeader: GGUFHeader?

    public var status: Status
    public var problems: [String]

    public var format: String? { config?.modelFormat }
    public var family: String? { config?.modelFamily }
    public var families: [String]? { config?.modelFamilies }
    /// Whether the model lives on a remote host (its SIZE column shows `-`).
    public var isRemote: Bool { config?.isRemote ?? false }
}
