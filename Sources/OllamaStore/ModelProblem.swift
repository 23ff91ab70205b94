import GGUF

/// One thing wrong with a model, as a value: callers match on the case, and print `description`.
public enum ModelProblem: Sendable, Equatable, CustomStringConvertible {
    /// Which descriptor of the manifest a blob problem is about.
    public enum BlobRole: Sendable, Equatable, CustomStringConvertible {
        case config
        /// Layer `index` (0-based) of the manifest, with its media type.
        case layer(index: Int, mediaType: String)

        /// `config blob`, or `layer 2 (model)`.
        public var description: String {
            switch self {
            case .config: return "config blob"
            case .layer(let index, let mediaType): return "layer \(index) (\(LayerMediaType.shortName(mediaType)))"
            }
        }
    }

    /// The manifest file does not parse.
    case invalidManifest(ManifestError)
    /// A blob the manifest names is not as the manifest says: missing, of another size, unusable, or named by
    /// an invalid digest. `location` is the blob's path, or its digest text when it has no path.
    case blob(BlobRole, location: String, declaredSize: Int64, state: ModelRecord.BlobState)
    /// The config blob is there but cannot be read or parsed.
    case unreadableConfig(path: String, reason: String)
    /// A config field has the wrong type and was ignored.
    case configField(String)
    /// The model layer's blob is not a readable GGUF file.
    case unreadableModelGGUF(GGUFError)
    /// The model GGUF's header was read, but something in the file is wrong (cut short after its header, a
    /// tensor offset out of line).
    case modelGGUF(String)
    /// A projector layer's blob is not a readable GGUF file.
    case unreadableProjectorGGUF(GGUFError)
    /// The GGUF header and the config name different quantizations.
    case quantizationDisagreement(header: String, config: String)

    public var description: String {
        switch self {
        case .invalidManifest(let error):
            return "invalid manifest: \(error)"
        case .blob(let role, let location, let declaredSize, let state):
            switch state {
            case .present: return "\(role) \(location) is present"
            case .missing: return "\(role) \(location) is missing"
            case .sizeDiffers(let actual):
                return "\(role) \(location) is \(actual) bytes, the manifest declares \(declaredSize)"
            case .unreadable(let reason): return "\(role) \(location) is unusable: \(reason)"
            case .invalidDigest: return "\(role) has an invalid digest \"\(location)\""
            }
        case .unreadableConfig(let path, let reason):
            return "config blob \(path): \(reason)"
        case .configField(let problem):
            return "config: \(problem)"
        case .unreadableModelGGUF(let error):
            return "model GGUF: \(error)"
        case .modelGGUF(let problem):
            return "model GGUF: \(problem)"
        case .unreadableProjectorGGUF(let error):
            return "projector GGUF: \(error)"
        case .quantizationDisagreement(let header, let config):
            return "quantization: the GGUF header says \(header) but the config says \(config)"
        }
    }

    /// The problem a blob that is not `present` gives its model.
    static func blob(_ blob: ModelRecord.Blob, role: BlobRole) -> ModelProblem {
        .blob(role, location: blob.path ?? blob.digest, declaredSize: blob.declaredSize, state: blob.state)
    }
}
