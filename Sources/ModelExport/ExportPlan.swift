import FileIO
import OllamaStore

/// The GGUF files one model exports to: its model layer, then its projectors, adapters and draft, each under
/// a name derived from the model's name and tag. Nothing else of the model is a file of its own: template,
/// system prompt, parameters, messages and licenses go into the Modelfile.
public struct ExportPlan: Sendable {
    /// What a GGUF file is to the model.
    public enum Role: Equatable, Sendable, CustomStringConvertible {
        case model
        /// A vision or audio projector (`mmproj`), numbered from 1 in manifest order.
        case projector(Int)
        /// A LoRA adapter, numbered from 1 in manifest order.
        case adapter(Int)
        /// A draft model for speculative decoding.
        case draft

        /// `model`, `projector`, `adapter` or `draft`.
        public var kind: String {
            switch self {
            case .model: return "model"
            case .projector: return "projector"
            case .adapter: return "adapter"
            case .draft: return "draft"
            }
        }

        public var description: String {
            switch self {
            case .model, .draft: return kind
            case .projector(let n), .adapter(let n): return "\(kind) \(n)"
            }
        }
    }

    /// One GGUF file to write.
    public struct File: Sendable {
        public var role: Role
        /// The name in the destination: `<model>-<tag>.gguf`, `<model>-<tag>.mmproj-<n>.gguf`,
        /// `<model>-<tag>.adapter-<n>.gguf` or `<model>-<tag>.draft.gguf`.
        public var fileName: String
        public var source: String
        public var digest: BlobDigest
        public var size: Int64
    }

    public static let modelfileName = "Modelfile"

    public var files: [File]
    /// The layers whose text goes into the Modelfile, in manifest order.
    public var textLayers: [ModelRecord.Blob]

    /// The plan for `record`.
    /// - Throws: `ExportError.notExportable` with the reason when the model has no GGUF model layer.
    public init(record: ModelRecord) throws(ExportError) {
        let name = record.displayName
        if record.isRemote {
            let host = record.config?.remoteHost ?? ""
            throw .notExportable(model: name, reason: "it is a cloud model; its weights live on \(host.isEmpty ? "a remote host" : host), not in the store")
        }
        if let config = record.config, !config.isGGUFFormat {
            throw .notExportable(model: name, reason: "its format is \(config.modelFormat), stored as \(record.layers.count) separate tensor and JSON blobs, not as one GGUF")
        }
        guard let modelIndex = record.layers.lastIndex(where: { $0.mediaType == LayerMediaType.model }) else {
            throw .notExportable(model: name, reason: "its manifest has no model layer")
        }
        let stem = "\(record.name.model)-\(record.name.tag)"
        var files: [File] = []
        var projectors = 0
        var adapters = 0
        var draft: Int?
        func add(_ blob: ModelRecord.Blob, _ role: Role, _ fileName: String) throws(ExportError) {
            guard let digest = blob.blobDigest, let path = blob.path else {
                throw .notExportable(model: name, reason: "its \(role) layer has an invalid digest \"\(blob.digest)\"")
            }
            files.append(File(role: role, fileName: fileName, source: path, digest: digest, size: blob.declaredSize))
        }
        try add(record.layers[modelIndex], .model, stem + ".gguf")
        for (index, blob) in record.layers.enumerated() {
            switch blob.mediaType {
            case LayerMediaType.projector:
                projectors += 1
                try add(blob, .projector(projectors), "\(stem).mmproj-\(projectors).gguf")
            case LayerMediaType.adapter:
                adapters += 1
                try add(blob, .adapter(adapters), "\(stem).adapter-\(adapters).gguf")
            case LayerMediaType.draft:
                draft = index  // like the model layer, the last one wins
            default:
                break
            }
        }
        if let draft { try add(record.layers[draft], .draft, stem + ".draft.gguf") }
        self.files = files
        textLayers = record.layers.filter { ModelfileBuilder.textMediaTypes.contains($0.mediaType) }
    }
}
