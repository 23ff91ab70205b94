import FileIO
import GGUF

/// What the scanner read for one parseable manifest, before anything is derived from it: the blobs' states,
/// the parsed config, the GGUF headers and the template text. `ModelRecord(_:keepingHeader:)` turns it into
/// a record.
struct LoadedModel {
    var name: ModelName
    var manifest: Manifest
    /// The manifest file's `stat`.
    var manifestStatus: FileStatus
    var manifestsDirectory: String
    var configBlob: ModelRecord.Blob
    var layers: [ModelRecord.Blob]
    /// Whether GGUF headers and templates were to be read (false for verify and du, which need neither).
    var readsModelFiles: Bool
    /// The parsed config, shared with the other models of its blob.
    var config: SharedConfig?
    /// Why the config blob, though present, could not be used.
    var configFailure: ModelProblem?
    /// The model layer's GGUF header, when it was read.
    var header: Result<GGUFHeader, GGUFError>?
    /// The projector layers' GGUF headers, in manifest order, for those that were read.
    var projectorHeaders: [Result<GGUFHeader, GGUFError>] = []
    /// The text of the template in effect, when it was read.
    var template: String?

    /// The layer Ollama loads as the model.
    var modelLayer: ModelRecord.Blob? { manifest.modelLayerIndex.map { layers[$0] } }

    /// The template in effect: the last template layer, or the last of the 2023 `prompt` layers.
    var templateLayer: ModelRecord.Blob? {
        layers.last { $0.mediaType == LayerMediaType.template || $0.mediaType == LayerMediaType.prompt }
    }
}
