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

        /// `model`, `projector 1`, `adapter 2`, `draft`.
        public var description: String {
            switch self {
            case .model, .draft: return kind
            case .projector(let n), .adapter(let n): return "\(kind) \(n)"
            }
        }
    }

    /// One GGUF file to write.
    public struct File: Sendable {
        /// What the file is to the model.
        public var role: Role
        /// The name in the destination: `<model>-<tag>.gguf`, `<model>-<tag>.mmproj-<n>.gguf`,
        /// `<model>-<tag>.adapter-<n>.gguf` or `<model>-<tag>.draft.gguf`.
        public var fileName: String
        /// The blob it is copied or linked from.
        public var source: String
        /// The blob's digest, which a copy must hash to.
        public var digest: BlobDigest
        /// The size the manifest declares, which the blob must have.
        public var size: Int64
    }

    /// The name of the Modelfile in the destination.
    public static let modelfileName = "Modelfile"

    /// The GGUF files, the model first.
    public var files: [File]
    /// The layers whose text goes into the Modelfile, in manifest order.
    public var textLayers: [ModelRecord.Blob]

    /// The plan for `record`.
    /// - Throws: `ExportError.notExportable` with the reason when the model has no GGUF model layer.
    public init(record: ModelRecord) throws(ExportError) {
        let name = record.displayName
        if record.isRemote {
            let host = record.config?.remoteHost ?? ""
            throw .notExportable(
                model: name,
                reason:
                    "it is a cloud model; its weights live on \(host.isEmpty ? "a remote host" : host), not in the store"
            )
        }
        if let config = record.config, !config.isGGUFFormat {
            throw .notExportable(
                model: name,
                reason:
                    "its format is \(config.modelFormat), stored as \(record.layers.count) separate tensor and JSON blobs, not as one GGUF"
            )
        }
        guard let modelLayer = record.modelLayer else {
            throw .notExportable(model: name, reason: "its manifest has no model layer")
        }
        let stem = "\(record.name.model)-\(record.name.tag)"
        var files: [File] = []
        func add(_ blob: ModelRecord.Blob, _ role: Role, _ fileName: String) throws(ExportError) {
            guard let digest = blob.blobDigest, let path = blob.path else {
                throw .notExportable(model: name, reason: "its \(role) layer has an invalid digest \"\(blob.digest)\"")
            }
            files.append(File(role: role, fileName: fileName, source: path, digest: digest, size: blob.declaredSize))
        }
        try add(modelLayer, .model, stem + ".gguf")
        for (index, projector) in record.projectorLayers.enumerated() {
            try add(projector, .projector(index + 1), "\(stem).mmproj-\(index + 1).gguf")
        }
        for (index, adapter) in record.adapterLayers.enumerated() {
            try add(adapter, .adapter(index + 1), "\(stem).adapter-\(index + 1).gguf")
        }
        if let draft = record.draftLayer { try add(draft, .draft, stem + ".draft.gguf") }
        self.files = files
        textLayers = record.layers.filter { ModelfileBuilder.textMediaTypes.contains($0.mediaType) }
    }

    /// The bytes of each text layer, by digest, each read whole and checked against its name.
    public func textContents() throws(ExportError) -> [BlobDigest: [UInt8]] {
        var contents: [BlobDigest: [UInt8]] = [:]
        for layer in textLayers {
            guard let digest = layer.blobDigest, contents[digest] == nil else { continue }
            contents[digest] = try LayerText.bytes(of: layer)
        }
        return contents
    }
}
