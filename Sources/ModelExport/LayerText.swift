import FileIO
import Hashing
import OllamaStore

/// The text layers of a model (template, system, params, messages, license), read whole and checked against
/// their names before anything uses them.
public enum LayerText {
    /// The bytes of `layer`'s blob.
    /// - Throws: `ExportError.badBlob` when the blob is missing, unreadable or does not hash to its name.
    public static func bytes(of layer: ModelRecord.Blob) throws(ExportError) -> [UInt8] {
        let kind = LayerMediaType.shortName(layer.mediaType)
        guard let digest = layer.blobDigest, let path = layer.path else {
            throw .badBlob(path: layer.digest, reason: "the \(kind) layer has an invalid digest")
        }
        let bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.contents(ofFile: path)
        } catch {
            throw .badBlob(path: path, reason: error.isMissingFile ? "the \(kind) blob is missing" : error.reason)
        }
        guard (try? SHA256Hasher.digest(of: bytes)) == digest.sha256 else {
            throw .badBlob(path: path, reason: "the \(kind) blob does not hash to its name")
        }
        return bytes
    }

    /// What `ollama show --template`, `--system` or `--license` prints: the text of the last template (or
    /// prompt) layer, of the last system layer, or of every license layer separated by a blank line, as
    /// Ollama's `GetModel` reads them; nil when the model has no such layer.
    public static func shown(_ mediaTypes: Set<String>, of record: ModelRecord, all: Bool = false)
        throws(ExportError) -> String?
    {
        let layers = record.layers.filter { mediaTypes.contains($0.mediaType) }
        guard !layers.isEmpty else { return nil }
        var texts: [String] = []
        for layer in all ? layers : [layers.last!] {
            texts.append(String(decoding: try bytes(of: layer), as: UTF8.self))
        }
        return texts.joined(separator: "\n\n")
    }
}
